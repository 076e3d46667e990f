import type { EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { inScope, unitPathLimit, writeScope, type RecordScope } from '../../access/record-scope.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { headerKey } from '../../common/files/header-key.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { Unit, UnitKind } from '../../membership/unit/unit.entity.js';
import { MAX_UNIT_CODE_LENGTH, parseUnitCode } from '../../membership/unit/unit-code.js';
import type { UnitsService } from '../../membership/unit/units.service.js';

/** How a branch column's name is compared: accents, tone placement, case, spaces and punctuation do not count. */
export const unitNameKey = (name: string): string => headerKey(name);

/** The code a unit created from a branch column's name gets: the commune's code, then the name without accents (`00004-CHI-HOI-1`). */
export function codeForUnitName(communeCode: string, name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toUpperCase();
  return `${communeCode}-${slug || 'DON-VI'}`.slice(0, MAX_UNIT_CODE_LENGTH).replace(/-+$/, '');
}

/**
 * The units an import's rows name (`Mã đơn vị`), looked up once each and, with `--create-units`,
 * created as branches. Kept between batches; a rolled-back batch puts the map back (its units are gone).
 */
export class ImportUnits {
  private readonly known = new Map<string, Unit | null>();

  constructor(
    private readonly def: OrganizationDefinition,
    private readonly scope: RecordScope,
    private readonly createUnits: boolean,
  ) {}

  snapshot(): Map<string, Unit | null> {
    return new Map(this.known);
  }

  restore(snapshot: Map<string, Unit | null>): void {
    this.known.clear();
    for (const [k, v] of snapshot) this.known.set(k, v);
  }

  /** The organization's units by name (read once, when a branch column first asks). */
  private named: Map<string, Unit[]> | null = null;

  /**
   * The unit a branch column names (`Chi hội 1`, or its code): by code, else by name — among the
   * units in the caller's scope, those of the row's commune first when the name is in several. Created
   * as a branch of that name under the commune's base unit when asked; else the row lands without a
   * unit and is warned; a name in two units the row cannot tell apart refuses it, saying what to write.
   */
  async unitByName(
    value: string,
    communeCode: string | null,
    em: EntityManager,
    service: UnitsService,
    actor: Principal,
    problems: FieldProblem[],
    mayCreate: boolean,
    /** What does not refuse the row: a name no unit has, when units are not to be created (the row lands without one). */
    warnings: FieldProblem[],
  ): Promise<Unit | null> {
    const label = 'Chi hội/đơn vị';
    if (parseUnitCode(value).ok) {
      const byCode = this.known.get(value) ?? (await service.findByCodeOrNull(this.def.code, value, em));
      if (byCode) {
        this.known.set(value, byCode);
        return this.inScopeOr(byCode, value, label, problems);
      }
    }
    const key = `name:${unitNameKey(value)}`;
    const created = this.known.get(key);
    if (created) return created;
    let found = (await this.byName(em)).get(unitNameKey(value)) ?? [];
    found = found.filter((u) => inScope(this.scope, { organizationCode: this.def.code, unitPath: u.path }));
    if (found.length > 1 && communeCode) found = found.filter((u) => u.communeCode === communeCode);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      const codes = found
        .map((u) => u.code)
        .sort()
        .join(', ');
      problems.push({
        field: 'unit',
        value,
        message: `${label}: có ${found.length} đơn vị tên '${value}' (mã ${codes}): ghi Mã đơn vị thay cho tên`,
      });
      return null;
    }
    if (!this.createUnits) {
      // A branch column may be an address (a hamlet): the member is imported all the same, without a unit, and told.
      warnings.push({
        field: 'unit',
        value,
        message: `${label}: không có chi hội/đơn vị tên '${value}' trong tổ chức ${this.def.code}: hội viên được nhập, chưa có đơn vị; sửa tên cho đúng, hoặc nhập lại với "Tạo các chi hội (đơn vị) … mà chưa có" (--create-units)`,
      });
      return null;
    }
    if (!mayCreate) return null;
    if (!communeCode) {
      problems.push({ field: 'unit', value, message: `${label}: '${value}' chưa có; cần Mã xã của dòng để tạo đơn vị mới` });
      return null;
    }
    let code = codeForUnitName(communeCode, value);
    for (let n = 2; await service.findByCodeOrNull(this.def.code, code, em); n++)
      code = `${codeForUnitName(communeCode, value).slice(0, MAX_UNIT_CODE_LENGTH - 4)}-${n}`;
    const unit = await createBranch(em, service, this.def.code, { code, name: value }, communeCode, writeScope(actor));
    this.known.set(key, unit);
    return unit;
  }

  private inScopeOr(unit: Unit, value: string, label: string, problems: FieldProblem[]): Unit {
    if (unitPathLimit(this.scope) && !inScope(this.scope, { organizationCode: this.def.code, unitPath: unit.path }))
      problems.push({ field: 'unit', value, message: `${label}: đơn vị '${value}' nằm ngoài phạm vi của tài khoản này` });
    return unit;
  }

  private async byName(em: EntityManager): Promise<Map<string, Unit[]>> {
    if (!this.named) {
      this.named = new Map();
      for (const u of await em.getRepository(Unit).findBy({ organizationCode: this.def.code })) {
        const k = unitNameKey(u.name);
        this.named.set(k, [...(this.named.get(k) ?? []), u]);
      }
    }
    return this.named;
  }

  /**
   * The unit of a `Mã đơn vị`, created as a branch under the commune's base unit when asked
   * (`mayCreate` is false for a row already rejected: a bad row creates no unit).
   */
  async unit(
    code: string,
    communeCode: string | null,
    em: EntityManager,
    service: UnitsService,
    actor: Principal,
    problems: FieldProblem[],
    mayCreate: boolean,
  ): Promise<Unit | null> {
    let unit = this.known.get(code);
    if (unit === undefined) {
      unit = await service.findByCodeOrNull(this.def.code, code, em);
      if (unit) this.known.set(code, unit);
    }
    if (!unit && this.createUnits && !mayCreate) return null;
    if (!unit && this.createUnits) {
      if (!communeCode) {
        problems.push({ field: 'unit', value: code, message: `Mã đơn vị: '${code}' chưa có; cần Mã xã của dòng để tạo đơn vị mới` });
        return null;
      }
      unit = await createBranch(em, service, this.def.code, { code, name: code }, communeCode, writeScope(actor));
      this.known.set(code, unit);
    }
    if (!unit) {
      problems.push({
        field: 'unit',
        value: code,
        message: `Mã đơn vị: không có đơn vị '${code}' trong tổ chức ${this.def.code} (dùng --create-units để tạo)`,
      });
      return null;
    }
    if (unitPathLimit(this.scope) && !inScope(this.scope, { organizationCode: this.def.code, unitPath: unit.path }))
      problems.push({ field: 'unit', value: code, message: `Mã đơn vị: đơn vị '${code}' nằm ngoài phạm vi của tài khoản này` });
    return unit;
  }
}

/**
 * A branch under the organization's base unit of the commune (the base unit is created when missing).
 * (Finding or creating a unit belongs to membership's units; it stays here while that file is not ours to change.)
 */
async function createBranch(
  em: EntityManager,
  service: UnitsService,
  org: string,
  branch: { code: string; name: string },
  communeCode: string,
  scope: RecordScope,
): Promise<Unit> {
  const repo = em.getRepository(Unit);
  let base = await repo.findOne({ where: { organizationCode: org, kind: UnitKind.BASE, communeCode }, order: { code: 'ASC' } });
  if (!base) {
    // Named by its commune ("Cơ sở Phường Ba Đình"), as a secretary would look for it.
    const [commune] = await em.query<{ name: string }[]>(`SELECT name FROM commune WHERE code = $1`, [communeCode]);
    const name = `Cơ sở ${commune?.name ?? `xã ${communeCode}`}`;
    base = await service.create({ organization: org, code: `${org}-${communeCode}`, name, kind: UnitKind.BASE, communeCode }, scope, em);
  }
  return service.create({ organization: org, ...branch, kind: UnitKind.BRANCH, parent: base.code }, scope, em);
}
