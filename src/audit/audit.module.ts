import { Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/** The append-only audit log: every feature that changes or reads people writes to it; ADMIN reads it. */
@Module({ providers: [AuditService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
