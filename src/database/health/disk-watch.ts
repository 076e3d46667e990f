import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import path from 'node:path';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { rotateLog } from '../log-rotation.js';
import { lowDiskWarning, measureDiskSpace, type DiskSpace } from './disk-space.js';

/** How often the server looks at DATA_DIR's disk and the embedded PostgreSQL's log. */
export const WATCH_EVERY_MS = 10 * 60_000;

/**
 * The server's housekeeping of DATA_DIR: a warning line at start and every ten minutes while its
 * disk has less free space than `DISK_FREE_MIN_MB`, and the embedded PostgreSQL's `pg.log`
 * rotated by size between restarts (`log-rotation.ts`; it is rotated at each start too).
 */
@Injectable()
export class DiskWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DATA_DIR');
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    this.check();
    this.timer = setInterval(() => this.check(), WATCH_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The disk now (for /health), without logging. */
  disk(): DiskSpace {
    return measureDiskSpace(this.config.dataDir, this.config.diskFreeMinBytes);
  }

  private check(): void {
    try {
      const d = this.disk();
      if (d.low) this.logger.warn(lowDiskWarning(d));
      if (!this.config.databaseUrl && rotateLog(path.join(this.config.dataDir, 'pg.log')))
        this.logger.log('đã xoay vòng nhật ký PostgreSQL pg.log (bản cũ: pg.log.1 …)');
    } catch (e) {
      this.logger.warn(`không kiểm tra được ổ đĩa của ${this.config.dataDir}: ${(e as Error).message}`);
    }
  }
}
