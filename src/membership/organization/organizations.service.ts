import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { parseFreeText } from '../../common/text/text-rules.js';
import { associationDefinition, type AssociationRules } from './association-definition.js';
import type { OrganizationDefinition } from './organization-definition.js';
import { Organization } from './organization.entity.js';

export const ORGANIZATION_DEFINITIONS = Symbol('ORGANIZATION_DEFINITIONS');

/** The registry of organizations: built-in modules from code, associations from rows. */
@Injectable()
export class OrganizationsService implements OnModuleInit {
  private byCode = new Map<string, { definition: OrganizationDefinition; builtIn: boolean }>();

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(ORGANIZATION_DEFINITIONS) private readonly builtIns: OrganizationDefinition[],
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  /** Re-reads the rows: another process (the CLI) may have added an association. */
  async reload(): Promise<void> {
    const rows = await this.db.getRepository(Organization).find({ order: { createdAt: 'ASC', code: 'ASC' } });
    const map = new Map<string, { definition: OrganizationDefinition; builtIn: boolean }>();
    const builtInOrder = (code: string) => {
      const i = this.builtIns.findIndex((d) => d.code === code);
      return i < 0 ? this.builtIns.length : i;
    };
    rows.sort((a, b) => builtInOrder(a.code) - builtInOrder(b.code));
    for (const row of rows) {
      const code = this.builtIns.find((d) => d.code === row.code);
      map.set(row.code, code ? { definition: code, builtIn: true } : { definition: associationDefinition(row), builtIn: false });
    }
    this.byCode = map;
  }

  list(): { definition: OrganizationDefinition; builtIn: boolean }[] {
    return [...this.byCode.values()];
  }

  /** The definition of an organization, or a NOT_FOUND error naming the code. */
  async get(code: string): Promise<OrganizationDefinition> {
    let found = this.byCode.get(code);
    if (!found) {
      await this.reload();
      found = this.byCode.get(code);
    }
    if (!found) throw new DomainError('NOT_FOUND', `Không có tổ chức mã '${code}'. Các mã hiện có: ${[...this.byCode.keys()].join(', ')}.`);
    return found.definition;
  }

  async createAssociation(
    input: { code: string; name: string; memberTerm: string } & AssociationRules,
    actor: Principal,
  ): Promise<OrganizationDefinition> {
    const { code, name: nameText, memberTerm: termText, ...rules } = input;
    const { name, memberTerm } = associationTexts({ name: nameText, memberTerm: termText });
    if (rules.minAge !== undefined && rules.maxAge !== undefined && rules.minAge > rules.maxAge)
      throw DomainError.invalidInput([
        { field: 'minAge', value: String(rules.minAge), message: `Tuổi tối thiểu ${rules.minAge} lớn hơn tuổi tối đa ${rules.maxAge}` },
      ]);
    const repo = this.db.getRepository(Organization);
    if (await repo.existsBy({ code }))
      throw new DomainError('CONFLICT', `Mã tổ chức '${code}' đã tồn tại.`, [{ field: 'code', value: code, message: 'Mã đã tồn tại' }]);
    await this.db.transaction(async (em) => {
      await em.getRepository(Organization).insert({ code, name, memberTerm, builtIn: false, rules });
      await this.audit.record(actor, { action: AuditAction.ASSOCIATION_CREATED, subjectType: 'ORGANIZATION', subjectId: code }, em);
    });
    await this.reload();
    return this.get(code);
  }
}

/** An association's name and member term: one line of text each, nothing hidden (Vietnamese messages naming the field). */
function associationTexts(input: { name: string; memberTerm: string }): { name: string; memberTerm: string } {
  const name = parseFreeText(input.name, { max: 200 });
  const memberTerm = parseFreeText(input.memberTerm, { max: 60 });
  const problems: FieldProblem[] = [];
  if (!name.ok) problems.push({ field: 'name', value: input.name.slice(0, 200), message: `Tên hội: ${name.reason}` });
  if (!memberTerm.ok)
    problems.push({ field: 'memberTerm', value: input.memberTerm.slice(0, 60), message: `Tên gọi hội viên: ${memberTerm.reason}` });
  if (!name.ok || !memberTerm.ok) throw DomainError.invalidInput(problems);
  return { name: name.value, memberTerm: memberTerm.value };
}
