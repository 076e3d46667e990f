import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Role } from '../access/role.js';

registerEnumType(Role, {
  name: 'Role',
  valuesMap: {
    ADMIN: { description: 'Users, configuration, associations, everything.' },
    SECRETARIAT: { description: 'One organization and a unit subtree: its own roster.' },
    DAN_VAN: { description: 'Ban Dân vận: reads across organizations, decides link reviews.' },
    AUDITOR: { description: 'Reports and aggregate figures only.' },
  },
});

@InputType()
export class LogInInput {
  @Field() @IsString() @MaxLength(64) username: string;
  @Field() @IsString() @MaxLength(256) password: string;
  @Field({ description: 'The 6-digit code of the authenticator app (TOTP).' }) @IsString() @MaxLength(12) totpCode: string;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true }) organization: string | null;
  @Field(() => String, { nullable: true, description: 'Unit code of the scope, for a secretariat kept to a subtree.' })
  unit: string | null;
  @Field(() => String, { nullable: true, description: 'The name of that unit.' })
  unitName: string | null;
  @Field() disabled: boolean;
  @Field({ description: 'She has set her password and authenticator; false while her enrolment password waits (created, or reset).' })
  enrolled: boolean;
  @Field(() => Date, { nullable: true }) lastLoginAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('Session')
export class SessionType {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' }) token: string;
  @Field() expiresAt: Date;
  @Field(() => UserType) user: UserType;
}

@ObjectType('Me', { description: 'Who the token belongs to.' })
export class MeType {
  @Field({ description: 'USER, SERVICE or CLI' }) kind: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true }) organization: string | null;
  @Field(() => String, { nullable: true }) unit: string | null;
}

@InputType('UserScopeInput', { description: 'A role, and for a SECRETARIAT her organization and, if kept to one, her unit (its code).' })
export class UserScopeInput {
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) unit?: string | null;
}

@InputType()
export class CreateUserInput extends UserScopeInput {
  @Field() @IsString() @MaxLength(64) username: string;
  @Field(() => String, { nullable: true, description: 'Generated (and returned once) when absent.' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string | null;
}

@ObjectType('CreatedUser', {
  description: 'Shown once: hand the enrolment password to the user; she sets her own password and TOTP at her first log-in.',
})
export class CreatedUserType {
  @Field(() => UserType) user: UserType;
  @Field(() => String, { nullable: true, deprecationReason: 'Use enrolmentPassword (the same password when generated).' })
  generatedPassword: string | null;
  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Always null: the TOTP secret is generated at the first log-in (startEnrolment).',
  })
  totpSecret: string | null;
  @Field(() => String, { nullable: true, deprecationReason: 'Always null: see startEnrolment.' })
  otpauthUri: string | null;
  @Field({ description: 'One-time password for the first log-in (startEnrolment, completeEnrolment), valid 72 hours.' })
  enrolmentPassword: string;
  @Field() enrolmentExpiresAt: Date;
}

@ObjectType('UserReset', { description: 'Shown once: the new enrolment password; her password, TOTP and sessions are gone.' })
export class UserResetType {
  @Field(() => UserType) user: UserType;
  @Field() enrolmentPassword: string;
  @Field() enrolmentExpiresAt: Date;
}

@InputType()
export class EnrolmentInput {
  @Field() @IsString() @MaxLength(64) username: string;
  @Field({ description: 'The one-time password of user create or a reset.' }) @IsString() @MaxLength(256) enrolmentPassword: string;
}

@InputType()
export class CompleteEnrolmentInput extends EnrolmentInput {
  @Field({ description: 'Her own password from now on (at least 12 characters, not the username).' })
  @IsString()
  @MaxLength(256)
  newPassword: string;
  @Field({ description: 'A 6-digit code of the secret startEnrolment showed.' }) @IsString() @MaxLength(12) totpCode: string;
}

@ObjectType('Enrolment', { description: 'A TOTP secret generated now for the authenticator app; confirm it with completeEnrolment.' })
export class EnrolmentType {
  @Field() username: string;
  @Field({ description: 'The secret as text, to type into the app.' }) totpSecret: string;
  @Field() otpauthUri: string;
  @Field({ description: 'The otpauth link as a QR code (SVG), generated on the server.' }) qrSvg: string;
  @Field({ description: 'When the enrolment password stops working.' }) expiresAt: Date;
}

@ObjectType('ServiceToken')
export class ServiceTokenType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true }) organization: string | null;
  @Field(() => String, { nullable: true, description: 'A secretariat’s token kept to one unit (and the units under it): its code.' })
  unit: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field({ description: 'It only reads: every mutation and every request but GET is refused.' }) readOnly: boolean;
  @Field() createdAt: Date;
}

@InputType()
export class CreateServiceTokenInput {
  @Field() @IsString() @MaxLength(64) name: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) unit?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'It only reads (an integration that reads a roster): no mutation, no upload.' })
  @IsOptional()
  @IsBoolean()
  readOnly?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Days until it expires; none = until revoked.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number | null;
}

@ObjectType('CreatedServiceToken')
export class CreatedServiceTokenType {
  @Field({ description: 'Shown once; only its hash is stored.' }) token: string;
  @Field(() => ServiceTokenType) serviceToken: ServiceTokenType;
}

@ArgsType()
export class UsernameArgs {
  @Field() @IsString() @MaxLength(64) username: string;
}
