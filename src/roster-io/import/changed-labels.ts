import { termsOf, type OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { mappableColumns } from '../roster-columns.js';

/** The column a stored field is part of: a date's precision of its date, `unitId` of the chi hội, the commune's columns of Xã/Phường. */
const columnOf = (field: string): string =>
  field === 'unitId'
    ? 'unit'
    : field.startsWith('commune')
      ? 'communeName'
      : field === 'idNumberHash'
        ? 'idNumber'
        : field.replace(/Precision$/, '');

/**
 * A row's changed fields (the plan's `changed`: `phone`, `unitId`, `profile.position`…) as its secretary
 * reads them: by their columns' Vietnamese headers, once each (`Số điện thoại`, `Chi hội / đơn vị`,
 * `Chức vụ`); the organization's own fields one by one, never "profile". The console and the CLI say the same.
 */
export function changedLabels(def: OrganizationDefinition, fields: string[]): string[] {
  const branch = termsOf(def).branch;
  const headers = new Map<string, string>(
    mappableColumns(def).map((c) => [c.key, c.key === 'unit' ? `${branch[0].toUpperCase()}${branch.slice(1)} / đơn vị` : c.header]),
  );
  const named = fields.filter((f) => f !== 'profile' || !fields.some((x) => x.startsWith('profile.')));
  return [...new Set(named.map((f) => headers.get(columnOf(f)) ?? (f === 'profile' ? 'Thông tin riêng của tổ chức' : 'Thông tin khác')))];
}
