import { Args, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { asksFor } from '../../common/graphql/selects.js';
import { Allow, ALL_ROLES, Caller, ROSTER_WRITERS } from '../../access/access.decorators.js';
import { assertOrganizationInScope, type Principal } from '../../access/principal.js';
import { readScope, writeScope, type RecordScope } from '../../access/record-scope.js';
import { Role } from '../../access/role.js';
import { GeographyService } from '../../geography/geography.service.js';
import { unitLabel } from './unit-label.js';
import type { Unit } from './unit.entity.js';
import { CreateUnitInput, RenameUnitInput, UnitType } from './unit.types.js';
import { UnitsService } from './units.service.js';

@Resolver(() => UnitType)
export class UnitsResolver {
  constructor(
    private readonly service: UnitsService,
    private readonly adminUnits: GeographyService,
  ) {}

  @Allow(...ALL_ROLES)
  @Query(() => [UnitType], {
    description: "An organization's units (children of `parent` when given), in tree order. A secretariat sees its own subtree.",
  })
  async units(
    @Caller() caller: Principal,
    @Args('organization') organization: string,
    @Info() info: GraphQLResolveInfo,
    @Args('parent', { nullable: true }) parent?: string,
  ): Promise<UnitType[]> {
    const scope: RecordScope = caller.role === Role.SECRETARIAT ? readScope(caller) : { kind: 'ALL' };
    assertOrganizationInScope(scope, organization, 'đơn vị');
    const units = await this.service.list(organization, parent, scope);
    const counts = asksFor(info, 'memberCount') ? await this.service.memberCounts(units.map((u) => u.id)) : null;
    return units.map((u) => ({ ...this.toType(u, u.parent?.code ?? null), memberCount: counts ? (counts.get(u.id) ?? 0) : null }));
  }

  @Allow(...ROSTER_WRITERS)
  @Query(() => [UnitType], {
    description:
      "Every unit of the caller's organization, by name: where she may transfer a member (to a unit she does not keep, its secretariat accepts).",
  })
  async transferTargets(@Caller() caller: Principal, @Args('organization') organization: string): Promise<UnitType[]> {
    const units = await this.service.transferTargets(organization, caller);
    return units.map((u) => this.toType(u, u.parent?.code ?? null));
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => UnitType, { description: 'A secretariat renames a unit within its scope (the code stays); audited.' })
  async renameUnit(@Args('input') input: RenameUnitInput, @Caller() caller: Principal): Promise<UnitType> {
    const unit = await this.service.rename(input, caller);
    return this.toType(unit, unit.parent?.code ?? null);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => UnitType, { description: 'A secretariat adds units to its own organization (under its own unit when kept to one).' })
  async createUnit(@Args('input') input: CreateUnitInput, @Caller() caller: Principal): Promise<UnitType> {
    const unit = await this.service.create(input, writeScope(caller));
    return this.toType(unit, input.parent ?? null);
  }

  private toType(u: Unit, parentCode: string | null | undefined): UnitType {
    const commune = u.communeCode ? this.adminUnits.commune(u.communeCode) : null;
    return {
      id: u.id,
      organization: u.organizationCode,
      code: u.code,
      name: u.name,
      label: unitLabel(u.name, commune?.name),
      kind: u.kind,
      commune,
      parentCode: parentCode ?? null,
    };
  }
}
