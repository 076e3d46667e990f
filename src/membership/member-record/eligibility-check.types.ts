import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SexEnum } from '../organization/organization.types.js';
import { ProfileValueInput } from './member-record.types.js';

@InputType({ description: 'A member not yet saved, as far as the form is filled: what the organization’s rules say of her.' })
export class EligibilityCheckInput {
  @Field() @IsString() @MaxLength(16) organization: string;
  @Field({ nullable: true, description: 'As on the form: a year is enough' }) @IsOptional() @IsString() @MaxLength(20) birthDate?: string;
  @Field(() => SexEnum, { nullable: true }) @IsOptional() @IsEnum(SexEnum) sex?: SexEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) joinDate?: string;

  @Field(() => [ProfileValueInput], { nullable: true, description: 'Her Chức vụ and the organization’s own fields, as typed' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ProfileValueInput)
  profile?: ProfileValueInput[];
}
