import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommuneType } from '../../geography/geography.types.js';
import { UnitKind } from './unit.entity.js';

registerEnumType(UnitKind, { name: 'UnitKind' });

@ObjectType('Unit', { description: "A node of an organization's tree: province committee → base → branch." })
export class UnitType {
  @Field(() => ID) id: string;
  @Field() organization: string;
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'Its name as a list shows it: with its commune where the name does not say it ("Chi hội 1 (Xã Quài Tở)").' })
  label: string;
  @Field(() => UnitKind) kind: UnitKind;
  @Field(() => CommuneType, { nullable: true }) commune: CommuneType | null;
  @Field(() => String, { nullable: true, description: 'Code of the parent unit' }) parentCode: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Members not ended filed in this unit itself (not its subtree); counted by `units` when asked for, null elsewhere',
  })
  memberCount?: number | null;
}

@InputType()
export class RenameUnitInput {
  @Field() @IsString() @MaxLength(16) organization: string;
  @Field({ description: 'The unit’s code (it stays)' }) @IsString() @MaxLength(32) code: string;
  @Field({ description: 'The new name' }) @IsString() @MaxLength(1000) name: string;
}

@InputType()
export class CreateUnitInput {
  @Field() @IsString() @MaxLength(16) organization: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The organization's own code for the unit: letters without accents, digits, - _ . (at most 32). None: made from its commune's code and its name (`00004-CHI-DOAN-THON-1`), numbered when taken",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  code?: string | null;

  @Field() @IsString() @MaxLength(1000) name: string;

  @Field(() => UnitKind) @IsEnum(UnitKind) kind: UnitKind;

  @Field({ nullable: true, description: 'Code of the parent unit in the same organization' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  parent?: string;

  @Field({ nullable: true, description: 'Commune code, old or new; a branch inherits its parent’s' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  communeCode?: string;
}
