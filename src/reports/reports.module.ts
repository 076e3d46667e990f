import { LastVisitResolver } from './last-visit/last-visit.resolver.js';
import { LastVisitService } from './last-visit/last-visit.service.js';
import { MemberMovementResolver } from './movement/member-movement.resolver.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LinkerModule } from '../linker/linker.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { ScheduleModule } from '@nestjs/schedule';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { ReportExportService } from './report-export.service.js';
import { FiguresWarmUp } from './figures-warm-up.js';
import { ReportScheduler } from './report-scheduler.js';
import { ReportsController } from './reports.controller.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportVersionsResolver } from './report-versions.resolver.js';
import { ReportsService } from './reports.service.js';

/** Reconciliation reports: computed, kept, read over GraphQL and HTTP, exported. */
@Module({
  imports: [MembershipModule, AuditModule, LinkerModule],
  providers: [
    ReportsService,
    ReportExportService,
    ReportsResolver,
    ReportVersionsResolver,
    LastVisitService,
    LastVisitResolver,
    MemberMovementResolver,
  ],
  controllers: [ReportsController, DashboardController],
  exports: [ReportsService, ReportExportService],
})
export class ReportsModule {}

/** The server's own background work (not the CLI's): the shared figures counted at start; the reports' schedule (catch up at start, then daily). */
@Module({
  imports: [ScheduleModule.forRoot(), ReportsModule, LinkerModule],
  providers: [ReportScheduler, FiguresWarmUp],
})
export class ReportSchedulingModule {}
