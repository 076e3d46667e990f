import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BackupsResolver } from './backups.resolver.js';
import { BackupsService } from './backups.service.js';

/** Backups of the embedded database, from the console (Quản trị → Sao lưu) and the CLI. */
@Module({ imports: [AuditModule], providers: [BackupsService, BackupsResolver], exports: [BackupsService] })
export class BackupsModule {}
