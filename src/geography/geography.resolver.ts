import { Public } from '../access/access.decorators.js';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '../common/errors/domain-error.js';
import { GeographyService } from './geography.service.js';
import { CommuneResolutionType, CommuneType, LegacyCommuneType, ProvinceType } from './geography.types.js';
import type { LegacyCommuneRef } from './commune-directory.js';

@Resolver()
export class GeographyResolver {
  constructor(private readonly adminUnits: GeographyService) {}

  @Public()
  @Query(() => [ProvinceType], { description: 'The 34 provinces since 1/7/2025.' })
  provinces(): ProvinceType[] {
    return this.adminUnits.listProvinces();
  }

  @Public()
  @Query(() => [CommuneType], {
    description: 'Current communes, by province and/or a name typed with or without accents (old names lead to their successors).',
  })
  communes(
    @Args('province', { nullable: true }) province?: string,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
  ): CommuneType[] {
    if (first < 1 || first > 5000) throw new DomainError('BAD_USER_INPUT', `first = ${first}: phải từ 1 đến 5000`);
    return this.adminUnits.listCommunes({ province, search, limit: first });
  }

  @Public()
  @Query(() => CommuneResolutionType, {
    description: 'Reads a commune code (old or new) and/or name as a roster gives them.',
  })
  resolveCommune(@Args('code', { nullable: true }) code?: string, @Args('name', { nullable: true }) name?: string): CommuneResolutionType {
    const r = this.adminUnits.resolve({ code, name });
    const full = (c: { code: string }) => this.adminUnits.commune(c.code)!;
    return {
      kind: r.kind,
      commune: r.commune ? full(r.commune) : null,
      candidates: r.candidates.map(full),
      legacy: r.legacy ? this.legacyType(r.legacy) : null,
    };
  }

  private legacyType(l: LegacyCommuneRef): LegacyCommuneType {
    return { ...l, successors: l.successorCodes.map((c) => this.adminUnits.commune(c)!).filter(Boolean) };
  }
}
