import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { REPORT_TIME_ZONE } from './period.js';
import { ReportsService } from './reports.service.js';

/**
 * The schedule, and nothing else: at start and at 00:30 on the first of every month (Vietnam's
 * time) it asks the service to catch up; the service decides which periods are due
 * (`REPORT_SCHEDULE`) and takes the lock.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportScheduler');
  /** The start-up catch-up, for whoever wants to wait for it (tests). */
  started: Promise<void> = Promise.resolve();

  constructor(private readonly reports: ReportsService) {}

  onApplicationBootstrap(): void {
    // Not awaited: the server listens while a missed report is computed.
    this.started = this.tick();
  }

  @Cron('0 30 0 1 * *', { name: 'reports', timeZone: REPORT_TIME_ZONE })
  async tick(): Promise<void> {
    try {
      for (const r of await this.reports.catchUp(new Date()))
        if (r.outcome !== 'PRESENT') this.logger.log(`báo cáo ${r.period} ${r.scope}: ${r.outcome}${r.message ? ` — ${r.message}` : ''}`);
    } catch (e) {
      this.logger.error(`lịch báo cáo: ${(e as Error).message}`);
    }
  }
}
