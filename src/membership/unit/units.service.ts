import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { GeographyService } from '../../geography/geography.service.js';
import { assertOrganizationInScope, forbidden, type Principal } from '../../access/principal.js';
import { applyScope, inScope, writeScope, type RecordScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { OrganizationsService } from '../organization/organizations.service.js';
import { codeForUnitName, parseUnitCode, parseUnitName } from './unit-code.js';
import { ENDING_STATUSES } from '../status/member-status.js';
import { Unit, UNIT_KIND_LABEL, UnitKind } from './unit.entity.js';

const LEVEL: Record<UnitKind, number> = { PROVINCE: 0, BASE: 1, ENTERPRISE: 1, BRANCH: 2 };

/** Units of each organization's tree; a subtree is a path prefix. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly adminUnits: GeographyService,
    private readonly audit: AuditService,
  ) {}

  /** The unit, or null: callers that collect several input problems report it themselves. */
  findByCodeOrNull(organization: string, code: string, em: EntityManager = this.db.manager): Promise<Unit | null> {
    return em.getRepository(Unit).findOneBy({ organizationCode: organization, code });
  }

  /** The organizations that have a unit of this code (a code typed under the wrong organization). */
  async organizationsWithCode(code: string): Promise<string[]> {
    const found = await this.db.getRepository(Unit).find({ where: { code }, select: { organizationCode: true } });
    return [...new Set(found.map((u) => u.organizationCode))].sort();
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

  /** Members not ended in each unit (its own, not its subtree's): one grouped query over the roster's unit index. */
  async memberCounts(unitIds: string[]): Promise<Map<string, number>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.db.query<{ unit_id: string; n: string }[]>(
      `SELECT unit_id, count(*) AS n FROM member_record WHERE unit_id = ANY($1::uuid[]) AND status <> ALL($2::text[]) GROUP BY unit_id`,
      [unitIds, ENDING_STATUSES],
    );
    return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
  }

  /** Every unit of the organization, by name: where a secretariat may send a member (a unit she does not keep asks its secretariat). */
  async transferTargets(organization: string, caller: Principal): Promise<Unit[]> {
    assertOrganizationInScope(writeScope(caller), organization, 'đơn vị nhận chuyển sinh hoạt');
    const units = await this.db.getRepository(Unit).find({ where: { organizationCode: organization }, relations: { parent: true } });
    return units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** A secretariat renames a unit she keeps (its code stays: files and imports name it); audited. */
  async rename(input: { organization: string; code: string; name: string }, caller: Principal): Promise<Unit> {
    const scope = writeScope(caller);
    assertOrganizationInScope(scope, input.organization, 'đổi tên đơn vị');
    const name = parseUnitName(input.name);
    const newName = name.ok && name.value ? name.value : null;
    if (!newName)
      throw DomainError.invalidInput([
        { field: 'name', value: input.name.slice(0, 200), message: `Tên đơn vị: ${name.ok ? 'chưa nhập' : name.reason}` },
      ]);
    return this.db.transaction(async (em) => {
      const unit = await this.findByCode(input.organization, input.code, em);
      if (!inScope(scope, { organizationCode: unit.organizationCode, unitPath: unit.path }))
        throw forbidden(`đơn vị '${unit.code}' nằm ngoài phạm vi của tài khoản này`);
      await em.getRepository(Unit).update(unit.id, { name: newName });
      await this.audit.record(
        caller,
        {
          action: AuditAction.UNIT_RENAMED,
          subjectType: 'UNIT',
          subjectId: unit.id,
          organization: unit.organizationCode,
          detail: { code: unit.code },
        },
        em,
      );
      return em.getRepository(Unit).findOneOrFail({ where: { id: unit.id }, relations: { parent: true } });
    });
  }

  async create(
    input: {
      organization: string;
      /** None or blank: one is made from where the unit is and its name (`codeForUnitName`). */
      code?: string | null;
      name: string;
      kind: UnitKind;
      parent?: string;
      communeCode?: string;
    },
    scope: RecordScope,
    outer?: EntityManager,
  ): Promise<Unit> {
    assertOrganizationInScope(scope, input.organization, 'thêm đơn vị');
    const { code: given, name } = checkUnitText(input);
    await this.organizations.get(input.organization);
    const inTransaction = <T>(fn: (em: EntityManager) => Promise<T>) => (outer ? fn(outer) : this.db.transaction(fn));
    return inTransaction(async (em) => {
      const repo = em.getRepository(Unit);
      const taken = (code: string) => repo.existsBy({ organizationCode: input.organization, code });
      if (given && (await taken(given)))
        throw new DomainError('CONFLICT', `Mã đơn vị '${given}' đã có trong tổ chức ${input.organization}.`, [
          { field: 'code', value: given, message: 'Mã đơn vị đã tồn tại' },
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
            message: `Đơn vị cấp trên '${parent.code}' (${UNIT_KIND_LABEL[parent.kind]}) không thể chứa đơn vị ${UNIT_KIND_LABEL[input.kind]}: một cơ sở đặt ngay dưới cấp tỉnh (không còn cấp huyện), một chi hội hay tổ đặt dưới một cơ sở`,
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
        code: given ?? (await codeForUnitName(communeCode ?? input.organization, name, taken)),
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
function checkUnitText(input: { code?: string | null; name: string }): { code: string | null; name: string } {
  const code = input.code?.trim() ? parseUnitCode(input.code) : null;
  const name = parseUnitName(input.name);
  const problems: FieldProblem[] = [];
  if (code && !code.ok) problems.push({ field: 'code', value: input.code!, message: `Mã đơn vị: ${code.reason}` });
  if (!name.ok) problems.push({ field: 'name', value: input.name.slice(0, 200), message: `Tên đơn vị: ${name.reason}` });
  if ((code && !code.ok) || !name.ok) throw DomainError.invalidInput(problems);
  return { code: code?.ok ? code.value : null, name: name.value };
}

export function unitNotFound(organization: string, code: string): FieldProblem {
  return { field: 'unit', value: code, message: `Mã đơn vị: không có đơn vị '${code}' trong tổ chức ${organization}` };
}
