import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminUnitsService } from '../../admin-units/admin-units.service.js';
import { formatPartialDate, fromStoredDate } from '../../common/dates/partial-date.js';
import { maskIdNumber } from '../identity/id-number.js';
import { MEMBER_STATUS_INFO } from '../member-status.js';
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
  TransferMemberRecordInput,
  UpdateMemberRecordInput,
  type DatePrecisionEnum,
  type IdNumberIssueEnum,
  type IdNumberKindEnum,
} from './member-record.types.js';
import { MemberRecordsService } from './member-records.service.js';

/** Thin: parse arguments, call one service method, shape the answer. */
@Resolver(() => MemberRecordType)
export class MemberRecordsResolver {
  constructor(
    private readonly records: MemberRecordsService,
    private readonly organizations: OrganizationsService,
    private readonly adminUnits: AdminUnitsService,
    private readonly units: UnitsService,
  ) {}

  @Query(() => MemberRecordConnectionType, {
    description: "An organization's records sorted by given name (tên), then full name; 50 a page (at most 500).",
  })
  async memberRecords(@Args() args: MemberRecordsArgs): Promise<MemberRecordConnectionType> {
    const page = await this.records.list({ ...args, first: args.first ?? 50 });
    return {
      totalCount: page.totalCount,
      nodes: await Promise.all(page.rows.map((r) => this.toType(r))),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @Query(() => MemberRecordType)
  async memberRecord(@Args('id', { type: () => ID }) id: string): Promise<MemberRecordType> {
    return this.toType(await this.records.get(id));
  }

  @ResolveField(() => [MembershipEventType], { description: 'Admission, transfers, status changes, end.' })
  async history(@Parent() record: MemberRecordType): Promise<MembershipEventType[]> {
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
    }));
  }

  @Mutation(() => MemberRecordType)
  async createMemberRecord(@Args('input') input: CreateMemberRecordInput): Promise<MemberRecordType> {
    return this.toType(await this.records.create(input));
  }

  @Mutation(() => MemberRecordType, { description: 'Changes fields; absent = unchanged, null = cleared.' })
  async updateMemberRecord(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMemberRecordInput,
  ): Promise<MemberRecordType> {
    return this.toType(await this.records.update(id, input));
  }

  @Mutation(() => MemberRecordType, { description: 'Chuyển sinh hoạt to another unit of the same organization.' })
  async transferMemberRecord(@Args('input') input: TransferMemberRecordInput): Promise<MemberRecordType> {
    return this.toType(await this.records.transfer(input));
  }

  @Mutation(() => MemberRecordType, {
    description: 'Ends a membership (left, struck off, expelled, matured, died, moved) with a date and a reason.',
  })
  async endMembership(@Args('input') input: EndMembershipInput): Promise<MemberRecordType> {
    return this.toType(await this.records.end(input));
  }

  private async toType(r: MemberRecord): Promise<MemberRecordType> {
    const def = await this.organizations.get(r.organizationCode);
    const fields = [POSITION_FIELD, ...def.profileFields];
    const eligibility: EligibilityIssueType[] = await this.records.eligibility(r);
    const commune = (code: string) => this.adminUnits.commune(code);
    return {
      id: r.id,
      organization: r.organizationCode,
      externalId: r.externalId,
      fullName: r.fullName,
      birthDate: r.birthDate ? formatPartialDate(fromStoredDate(r.birthDate, r.birthDatePrecision ?? 'DAY')) : null,
      birthDatePrecision: r.birthDatePrecision as DatePrecisionEnum | null,
      sex: r.sex as SexEnum | null,
      idNumber: r.idNumber ? maskIdNumber(r.idNumber) : null,
      idNumberKind: r.idKind as IdNumberKindEnum | null,
      idNumberIssues: r.idIssues as IdNumberIssueEnum[],
      phone: r.phone,
      status: r.status,
      statusLabel: MEMBER_STATUS_INFO[r.status].label,
      commune: r.communeCode ? commune(r.communeCode) : null,
      communeCandidates: r.communeCandidates.map(commune).filter((c) => c !== null),
      enteredCommuneCode: r.communeEnteredCode,
      ethnicity: r.ethnicity,
      unit: r.unit ? { code: r.unit.code, name: r.unit.name } : null,
      joinDate: r.joinDate,
      lastActivityDate: r.lastActivityDate,
      lastDuesDate: r.lastDuesDate,
      profile: fields
        .filter((f) => r.profile[f.key] !== undefined)
        .map((f) => ({ key: f.key, label: f.label, value: profileText(r.profile[f.key]) })),
      raw: {
        fullName: r.raw.fullName ?? null,
        idNumber: r.raw.idNumber && r.idNumber ? maskIdNumber(r.idNumber) : null,
        phone: r.raw.phone ?? null,
        commune: r.raw.commune ?? null,
      },
      eligibility,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

const profileText = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 'Có' : 'Không') : String(v));
