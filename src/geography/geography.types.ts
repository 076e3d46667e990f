import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CommuneResolutionKind } from './commune-directory.js';

@ObjectType('Province', { description: 'A province since 1/7/2025.' })
export class ProvinceType {
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'Tỉnh or Thành phố' }) kind: string;
}

@ObjectType('Commune', { description: 'A commune-level unit since 1/7/2025 (xã, phường, đặc khu).' })
export class CommuneType {
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'Xã, Phường or Đặc khu' }) kind: string;
  @Field() provinceCode: string;
}

@ObjectType('LegacyCommune', { description: 'A commune before 1/7/2025, with its successor(s).' })
export class LegacyCommuneType {
  @Field() code: string;
  @Field() name: string;
  @Field() legacyProvinceCode: string;
  @Field(() => [CommuneType]) successors: CommuneType[];
}

export enum CommuneResolutionKindEnum {
  CURRENT = 'CURRENT',
  LEGACY = 'LEGACY',
  LEGACY_SPLIT = 'LEGACY_SPLIT',
  NAME = 'NAME',
  AMBIGUOUS = 'AMBIGUOUS',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(CommuneResolutionKindEnum, { name: 'CommuneResolutionKind' });

@ObjectType('CommuneResolution', { description: 'How a commune code and/or name as entered was read.' })
export class CommuneResolutionType {
  @Field(() => CommuneResolutionKindEnum) kind: CommuneResolutionKind;
  @Field(() => CommuneType, { nullable: true }) commune: CommuneType | null;
  @Field(() => [CommuneType], { description: 'Successors of a split old commune, or communes of an ambiguous name.' })
  candidates: CommuneType[];
  @Field(() => LegacyCommuneType, { nullable: true }) legacy: LegacyCommuneType | null;
}
