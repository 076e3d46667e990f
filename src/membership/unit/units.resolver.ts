import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminUnitsService } from '../../admin-units/admin-units.service.js';
import type { Unit } from './unit.entity.js';
import { CreateUnitInput, UnitType } from './unit.types.js';
import { UnitsService } from './units.service.js';

@Resolver(() => UnitType)
export class UnitsResolver {
  constructor(
    private readonly service: UnitsService,
    private readonly adminUnits: AdminUnitsService,
  ) {}

  @Query(() => [UnitType], { description: "An organization's units (children of `parent` when given), in tree order." })
  async units(@Args('organization') organization: string, @Args('parent', { nullable: true }) parent?: string): Promise<UnitType[]> {
    const units = await this.service.list(organization, parent);
    return units.map((u) => this.toType(u, u.parent?.code ?? null));
  }

  @Mutation(() => UnitType)
  async createUnit(@Args('input') input: CreateUnitInput): Promise<UnitType> {
    const unit = await this.service.create(input);
    return this.toType(unit, input.parent ?? null);
  }

  private toType(u: Unit, parentCode: string | null | undefined): UnitType {
    return {
      id: u.id,
      organization: u.organizationCode,
      code: u.code,
      name: u.name,
      kind: u.kind,
      commune: u.communeCode ? this.adminUnits.commune(u.communeCode) : null,
      parentCode: parentCode ?? null,
    };
  }
}
