import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessResolver } from './access.resolver.js';
import { AuthService } from './auth.service.js';

/** Users, log-in, sessions, service tokens and the default-deny guard that reads their bearer tokens. */
@Module({
  imports: [MembershipModule, PersonalDataModule, AuditModule],
  providers: [AuthService, AccessGuard, AccessResolver],
  exports: [AuthService, AccessGuard],
})
export class AccountsModule {}
