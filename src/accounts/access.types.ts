import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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
  @Field() disabled: boolean;
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

@InputType()
export class CreateUserInput {
  @Field() @IsString() @MaxLength(64) username: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) unit?: string | null;
  @Field(() => String, { nullable: true, description: 'Generated (and returned once) when absent.' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string | null;
}

@ObjectType('CreatedUser', { description: 'Shown once: hand the password and the TOTP secret to the user.' })
export class CreatedUserType {
  @Field(() => UserType) user: UserType;
  @Field(() => String, { nullable: true }) generatedPassword: string | null;
  @Field() totpSecret: string;
  @Field({ description: 'otpauth:// link for the authenticator app (as a QR code).' }) otpauthUri: string;
}

@ObjectType('ServiceToken')
export class ServiceTokenType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field(() => String, { nullable: true }) organization: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field() createdAt: Date;
}

@InputType()
export class CreateServiceTokenInput {
  @Field() @IsString() @MaxLength(64) name: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) unit?: string | null;
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
