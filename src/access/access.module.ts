import { Module } from '@nestjs/common';
import { AuditResolver } from '../audit/audit.resolver.js';
import { AccessGuard } from './access.guard.js';
import { AccessResolver } from './access.resolver.js';
import { AuthService } from './auth.service.js';

/** Users, log-in, tokens, the default-deny guard and the audit-log query. */
@Module({
  providers: [AuthService, AccessGuard, AccessResolver, AuditResolver],
  exports: [AuthService, AccessGuard],
})
export class AccessModule {}
