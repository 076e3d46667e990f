import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { GeographyService } from '../../geography/geography.service.js';
import { assertOrganizationInScope } from '../../access/principal.js';
import { applyScope, inScope, type RecordScope } from '../../access/record-scope.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { OrganizationsService } from '../organization/organizations.service.js';
import { parseUnitCode, parseUnitName } from './unit-code.js';
import { Unit, UnitKind } from './unit.entity.js';

const LEVEL: Record<UnitKind, number> = { PROVINCE: 0, BASE: 1, ENTERPRISE: 1, BRANCH: 2 };

/** Units of each organization's tree; a subtree is a path prefix. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly adminUnits: GeographyService,
  ) {}

  /** The unit, or null: callers that collect several input problems report it themselves. */
  findByCodeOrNull(organization: string, code: string, em: EntityManager = this.db.manager): Promise<Unit | null> {
    return em.getRepository(Unit).findOneBy({ organizationCode: organization, code });
  }

  async findByCode(organization: string, code: string, em: EntityManager = this.db.manager): Promise<Unit> {
    const unit = await this.findByCodeOrNull(organization, code, em);
    if (!unit) throw DomainError.invalidInput([unitNotFound(organization, code)]);
    return unit;
  }

  /** Units by id, in one query (for a record's history). */
  async byIds(ids: string[]): Promise<Map<string, Unit>> {
    if (ids.length === 0) return new Map();
    const units = await this.db.getRepository(Unit).findBy({ id: In(ids) });
    return new Map(units.map((u) => [u.id, u]));
  }

  /** Units in tree order, within the caller's `scope` (in the SQL: a unit-scoped secretariat sees its subtree). */
  list(organization: string, parent: string | null | undefined, scope: RecordScope): Promise<Unit[]> {
    const qb = this.db
      .getRepository(Unit)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.parent', 'p')
      .where('u.organization_code = :organization', { organization });
    if (parent) qb.andWhere('p.code = :parent', { parent });
    applyScope(qb, scope, { organization: 'u.organization_code', unitPath: 'u.path' });
    return qb.orderBy('u.path').getMany();
  }

  async create(
    input: {
      organization: string;
      code: string;
      name: string;
      kind: UnitKind;
      parent?: string;
      communeCode?: string;
    },
    scope: RecordScope,
    outer?: EntityManager,
  ): Promise<Unit> {
    assertOrganizationInScope(scope, input.organization, 'thêm đơn vị');
    const { code, name } = checkUnitText(input);
    await this.organizations.get(input.organization);
    const inTransaction = <T>(fn: (em: EntityManager) => Promise<T>) => (outer ? fn(outer) : this.db.transaction(fn));
    return inTransaction(async (em) => {
      const repo = em.getRepository(Unit);
      if (await repo.existsBy({ organizationCode: input.organization, code }))
        throw new DomainError('CONFLICT', `Mã đơn vị '${code}' đã có trong tổ chức ${input.organization}.`, [
          { field: 'code', value: code, message: 'Mã đơn vị đã tồn tại' },
        ]);
      const parent = input.parent ? await this.findByCode(input.organization, input.parent, em) : null;
      if (
        scope.kind === 'ORGANIZATION' &&
        scope.unitPath &&
        !(parent && inScope(scope, { organizationCode: input.organization, unitPath: parent.path }))
      )
        throw DomainError.invalidInput([
          { field: 'parent', value: input.parent ?? null, message: 'Đơn vị cấp trên (parent) phải thuộc phạm vi đơn vị của tài khoản này' },
        ]);
      if (parent && LEVEL[parent.kind] >= LEVEL[input.kind])
        throw DomainError.invalidInput([
          {
            field: 'parent',
            value: input.parent!,
            message: `Đơn vị cấp trên '${parent.code}' (${parent.kind}) không thể chứa đơn vị loại ${input.kind}`,
          },
        ]);
      if (!parent && input.kind === UnitKind.BRANCH)
        throw DomainError.invalidInput([
          { field: 'parent', value: null, message: 'Chi đoàn/chi hội/tổ phải thuộc một đơn vị cơ sở (parent)' },
        ]);
      let communeCode = parent?.communeCode ?? null;
      if (input.communeCode) {
        const r = this.adminUnits.resolve({ code: input.communeCode });
        if (!r.commune)
          throw DomainError.invalidInput([
            {
              field: 'communeCode',
              value: input.communeCode,
              message:
                r.kind === 'LEGACY_SPLIT'
                  ? `Mã xã cũ '${input.communeCode}' đã chia về ${r.candidates.map((c) => `${c.code} ${c.name}`).join(', ')}: hãy dùng mã xã mới`
                  : `Mã xã '${input.communeCode}' không tồn tại`,
            },
          ]);
        communeCode = r.commune.code;
      }
      if (!communeCode && input.kind !== UnitKind.PROVINCE)
        throw DomainError.invalidInput([
          { field: 'communeCode', value: null, message: 'Đơn vị cơ sở phải gắn với một xã/phường (communeCode)' },
        ]);
      const unit = repo.create({
        organizationCode: input.organization,
        code,
        name,
        kind: input.kind,
        parentId: parent?.id ?? null,
        communeCode,
        path: '',
      });
      await repo.insert(unit);
      unit.path = `${parent?.path ?? '/'}${unit.id}/`;
      await repo.update(unit.id, { path: unit.path });
      return unit;
    });
  }
}

/** The unit's code and name as stored, or every problem of them (Vietnamese, naming the field). */
function checkUnitText(input: { code: string; name: string }): { code: string; name: string } {
  const code = parseUnitCode(input.code);
  const name = parseUnitName(input.name);
  const problems: FieldProblem[] = [];
  if (!code.ok) problems.push({ field: 'code', value: input.code, message: `Mã đơn vị: ${code.reason}` });
  if (!name.ok) problems.push({ field: 'name', value: input.name.slice(0, 200), message: `Tên đơn vị: ${name.reason}` });
  if (!code.ok || !name.ok) throw DomainError.invalidInput(problems);
  return { code: code.value, name: name.value };
}

export function unitNotFound(organization: string, code: string): FieldProblem {
  return { field: 'unit', value: code, message: `Mã đơn vị: không có đơn vị '${code}' trong tổ chức ${organization}` };
}
