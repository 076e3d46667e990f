import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AccessToken } from './access-token.entity.js';
import { Allow, ALL_ROLES, Caller, Public } from '../access/access.decorators.js';
import {
  CreatedServiceTokenType,
  CreatedUserType,
  CreateServiceTokenInput,
  CreateUserInput,
  CompleteEnrolmentInput,
  EnrolmentInput,
  EnrolmentType,
  LogInInput,
  MeType,
  ServiceTokenType,
  SessionType,
  UsernameArgs,
  UserScopeInput,
  UserResetType,
  UserType,
} from './access.types.js';
import type { AppUser } from './app-user.entity.js';
import { ServiceTokens } from './service-tokens.service.js';
import { AuthService } from './auth.service.js';
import { EnrolmentService } from './enrolment.service.js';
import type { Principal } from '../access/principal.js';
import type { RequestWithPrincipal } from '../access/request-of.js';
import { Role } from '../access/role.js';

/** Log-in, the caller, users and service tokens. */
@Resolver()
export class AccessResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: EnrolmentService,
    private readonly tokens: ServiceTokens,
  ) {}

  @Public()
  @Mutation(() => SessionType, { description: 'Password and TOTP code → a short-lived token. Attempts are limited and logged.' })
  async logIn(@Args('input') input: LogInInput, @Context('req') req: RequestWithPrincipal): Promise<SessionType> {
    const { token, expiresAt, user } = await this.auth.logIn(input, clientIp(req));
    return { token, expiresAt, user: await this.userType(user) };
  }

  @Public()
  @Mutation(() => EnrolmentType, {
    description: 'First log-in, step 1: the enrolment password → a TOTP secret generated now (QR code and text).',
  })
  startEnrolment(@Args('input') input: EnrolmentInput, @Context('req') req: RequestWithPrincipal): Promise<EnrolmentType> {
    return this.enrolment.start(input, clientIp(req));
  }

  @Public()
  @Mutation(() => SessionType, {
    description: 'First log-in, step 2: her own password and a code of the new secret → enrolled, and a session.',
  })
  async completeEnrolment(@Args('input') input: CompleteEnrolmentInput, @Context('req') req: RequestWithPrincipal): Promise<SessionType> {
    const { token, expiresAt, user } = await this.enrolment.complete(input, clientIp(req));
    return { token, expiresAt, user: await this.userType(user) };
  }

  @Allow(...ALL_ROLES)
  @Mutation(() => Boolean, { description: 'Ends this session (its token stops working).' })
  async logOut(@Caller() p: Principal): Promise<boolean> {
    await this.auth.logOut(p);
    return true;
  }

  @Allow(...ALL_ROLES)
  @Query(() => MeType)
  me(@Caller() p: Principal): MeType {
    return { kind: p.kind, name: p.name, role: p.role, organization: p.organization, unit: p.unitCode };
  }

  @Allow(Role.ADMIN)
  @Query(() => [UserType])
  async users(): Promise<UserType[]> {
    return Promise.all((await this.auth.listUsers()).map((u) => this.userType(u)));
  }

  @Allow(Role.ADMIN)
  @Mutation(() => CreatedUserType)
  async createUser(@Args('input') input: CreateUserInput, @Caller() p: Principal): Promise<CreatedUserType> {
    const created = await this.auth.createUser(input, p);
    return {
      ...created,
      user: await this.userType(created.user),
      generatedPassword: input.password == null ? created.enrolmentPassword : null,
      totpSecret: null,
      otpauthUri: null,
    };
  }

  @Allow(Role.ADMIN)
  @Mutation(() => UserResetType, {
    description: 'A new enrolment password (72 hours); her password and TOTP are cleared and her sessions end at once.',
  })
  async resetUser(@Args() { username }: UsernameArgs, @Caller() p: Principal): Promise<UserResetType> {
    const reset = await this.enrolment.reset(username, p);
    return { ...reset, user: await this.userType(reset.user) };
  }

  @Allow(Role.ADMIN)
  @Mutation(() => UserType, { description: 'The user can no longer log in; open sessions end.' })
  async disableUser(@Args() { username }: UsernameArgs, @Caller() p: Principal): Promise<UserType> {
    return this.userType(await this.auth.setUserLocked(username, p, true));
  }

  @Allow(Role.ADMIN)
  @Mutation(() => UserType, {
    description: 'A locked user may log in again, with her password and code as they were (a forgotten one: resetUser).',
  })
  async enableUser(@Args() { username }: UsernameArgs, @Caller() p: Principal): Promise<UserType> {
    return this.userType(await this.auth.setUserLocked(username, p, false));
  }

  @Allow(Role.ADMIN)
  @Mutation(() => UserType, {
    description:
      "Another role or scope for an account (checked as createUser does); her sessions end at once, and she logs in again with her password and code as they were. Not one's own.",
  })
  async changeUserScope(
    @Args('username') username: string,
    @Args('input') input: UserScopeInput,
    @Caller() p: Principal,
  ): Promise<UserType> {
    return this.userType((await this.auth.changeUserScope(username, input, p)).user);
  }

  @Allow(Role.ADMIN)
  @Query(() => [ServiceTokenType])
  async serviceTokens(): Promise<ServiceTokenType[]> {
    return Promise.all((await this.tokens.list()).map((t) => this.tokenType(t)));
  }

  @Allow(Role.ADMIN)
  @Mutation(() => CreatedServiceTokenType)
  async createServiceToken(@Args('input') input: CreateServiceTokenInput, @Caller() p: Principal): Promise<CreatedServiceTokenType> {
    const { token, record } = await this.tokens.create(input, p);
    return { token, serviceToken: await this.tokenType(record) };
  }

  @Allow(Role.ADMIN)
  @Mutation(() => ServiceTokenType)
  async revokeServiceToken(@Args('id', { type: () => ID }) id: string, @Caller() p: Principal): Promise<ServiceTokenType> {
    return this.tokenType((await this.tokens.revoke(id, p)).token);
  }

  private async tokenType(t: AccessToken): Promise<ServiceTokenType> {
    const unit = t.unitId ? await this.auth.unitOf(t.unitId) : null;
    return {
      id: t.id,
      name: t.name ?? '',
      role: t.role!,
      organization: t.organizationCode,
      unit: unit?.code ?? null,
      unitName: unit?.name ?? null,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      readOnly: t.readOnly,
      createdAt: t.createdAt,
    };
  }

  private async userType(u: AppUser): Promise<UserType> {
    const unit = u.unitId ? await this.auth.unitOf(u.unitId) : null;
    return {
      id: u.id,
      username: u.username,
      role: u.role,
      organization: u.organizationCode,
      unit: unit?.code ?? null,
      unitName: unit?.name ?? null,
      disabled: u.disabledAt !== null,
      enrolled: u.passwordHash !== null && u.totpSecretSealed !== null,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
    };
  }
}

const clientIp = (req: RequestWithPrincipal) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
