import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module.js';
import { DiskWatch } from './disk-watch.js';
import { HealthController } from './health.controller.js';

/** `GET /health` and the server's watch over DATA_DIR's disk and PostgreSQL's log (the server only, not the CLI). */
@Module({ imports: [AccountsModule], providers: [DiskWatch], controllers: [HealthController] })
export class HealthModule {}
