import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertOrganizationInScope, forbidden, type Principal } from '../../access/principal.js';
import { applyScope, inScope, readScope, writeScope, type RecordScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { GeographyService } from '../../geography/geography.service.js';
import { readIdDigits } from '../../common/identity/id-number.js';
import { parsePhone } from '../../common/identity/phone.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../status/member-status.js';
import type { EligibilityIssue, OrganizationDefinition } from '../organization/organization-definition.js';
import { draftFacts, type DraftMember } from '../organization/draft-facts.js';
import { OrganizationsService } from '../organization/organizations.service.js';
import { communeWhenNone, ownUnit } from '../unit/own-unit.js';
import { Unit } from '../unit/unit.entity.js';
import { UnitsService, unitNotFound } from '../unit/units.service.js';
import { endingProblems, lastReinstated, statusChangeDay } from './end-date.js';
import { editedFields, newExternalId, problem } from './member-input.js';
import { MemberRecord } from './member-record.entity.js';
import { MemberRecordsRepository, type MemberRecordFilter } from './member-records.repository.js';
import { MembershipEvent, MembershipEventKind } from './membership-event.entity.js';
import { recordDate, shownRecordDate } from './record-dates.js';
import { membershipEvents, type EventRules, type NewMembershipEvent } from './membership-events.js';
import { voidingEnding } from './mistaken-ending.js';
import { decodeCursor, encodeCursor } from './record-cursor.js';
import { countedStatus, secondListingOf, settleDuplicateListings, type Confirmations } from './duplicate-listings.js';
import { confirmFlagsOfEndings, reopenConfirmationsOfEnding } from './ending-flags.js';
import { flagSavedRecord, refreshEntryFlags } from './entry-flag-writes.js';
import { clearDeathElsewhere, recordDeath } from './death-elsewhere.js';
import { askBeforeSamePerson } from './listed-person/same-person-question.js';
import { communeFilter } from './commune-filter.js';
import { conflictOnDuplicate, erasedBefore, erasedPersonConflict } from './record-conflicts.js';
import { RecordsCreatedHook } from './records-created.hook.js';
import { RecordParts } from './record-parts.js';
import { settledWarnings } from './settled-warnings.js';
import {
  readCommune,
  writeRecord,
  type CommuneColumns,
  type CommuneInput,
  type RecordEdit,
  type RecordInput,
  type RecordWrite,
  type RecordWriteContext,
} from './record-writer.js';

/** How the form reads input and writes history (the import's own rules are in roster-io). */
const FORM_WRITE = { settleSplitCommune: true } as const;
export const FORM_EVENTS: EventRules = { endedNamesUnitLeft: true };

/** The membership core: create, change and end records, with their history (transfers: record-transfers.service.ts). */
@Injectable()
export class MemberRecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly units: UnitsService,
    private readonly communes: GeographyService,
    private readonly repository: MemberRecordsRepository,
    private readonly vault: SecretVault,
    private readonly audit: AuditService,
    private readonly createdHook: RecordsCreatedHook,
    private readonly parts: RecordParts,
  ) {}

  async list(
    args: {
      organization: string;
      first: number;
      after?: string | null;
      search?: string | null;
      unit?: string | null;
      commune?: string | null;
      status?: MemberStatus | null;
      flag?: string | null;
      /** Whether the caller reads the total (counted only then), and how far to count. */
      withCount?: boolean;
      countUpTo?: number | null;
    },
    caller: Principal,
  ) {
    await this.organizations.get(args.organization);
    const scope = readScope(caller);
    assertOrganizationInScope(scope, args.organization, 'danh sách hội viên');
    const filter: MemberRecordFilter = {
      organization: args.organization,
      search: args.search,
      status: args.status,
      flag: args.flag,
      scope,
    };
    const phone = args.search ? parsePhone(args.search) : null;
    if (phone?.ok) filter.searchPhone = phone.value.number;
    else if (args.search && /^\d{3,9}$/.test(args.search.replace(/[\s.]/g, ''))) filter.searchPhoneTail = args.search.replace(/[\s.]/g, '');
    const id = args.search ? readIdDigits(args.search) : null;
    if (id?.ok) filter.searchIdHash = this.vault.hash(id.value.digits);
    if (args.unit) filter.unitPath = (await this.units.findByCode(args.organization, args.unit)).path;
    if (args.commune) ({ codes: filter.communeCodes, enteredCode: filter.enteredCode } = communeFilter(this.communes, args.commune));
    const after = args.after ? decodeCursor(args.after) : null;
    const page = await this.repository.page(filter, args.first, after, args.withCount ?? true, args.countUpTo ?? null);
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'ROSTER',
      organization: args.organization,
      // Which filters, never their values: a search is often a person's name.
      detail: {
        rows: page.rows.length,
        filters: ['search', 'unit', 'commune', 'status', 'flag', 'after'].filter((k) => args[k as keyof typeof args]),
      },
    });
    const last = page.rows[page.rows.length - 1];
    return { ...page, endCursor: last ? encodeCursor(last) : null };
  }

  /** One record inside the caller's read scope (the scope is in the SQL); the read is logged. */
  async get(id: string, caller: Principal): Promise<MemberRecord> {
    const record = await this.findInScope(this.db.manager, id, readScope(caller));
    await this.audit.record(caller, {
      action: AuditAction.RECORD_READ,
      subjectType: 'MEMBER_RECORD',
      subjectId: id,
      organization: record.organizationCode,
    });
    return record;
  }

  /**
   * A member's page: the record inside the caller's read scope with the parts asked (`RecordParts`:
   * its history, its flags…), in one statement; the read is logged.
   */
  async page(id: string, caller: Principal, fields: string[]): Promise<{ record: MemberRecord; parts: Map<string, unknown> }> {
    assertUuid('id', id);
    const qb = this.db.getRepository(MemberRecord).createQueryBuilder('r').leftJoinAndSelect('r.unit', 'u').where('r.id = :id', { id });
    applyScope(qb, readScope(caller));
    for (const field of fields) qb.addSelect(this.parts.sqlOf(field, 'r.id'), `part_${field}`);
    const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
    const record = entities[0];
    if (!record) throw notFound(id);
    await this.audit.record(caller, {
      action: AuditAction.RECORD_READ,
      subjectType: 'MEMBER_RECORD',
      subjectId: id,
      organization: record.organizationCode,
    });
    return { record, parts: new Map(fields.map((f) => [f, raw[0][`part_${f}`] ?? null])) };
  }

  /** The record, or NOT_FOUND when it does not exist or lies outside the scope (its existence is not disclosed). */
  async findInScope(em: EntityManager, id: string, scope: RecordScope, lock = false): Promise<MemberRecord> {
    assertUuid('id', id);
    const qb = em.getRepository(MemberRecord).createQueryBuilder('r').leftJoinAndSelect('r.unit', 'u').where('r.id = :id', { id });
    applyScope(qb, scope);
    if (lock) qb.setLock('pessimistic_write', undefined, ['r']);
    const record = await qb.getOne();
    if (!record) throw notFound(id);
    return record;
  }

  history(recordId: string): Promise<MembershipEvent[]> {
    return this.db.getRepository(MembershipEvent).find({ where: { recordId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  async eligibility(record: MemberRecord, today = todayInVietnam()): Promise<EligibilityIssue[]> {
    const def = await this.organizations.get(record.organizationCode);
    return def.checkEligibility(
      {
        birth: recordDate(record, 'birthDate'),
        sex: record.sex,
        joinDate: shownRecordDate(record, 'joinDate'),
        status: record.status,
        profile: record.profile,
      },
      today,
    );
  }

  /** The rules on a member not yet saved (the form warns before saving); a date that does not read yet counts as absent. */
  async draftEligibility(input: DraftMember, caller: Principal): Promise<EligibilityIssue[]> {
    assertOrganizationInScope(writeScope(caller), input.organization, 'kiểm tra điều kiện');
    const def = await this.organizations.get(input.organization);
    return def.checkEligibility(draftFacts(def, input), todayInVietnam());
  }

  async create(
    input: RecordInput & { organization: string; externalId?: string | null; unit?: string | null } & Confirmations,
    caller: Principal,
  ): Promise<MemberRecord> {
    const scope = writeScope(caller);
    assertOrganizationInScope(scope, input.organization, 'thêm hồ sơ');
    const def = await this.organizationForRecords(input.organization);
    const externalId = input.externalId?.trim() || newExternalId(def.code);
    const write = this.columnsOf(
      { ...input, externalId },
      { definition: def, today: todayInVietnam(), withTombstoneKeys: true, ...FORM_WRITE },
    );
    const problems = write.problems;
    const created = await this.db.transaction(async (em) => {
      // Left empty by a commune's office: her own unit (`ownUnit`), as her imported rows without one.
      const unit = input.unit ? await this.unitOrProblem(def.code, input.unit, problems, em) : await ownUnit(em, def.code, scope);
      this.checkUnitInScope(scope, def.code, unit, problems);
      if (problems.length) throw DomainError.invalidInput(problems);
      const erased = await erasedBefore(em, write.tombstoneKeys, def.code);
      if (erased && !input.confirmErasedPerson) throw erasedPersonConflict(erased);
      const listedTwice = await secondListingOf(em, def.code, write.columns ?? {}, this.sameCccdAsk(input, caller));
      await askBeforeSamePerson(em, def.code, write.columns ?? {}, this.sameCccdAsk(input, caller));
      const repo = em.getRepository(MemberRecord);
      const record = repo.create({
        ...write.columns,
        ...communeWhenNone(write.columns, unit?.communeCode),
        organizationCode: def.code,
        unitId: unit?.id ?? null,
      });
      try {
        await repo.insert(record);
      } catch (e) {
        throw conflictOnDuplicate(e, def.code, record.externalId);
      }
      await flagSavedRecord(em, def, record.id, { created: true, listedTwice: !!listedTwice });
      await this.addHistory(em, record.id, membershipEvents(null, record, { date: null, reason: 'Nhập hồ sơ' }, FORM_EVENTS));
      const created = { subjectType: 'MEMBER_RECORD', subjectId: record.id, organization: def.code } as const;
      await this.audit.record(caller, { action: AuditAction.RECORD_CREATED, ...created }, em);
      if (erased) await this.audit.record(caller, { action: AuditAction.ERASED_PERSON_RECREATED, ...created }, em);
      return this.reload(em, record.id);
    });
    await this.createdHook.emit({ ids: [created.id], source: 'FORM' });
    return created;
  }

  async update(id: string, input: RecordEdit & Pick<Confirmations, 'confirmDuplicateInOrg'>, caller: Principal): Promise<MemberRecord> {
    return this.db.transaction(async (em) => {
      const record = await this.lock(em, id, caller);
      if (input.expectedVersion != null && input.expectedVersion !== record.version)
        throw new DomainError(
          'CONFLICT',
          `Hồ sơ '${record.externalId}' đã được người khác sửa (phiên bản ${record.version}, bạn sửa từ phiên bản ${input.expectedVersion}). Hãy tải lại rồi sửa.`,
        );
      const def = await this.organizations.get(record.organizationCode);
      const today = todayInVietnam();
      const write = this.columnsOf(input, { definition: def, today, current: record, withTombstoneKeys: false, ...FORM_WRITE });
      const newStatus = input.status ?? null;
      if (newStatus && MEMBER_STATUS_INFO[newStatus].ends)
        write.problems.push(
          problem('status', newStatus, `dùng endMembership để chuyển sang '${MEMBER_STATUS_INFO[newStatus].label}' (cần ngày và lý do)`),
        );
      const dated = await statusChangeDay(em, id, input.statusDate, !!newStatus && newStatus !== record.status, today);
      if (dated.problem) write.problems.push(dated.problem);
      if (write.problems.length) throw DomainError.invalidInput(write.problems);
      const before = { status: record.status, unitId: record.unitId, hash: record.idNumberHash };
      const newCccd = !!write.columns?.idNumberHash && !write.columns.idNumberHash.equals(record.idNumberHash ?? Buffer.alloc(0));
      Object.assign(record, write.columns, settledWarnings(record, write.columns));
      // A CCCD changed to another record's of her organization, or a temporary listing counted: asked, as when she adds one.
      const counted = !countedStatus(before.status) && countedStatus(record.status);
      const listedTwice =
        (newCccd || counted) && (await secondListingOf(em, record.organizationCode, record, this.sameCccdAsk(input, caller)));
      const { unit: _unit, ...columns } = record;
      await em.getRepository(MemberRecord).save(columns);
      await flagSavedRecord(em, def, id, { created: false, listedTwice: !!listedTwice });
      // A mistyped CCCD corrected: the listing it was "twice" with, and this one, are listed twice no more (at once).
      if (newCccd) for (const h of [before.hash, record.idNumberHash]) await settleDuplicateListings(em, record.organizationCode, h);
      // Her death taken back (Cho sinh hoạt lại): the other organizations are no longer told she died.
      if (before.status === MemberStatus.DECEASED && record.status !== MemberStatus.DECEASED) await clearDeathElsewhere(em, [id]);
      await this.audit.record(
        caller,
        {
          action: AuditAction.RECORD_UPDATED,
          subjectType: 'MEMBER_RECORD',
          subjectId: id,
          organization: record.organizationCode,
          // Her reason for the edit, when she gave one (the history keeps only membership events).
          ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
          detail: editedFields(input),
        },
        em,
      );
      const note = { date: dated.day, reason: input.reason?.trim() || null };
      const voiding = input.endingMistaken ? await voidingEnding(em, id, before.status, newStatus) : null;
      if (voiding?.voids) await reopenConfirmationsOfEnding(em, id, voiding.voids);
      await this.addHistory(
        em,
        id,
        // The return alone voids the ending (a move made in the same edit keeps its own day).
        membershipEvents(before, { status: newStatus ?? undefined }, note, FORM_EVENTS).map((e) =>
          e.kind === MembershipEventKind.STATUS_CHANGED ? { ...e, ...voiding } : e,
        ),
      );
      return this.reload(em, id);
    });
  }

  /** Ends a membership (its organization, or ADMIN) on a full day; `evidenced` (a confirmed flag's day) may precede the join date. */
  async end(input: { id: string; status: MemberStatus; date: string; reason: string }, caller: Principal, evidenced = false) {
    const done = await this.db.transaction(async (em) => {
      const record = await this.lock(em, input.id, caller);
      const def = await this.organizations.get(record.organizationCode);
      const { problems, date } = endingProblems(input, record, def, evidenced, await lastReinstated(em, record.id));
      if (problems.length) throw DomainError.invalidInput(problems);
      await em.getRepository(MemberRecord).update(record.id, { status: input.status, version: record.version + 1 });
      const note = { date, reason: input.reason.trim() };
      // Before its eligibility flags go (below): the warning her ending settles, counted as confirmed.
      if (!evidenced) await confirmFlagsOfEndings(em, [{ recordId: record.id, status: input.status }], note.reason, caller.name);
      await settleDuplicateListings(em, record.organizationCode, record.idKind === 'CCCD' ? record.idNumberHash : null);
      // An ended membership is out of no rule: its eligibility flags (and the suspicion they made) go with it.
      await refreshEntryFlags(em, def, [record.id], todayInVietnam());
      await this.addHistory(em, record.id, membershipEvents(record, { status: input.status }, note, FORM_EVENTS));
      if (input.status === MemberStatus.DECEASED)
        await recordDeath(em, record.id, { org: def.name, date: date!, note: note.reason, by: caller.name });
      await this.audit.record(
        caller,
        {
          action: AuditAction.MEMBERSHIP_ENDED,
          subjectType: 'MEMBER_RECORD',
          subjectId: record.id,
          organization: record.organizationCode,
          detail: { status: input.status },
        },
        em,
      );
      return this.reload(em, record.id);
    });
    await this.createdHook.emitEnded([done.id], caller.name);
    return done;
  }

  async organizationForRecords(code: string): Promise<OrganizationDefinition> {
    const def = await this.organizations.get(code);
    if (!def.hasIndividualMembers)
      throw DomainError.invalidInput([
        problem('organization', code, `${def.name} không quản lý ${def.memberTerm} cá nhân (thành viên là các tổ chức)`),
      ]);
    return def;
  }

  /** Reads a commune code and/or name as entered (old codes, split communes); problems name the field. */
  resolveCommune(input: CommuneInput, problems: FieldProblem[]): CommuneColumns {
    return readCommune(input, this.communes, problems);
  }

  /**
   * Input → stored columns (`writeRecord`) with this service's vault and commune directory: the one
   * writer of the form's create and update and of the import's rows.
   */
  columnsOf(input: RecordInput, scene: Omit<RecordWriteContext, 'vault' | 'communes'>): RecordWrite {
    return writeRecord(input, { ...scene, vault: this.vault, communes: this.communes });
  }

  async unitOrProblem(org: string, code: string, problems: FieldProblem[], em: EntityManager): Promise<Unit | null> {
    const unit = await this.units.findByCodeOrNull(org, code, em);
    if (!unit) problems.push(unitNotFound(org, code));
    return unit;
  }

  /** Locks a record inside the caller's write scope; refuses an erased one. */
  async lock(em: EntityManager, id: string, caller: Principal): Promise<MemberRecord> {
    const scope = writeScope(caller);
    if (scope.kind === 'NONE') throw forbidden(`vai trò ${caller.role} không sửa hồ sơ hội viên`);
    const record = await this.findInScope(em, id, scope, true);
    if (record.erasedAt) throw new DomainError('CONFLICT', `Hồ sơ '${id}' đã bị xóa dữ liệu cá nhân theo yêu cầu: không sửa được.`);
    return record;
  }

  /** A secretariat kept to a unit subtree files records only inside it. */
  private checkUnitInScope(scope: RecordScope, organization: string, unit: Unit | null, problems: FieldProblem[]): void {
    if (scope.kind !== 'ORGANIZATION' || scope.unitPath === null) return;
    if (!unit) problems.push(problem('unit', null, 'tài khoản này chỉ quản lý một đơn vị: cần mã đơn vị thuộc phạm vi đó'));
    else if (!inScope(scope, { organizationCode: organization, unitPath: unit.path }))
      problems.push(problem('unit', unit.code, `đơn vị '${unit.code}' nằm ngoài phạm vi của tài khoản này`));
  }

  /** How the form asks when a save would list a CCCD twice in her organization (see secondListingOf). */
  private sameCccdAsk(input: Pick<Confirmations, 'confirmDuplicateInOrg'>, caller: Principal) {
    return { confirmed: !!input.confirmDuplicateInOrg, readable: readScope(caller), communes: this.communes };
  }

  /** The history a change makes (`membershipEvents`), stored with the change. */
  async addHistory(em: EntityManager, recordId: string, events: NewMembershipEvent[]): Promise<void> {
    if (events.length) await em.getRepository(MembershipEvent).insert(events.map((e) => ({ recordId, ...e })));
  }

  async reload(em: EntityManager, id: string): Promise<MemberRecord> {
    return em.getRepository(MemberRecord).findOneOrFail({ where: { id }, relations: { unit: true } });
  }
}

const notFound = (id: string) => new DomainError('NOT_FOUND', `Không tìm thấy hồ sơ '${id}' trong phạm vi tài khoản này.`);
