import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { REPORT_TIME_ZONE } from '../common/dates/period.js';
import { ReportsService } from './reports.service.js';

/**
 * The schedule, and nothing else: at start and every five minutes it asks the service to catch up
 * (a look at what is stored when nothing is due — a few small queries; this often, so that a report
 * made provisional on an empty first day is made final minutes after the first link run — the CLI's
 * too, which the server does not hear of — and Tổng quan never compares with it for long); the service decides which periods are due (`REPORT_SCHEDULE`: a period just
 * ended, or a provisional report a linker run can now make final) and takes the lock. Each report it
 * computes is logged in one line: what it was computed from, final or provisional.
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

  @Cron('0 */5 * * * *', { name: 'reports', timeZone: REPORT_TIME_ZONE })
  async tick(): Promise<void> {
    try {
      // Warn level: the server's log shows errors and warnings only, and a report made by the schedule
      // (provisional above all) is what an administrator must be able to see afterwards.
      for (const r of await this.reports.catchUp(new Date()))
        if (r.outcome === 'COMPUTED') this.logger.warn(r.basis!);
        else if (r.outcome === 'BUSY')
          this.logger.warn(`báo cáo ${r.period} ${r.scope}: một báo cáo khác đang được lập, lần lịch sau sẽ lập`);
        else if (r.outcome === 'STOPPED')
          this.logger.warn(`báo cáo ${r.period} ${r.scope}: dừng giữa chừng vì máy chủ dừng — chưa lưu gì, sẽ lập khi máy chủ chạy lại`);
    } catch (e) {
      this.logger.error(`lịch báo cáo: ${(e as Error).message}`);
    }
  }
}
