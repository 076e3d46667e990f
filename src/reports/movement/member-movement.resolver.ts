import { Args, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, Caller, PEOPLE_READERS } from '../../access/access.decorators.js';
import { assertOrganizationInScope, type Principal } from '../../access/principal.js';
import { readScope } from '../../access/record-scope.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { parsePeriod } from '../../common/dates/period.js';
import { ENDING_STATUSES, MEMBER_STATUS_INFO } from '../../membership/status/member-status.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { memberMovement } from './member-movement.js';
import { MemberMovementArgs, MemberMovementType } from './member-movement.types.js';

/** Thin: a secretariat's báo cáo tăng, giảm of her roster (counts only). */
@Resolver()
export class MemberMovementResolver {
  constructor(
    private readonly db: DataSource,
    private readonly units: UnitsService,
  ) {}

  @Allow(...PEOPLE_READERS)
  @Query(() => MemberMovementType, {
    description:
      "An organization's roster movement over a period, by unit, within the caller's scope (a secretariat: her organization, her unit's subtree): members at the start, admitted, ended by status, members at the end.",
  })
  async memberMovement(@Args() a: MemberMovementArgs, @Caller() caller: Principal): Promise<MemberMovementType> {
    const organization = a.organization.trim().toUpperCase();
    const scope = readScope(caller);
    assertOrganizationInScope(scope, organization, 'báo cáo tăng, giảm');
    const period = parsePeriod(a.period);
    const unit = a.unit ? await this.units.findByCode(organization, a.unit.trim()) : null;
    const { lastDay, rows } = await memberMovement(this.db, organization, scope, unit?.path ?? null, period, todayInVietnam());
    return {
      organization,
      periodLabel: period.label,
      firstDay: period.firstDay,
      lastDay,
      endingStatuses: ENDING_STATUSES,
      rows: rows.map((r) => ({
        ...r,
        ended: ENDING_STATUSES.filter((s) => r.ended[s]).map((s) => ({ status: s, label: MEMBER_STATUS_INFO[s].label, count: r.ended[s] })),
      })),
    };
  }
}
