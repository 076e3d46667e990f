import { parsePartialDate, toStoredDate } from '../common/dates/partial-date.js';
import { parseIdNumber } from '../common/identity/id-number.js';
import { parsePersonName } from '../common/identity/person-name.js';
import type { SecretVault } from './secret-vault.js';

/** The keyed hashes an erased person leaves behind: of the ID number, and of full name + exact birth date. */
export function tombstoneKeys(
  vault: Pick<SecretVault, 'hash'>,
  r: {
    idNumber?: string | null;
    idNumberHash?: Buffer | null;
    nameFolded: string | null;
    birthDate: string | null;
    birthDatePrecision: string | null;
  },
): { kind: 'ID_NUMBER' | 'NAME_BIRTH'; hash: Buffer }[] {
  const keys: { kind: 'ID_NUMBER' | 'NAME_BIRTH'; hash: Buffer }[] = [];
  const idHash = r.idNumberHash ?? (r.idNumber ? vault.hash(r.idNumber) : null);
  if (idHash) keys.push({ kind: 'ID_NUMBER', hash: idHash });
  if (r.nameFolded && r.birthDate && r.birthDatePrecision === 'DAY')
    keys.push({ kind: 'NAME_BIRTH', hash: vault.hash(`name-birth:${r.nameFolded}|${r.birthDate}`) });
  return keys;
}

/** The key of a record's Mã hồ sơ in its organization: a rejected import row of that record is found by it. */
export function recordCodeKey(vault: Pick<SecretVault, 'hash'>, organization: string, externalId: string): Buffer {
  return vault.hash(`record-code:${organization}|${externalId.trim()}`);
}

/**
 * The keys a rejected import row is kept with (beside its sealed cells), so that an erasure finds
 * the rows of the erased person without opening every row: the tombstone keys of what the row
 * says (an unreadable cell gives no key) and the key of its Mã hồ sơ.
 */
export function rejectedRowKeys(
  vault: Pick<SecretVault, 'hash'>,
  organization: string,
  cells: { externalId?: string | null; fullName?: string | null; birthDate?: string | null; idNumber?: string | null },
): Buffer[] {
  const id = cells.idNumber ? parseIdNumber(cells.idNumber) : null;
  const name = cells.fullName ? parsePersonName(cells.fullName) : null;
  const birth = cells.birthDate ? parsePartialDate(cells.birthDate) : null;
  const keys = tombstoneKeys(vault, {
    idNumber: id?.ok ? id.value.digits : null,
    nameFolded: name?.ok ? name.value.folded : null,
    birthDate: birth?.ok ? toStoredDate(birth.value) : null,
    birthDatePrecision: birth?.ok ? birth.value.precision : null,
  }).map((k) => k.hash);
  if (cells.externalId?.trim()) keys.push(recordCodeKey(vault, organization, cells.externalId));
  return keys;
}
