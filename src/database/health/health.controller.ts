import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../access/access.decorators.js';
import { Role } from '../../access/role.js';
import { requestToken } from '../../common/http/request-token.js';
import { AuthService } from '../../accounts/auth.service.js';
import { DiskWatch } from './disk-watch.js';
import { isLocalCaller } from './health-audience.js';
import { PRODUCT_VERSION } from '../product-version.js';

/** How long PostgreSQL has to answer `SELECT 1` before the service is reported unavailable. */
export const HEALTH_DB_TIMEOUT_MS = 2000;

/**
 * `GET /health` for a load balancer or a monitor: no log-in, no personal data. 200 while
 * PostgreSQL answers (`status` "ok", or "warning" when DATA_DIR's disk is low), 503 when it does not.
 * The details (the database's answer time, the disk's sizes) go to a caller on this machine or with
 * an ADMIN's token (or browser session); anyone else, through the reverse proxy, reads the status alone.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly watch: DiskWatch,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @Get('health')
  async health(@Req() req: Request, @Res() res: Response): Promise<void> {
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
    res.status(status === 'unavailable' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    if (!(await this.mayReadDetails(req))) {
      res.json({ status });
      return;
    }
    res.json({
      status,
      database,
      databaseMs: Date.now() - started,
      version: PRODUCT_VERSION.version,
      schema: PRODUCT_VERSION.schema,
      disk: disk && { freeBytes: disk.freeBytes, totalBytes: disk.totalBytes, minFreeBytes: disk.minFreeBytes, low: disk.low },
    });
  }

  private async mayReadDetails(req: Request): Promise<boolean> {
    if (isLocalCaller(req.socket.remoteAddress, req.headers)) return true;
    const token = requestToken(req)?.token;
    if (!token) return false;
    const principal = await this.auth.authenticate(token, req.ip ?? null).catch(() => null);
    return principal?.role === Role.ADMIN;
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
