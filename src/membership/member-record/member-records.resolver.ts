import { Args, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { asksFor } from '../../common/graphql/selects.js';
import { Allow, Caller, PEOPLE_READERS, ROSTER_WRITERS } from '../../access/access.decorators.js';
import { CLEAR_DATA_TAKERS } from '../../access/clear-data.js';
import { managesRecord, type Principal } from '../../access/principal.js';
import { Role } from '../../access/role.js';
import { GeographyService } from '../../geography/geography.service.js';
import { maskPhone } from '../../common/identity/phone.js';
import { statusLabel } from '../organization/status-wording.js';
import { POSITION_FIELD } from '../organization/organization-definition.js';
import { OrganizationsService } from '../organization/organizations.service.js';
import type { SexEnum } from '../organization/organization.types.js';
import { UnitsService } from '../unit/units.service.js';
import type { MemberRecord } from './member-record.entity.js';
import {
  CreateMemberRecordInput,
  EligibilityIssueType,
  EndMembershipInput,
  MemberRecordConnectionType,
  MemberRecordsArgs,
  MemberRecordType,
  MembershipEventType,
  PersonalDataReasonArgs,
  RecordIdArgs,
  RevealedIdNumberType,
  TransferMemberRecordInput,
  UpdateMemberRecordInput,
  type DatePrecisionEnum,
  type IdNumberIssueEnum,
  type IdNumberKindEnum,
} from './member-record.types.js';
import { EligibilityCheckInput } from './eligibility-check.types.js';
import { ErasePersonalDataArgs, ErasurePlanType } from './erasure.types.js';
import { MemberRecordsService } from './member-records.service.js';
import { RecordTransfersService } from './record-transfers.service.js';
import { RecordPrivacyService } from './record-privacy.js';
import { recordDate, shownRecordDate } from './record-dates.js';
import { keepParts, partOf, RecordParts, type HistoryJson } from './record-parts.js';
import type { MembershipEventKind } from './membership-event.entity.js';
import type { MemberStatus } from '../status/member-status.js';

/** Thin: parse arguments, call one service method, shape the answer. */
@Resolver(() => MemberRecordType)
export class MemberRecordsResolver {
  constructor(
    private readonly records: MemberRecordsService,
    private readonly organizations: OrganizationsService,
    private readonly adminUnits: GeographyService,
    private readonly units: UnitsService,
    private readonly privacy: RecordPrivacyService,
    private readonly transfers: RecordTransfersService,
    private readonly parts: RecordParts,
  ) {}

  @Allow(...PEOPLE_READERS)
  @Query(() => MemberRecordConnectionType, {
    description:
      "An organization's records sorted by given name (tên), then full name; 50 a page (at most 500). A secretariat sees only its own organization and units.",
  })
  async memberRecords(
    @Args() args: MemberRecordsArgs,
    @Caller() caller: Principal,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MemberRecordConnectionType> {
    const withCount = asksFor(info, 'totalCount');
    const page = await this.records.list({ ...args, first: args.first ?? 50, withCount }, caller);
    const cap = args.countUpTo ?? null;
    const capped = cap !== null && (page.totalCount ?? 0) > cap;
    return {
      // Not counted only when not asked for, so never read.
      totalCount: capped ? cap : (page.totalCount ?? 0),
      countCapped: capped,
      nodes: await Promise.all(page.rows.map((r) => this.toType(r, caller))),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @Allow(...PEOPLE_READERS)
  @Query(() => MemberRecordType, { description: "One person's record (the read is logged)." })
  async memberRecord(
    @Args() { id }: RecordIdArgs,
    @Caller() caller: Principal,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MemberRecordType> {
    // The history and flags asked are read with the record, in one statement (record-parts.ts).
    const { record, parts } = await this.records.page(
      id,
      caller,
      this.parts.asked((f) => asksFor(info, f)),
    );
    const type = await this.toType(record, caller);
    keepParts(type, parts);
    return type;
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField(() => [MembershipEventType], { description: 'Admission, transfers, status changes, end.' })
  async history(@Parent() record: MemberRecordType): Promise<MembershipEventType[]> {
    const kept = partOf<HistoryJson[]>(record, 'history');
    if (kept)
      return (kept.value ?? []).map((e) => ({
        ...e,
        kind: e.kind as MembershipEventKind,
        fromStatus: e.fromStatus as MemberStatus | null,
        toStatus: e.toStatus as MemberStatus | null,
        recordedAt: new Date(e.recordedAt),
      }));
    const events = await this.records.history(record.id);
    const units = await this.units.byIds([...new Set(events.flatMap((e) => [e.fromUnitId, e.toUnitId]).filter((id) => id !== null))]);
    const unitRef = (id: string | null) => {
      const u = id ? units.get(id) : undefined;
      return u ? { code: u.code, name: u.name } : null;
    };
    return events.map((e) => ({
      id: e.id,
      kind: e.kind,
      effectiveDate: e.effectiveDate,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      fromUnit: unitRef(e.fromUnitId),
      toUnit: unitRef(e.toUnitId),
      reason: e.reason,
      recordedAt: e.recordedAt,
      voids: e.voids,
    }));
  }

  @Allow(...ROSTER_WRITERS)
  @Query(() => [EligibilityIssueType], {
    description: "The organization's rules on a member being added (age, sex…), before saving; a date not yet whole answers nothing.",
  })
  eligibilityCheck(@Args('input') input: EligibilityCheckInput, @Caller() caller: Principal): Promise<EligibilityIssueType[]> {
    return this.records.draftEligibility(input, caller);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => MemberRecordType)
  async createMemberRecord(@Args('input') input: CreateMemberRecordInput, @Caller() caller: Principal): Promise<MemberRecordType> {
    return this.toType(await this.records.create(input, caller), caller);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => MemberRecordType, { description: 'Changes fields; absent = unchanged, null = cleared.' })
  async updateMemberRecord(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMemberRecordInput,
    @Caller() caller: Principal,
  ): Promise<MemberRecordType> {
    return this.toType(await this.records.update(id, input, caller), caller);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => MemberRecordType, {
    description:
      'Chuyển sinh hoạt to another unit of the same organization: at once to a unit the caller keeps; to one she does not keep, a `transferRequest` waits for that unit’s secretariat (`acceptTransfer`).',
  })
  async transferMemberRecord(@Args('input') input: TransferMemberRecordInput, @Caller() caller: Principal): Promise<MemberRecordType> {
    return this.toType(await this.transfers.transfer(input, caller), caller);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => MemberRecordType, {
    description:
      'Ends a membership (left, struck off, expelled, matured, died, moved) with a date and a reason. Only the keeping organization.',
  })
  async endMembership(@Args('input') input: EndMembershipInput, @Caller() caller: Principal): Promise<MemberRecordType> {
    return this.toType(await this.records.end(input, caller), caller);
  }

  @Allow(...PEOPLE_READERS)
  @Mutation(() => RevealedIdNumberType, { description: 'Shows one clear ID number, for a stated reason; logged.' })
  async revealIdNumber(@Args() args: PersonalDataReasonArgs, @Caller() caller: Principal): Promise<RevealedIdNumberType> {
    return { recordId: args.id, ...(await this.privacy.revealIdNumber(args.id, args.reason, caller)) };
  }

  @Allow(...CLEAR_DATA_TAKERS)
  @Mutation(() => String, {
    description: "Everything stored about one record's person, unmasked, as JSON (a data subject's request); logged.",
  })
  exportPersonalData(@Args() args: PersonalDataReasonArgs, @Caller() caller: Principal): Promise<string> {
    return this.privacy.exportPersonalData(args.id, args.reason, caller);
  }

  @Allow(...CLEAR_DATA_TAKERS)
  @Mutation(() => String, {
    description: 'The same data as exportPersonalData, as the data subject reads it: plain text in Vietnamese, a field a line; logged.',
  })
  exportPersonalDataCopy(@Args() args: PersonalDataReasonArgs, @Caller() caller: Principal): Promise<string> {
    return this.privacy.exportPersonalDataCopy(args.id, args.reason, caller);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => [MemberRecordType], {
    description:
      'Erases the person of a record on request (and their records with the same ID number): figures stay, personal data goes, a keyed-hash tombstone remains.',
  })
  async erasePersonalData(@Args() args: ErasePersonalDataArgs, @Caller() caller: Principal): Promise<MemberRecordType[]> {
    const erased = await this.privacy.erasePersonalData(args.id, args.reason, caller, {
      also: args.alsoErase ?? [],
      keep: args.keep ?? [],
    });
    return Promise.all(erased.map((r) => this.toType(r, caller)));
  }

  @Allow(Role.ADMIN)
  @Query(() => ErasurePlanType, {
    description:
      'Before erasePersonalData: the records it erases (same ID number, register match, confirmed link) and those only the model joins, to confirm (the read is logged).',
  })
  async erasurePlan(@Args() { id }: RecordIdArgs, @Caller() caller: Principal): Promise<ErasurePlanType> {
    const plan = await this.privacy.erasurePlan(id, caller);
    return {
      records: await Promise.all(plan.records.map((r) => this.toType(r, caller))),
      toConfirm: await Promise.all(plan.toConfirm.map(async (c) => ({ record: await this.toType(c.record, caller), why: c.why }))),
    };
  }

  /** Masks by role: ID numbers always; phone, ethnicity and village unless the caller manages the record. */
  private async toType(r: MemberRecord, caller: Principal): Promise<MemberRecordType> {
    const manages = managesRecord(caller, { organizationCode: r.organizationCode, unitPath: r.unit?.path ?? null });
    const def = await this.organizations.get(r.organizationCode);
    const fields = [POSITION_FIELD, ...def.profileFields];
    const eligibility: EligibilityIssueType[] = await this.records.eligibility(r);
    const commune = (code: string) => this.adminUnits.commune(code);
    return {
      id: r.id,
      organization: r.organizationCode,
      externalId: r.externalId,
      fullName: r.fullName,
      birthDate: shownRecordDate(r, 'birthDate'),
      birthDatePrecision: r.birthDatePrecision as DatePrecisionEnum | null,
      sex: r.sex as SexEnum | null,
      idNumber: r.idNumberMasked,
      idNumberKind: r.idKind as IdNumberKindEnum | null,
      idNumberIssues: r.idIssues as IdNumberIssueEnum[],
      phone: r.phone && !manages ? maskPhone(r.phone) : r.phone,
      status: r.status,
      statusLabel: statusLabel(r.status, def),
      commune: r.communeCode ? commune(r.communeCode) : null,
      communeCandidates: r.communeCandidates.map(commune).filter((c) => c !== null),
      enteredCommuneCode: r.communeEnteredCode,
      ethnicity: manages ? r.ethnicity : null,
      village: manages ? r.village : null,
      unit: r.unit ? { code: r.unit.code, name: r.unit.name } : null,
      joinDate: shownRecordDate(r, 'joinDate'),
      joinDatePrecision: recordDate(r, 'joinDate')?.precision as DatePrecisionEnum | undefined,
      lastActivityDate: shownRecordDate(r, 'lastActivityDate'),
      lastActivityDatePrecision: recordDate(r, 'lastActivityDate')?.precision as DatePrecisionEnum | undefined,
      lastDuesDate: shownRecordDate(r, 'lastDuesDate'),
      lastDuesDatePrecision: recordDate(r, 'lastDuesDate')?.precision as DatePrecisionEnum | undefined,
      profile: fields
        .filter((f) => r.profile[f.key] !== undefined)
        .map((f) => ({ key: f.key, label: f.label, value: profileText(r.profile[f.key]) })),
      raw: {
        fullName: r.raw.fullName ?? null,
        idNumber: r.idNumberMasked,
        phone: manages ? (r.raw.phone ?? null) : r.phone ? maskPhone(r.phone) : null,
        commune: r.raw.commune ?? null,
      },
      eligibility,
      erasedAt: r.erasedAt,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

const profileText = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 'Có' : 'Không') : String(v));
