import type { EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { inScope, unitPathLimit, writeScope, type RecordScope } from '../../access/record-scope.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { Unit, UnitKind } from '../../membership/unit/unit.entity.js';
import type { UnitsService } from '../../membership/unit/units.service.js';

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
      unit = await createBranch(em, service, this.def.code, code, communeCode, writeScope(actor));
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
  code: string,
  communeCode: string,
  scope: RecordScope,
): Promise<Unit> {
  const repo = em.getRepository(Unit);
  let base = await repo.findOne({ where: { organizationCode: org, kind: UnitKind.BASE, communeCode }, order: { code: 'ASC' } });
  if (!base)
    base = await service.create(
      { organization: org, code: `${org}-${communeCode}`, name: `Cơ sở xã ${communeCode}`, kind: UnitKind.BASE, communeCode },
      scope,
      em,
    );
  return service.create({ organization: org, code, name: code, kind: UnitKind.BRANCH, parent: base.code }, scope, em);
}
