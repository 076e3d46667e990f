import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller, Public } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { Role } from '../../access/role.js';
import { POSITION_FIELD, termsOf, type OrganizationDefinition } from './organization-definition.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../status/member-status.js';
import { flagOutcomesOf, headTitle, rosterSigner, statusesOf, statusLabel } from './status-wording.js';
import { CreateAssociationInput, MemberStatusInfoType, OrganizationType, ProfileFieldTypeEnum } from './organization.types.js';
import { OrganizationsService } from './organizations.service.js';

export function toOrganizationType(def: OrganizationDefinition, builtIn: boolean): OrganizationType {
  return {
    code: def.code,
    name: def.name,
    abbreviation: def.abbreviation ?? def.code,
    memberTerm: def.memberTerm,
    duesTerm: termsOf(def).dues,
    hasIndividualMembers: def.hasIndividualMembers,
    builtIn,
    inactivityMonths: def.inactivityMonths,
    headTitle: headTitle(def),
    branchSigner: rosterSigner(def, true),
    joinDateField: def.joinDateField ?? null,
    profileFields: [POSITION_FIELD, ...def.profileFields].map((f) => ({ ...f, type: f.type as ProfileFieldTypeEnum })),
  };
}

@Resolver(() => OrganizationType)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Public()
  @Query(() => [OrganizationType])
  async organizations(): Promise<OrganizationType[]> {
    await this.service.reload();
    return this.service.list().map((o) => toOrganizationType(o.definition, o.builtIn));
  }

  @Public()
  @Query(() => [MemberStatusInfoType], {
    description:
      'The statuses in the order a secretary thinks of them, with their labels; with an organization, only its own (MATURED only where members leave by age), in its words.',
  })
  async memberStatuses(
    @Args('organization', { nullable: true, type: () => String }) organization?: string | null,
  ): Promise<MemberStatusInfoType[]> {
    if (!organization) return (Object.keys(MEMBER_STATUS_INFO) as MemberStatus[]).map((code) => ({ code, ...MEMBER_STATUS_INFO[code] }));
    const def = await this.service.get(organization);
    return statusesOf(def).map((code) => ({ code, ...MEMBER_STATUS_INFO[code], label: statusLabel(code, def) }));
  }

  @Public()
  @Query(() => [MemberStatus], {
    description:
      "What a secretariat may say a confirmed phantom flag means for the organization's member, in the order she thinks of them (MATURED only where members leave by age).",
  })
  async flagOutcomes(@Args('organization', { type: () => String }) organization: string): Promise<MemberStatus[]> {
    return flagOutcomesOf(await this.service.get(organization));
  }

  @Public()
  @Query(() => OrganizationType)
  async organization(@Args('code') code: string): Promise<OrganizationType> {
    const def = await this.service.get(code);
    return toOrganizationType(def, this.service.list().find((o) => o.definition.code === code)!.builtIn);
  }

  @Mutation(() => OrganizationType, { description: 'Adds an association as data: no migration, no restart.' })
  @Allow(Role.ADMIN)
  async createAssociation(@Args('input') input: CreateAssociationInput, @Caller() caller: Principal): Promise<OrganizationType> {
    return toOrganizationType(await this.service.createAssociation(input, caller), false);
  }
}
