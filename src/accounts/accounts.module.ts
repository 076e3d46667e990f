import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessResolver } from './access.resolver.js';
import { AuthService } from './auth.service.js';
import { EnrolmentService } from './enrolment.service.js';
import { ServiceTokens } from './service-tokens.service.js';
import { SessionController } from './session.controller.js';

/** Users, log-in, sessions (bearer and browser), service tokens and the default-deny guard that reads their tokens. */
@Module({
  imports: [MembershipModule, PersonalDataModule, AuditModule],
  providers: [AuthService, EnrolmentService, ServiceTokens, AccessGuard, AccessResolver],
  controllers: [SessionController],
  exports: [AuthService, EnrolmentService, ServiceTokens, AccessGuard],
})
export class AccountsModule {}
