import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../access/access.decorators.js';
import { DiskWatch } from './disk-watch.js';

/** How long PostgreSQL has to answer `SELECT 1` before the service is reported unavailable. */
export const HEALTH_DB_TIMEOUT_MS = 2000;

/**
 * `GET /health` for a load balancer or a monitor: no log-in, no personal data. 200 while
 * PostgreSQL answers (`status` "ok", or "warning" when DATA_DIR's disk is low), 503 when it does not.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly watch: DiskWatch,
  ) {}

  @Public()
  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const started = Date.now();
    const database = await this.ping();
    const disk = (() => {
      try {
        return this.watch.disk();
      } catch {
        return null;
      }
    })();
    const status = database !== 'ok' ? 'unavailable' : disk?.low ? 'warning' : 'ok';
    res.status(status === 'unavailable' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).json({
      status,
      database,
      databaseMs: Date.now() - started,
      disk: disk && { freeBytes: disk.freeBytes, totalBytes: disk.totalBytes, minFreeBytes: disk.minFreeBytes, low: disk.low },
    });
  }

  private async ping(): Promise<'ok' | 'timeout' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), HEALTH_DB_TIMEOUT_MS)));
    const query = this.dataSource.query('SELECT 1').then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
