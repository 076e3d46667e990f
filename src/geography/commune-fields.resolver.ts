import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../access/access.decorators.js';
import { GeographyService } from './geography.service.js';
import { CommuneType } from './geography.types.js';

/**
 * Thin: what tells a commune from its namesakes in other provinces (a picker labels one outside the
 * deployment's province with its province's name).
 */
@Resolver(() => CommuneType)
export class CommuneFieldsResolver {
  constructor(private readonly geography: GeographyService) {}

  @Public()
  @ResolveField('provinceName', () => String, { description: "Its province's name (Tỉnh Phú Thọ, Thành phố Hà Nội)." })
  provinceName(@Parent() c: CommuneType): string {
    return this.geography.provinceName(c.provinceCode);
  }

  @Public()
  @ResolveField('formerNames', () => [String], {
    description:
      'The old communes merged wholly into it on 1/7/2025 (not those split between several), by name: what people still call it (Phường Liễu Giai).',
  })
  formerNames(@Parent() c: CommuneType): string[] {
    return this.geography.formerNames(c.code);
  }

  @Public()
  @ResolveField('inHomeProvince', () => Boolean, {
    description: 'In the province this deployment serves (PROVINCE); false for every commune when none is set.',
  })
  inHomeProvince(@Parent() c: CommuneType): boolean {
    return this.geography.inHomeProvince(c.provinceCode);
  }
}
