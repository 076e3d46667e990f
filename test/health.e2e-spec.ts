import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS } from '../migrations/index.js';
import { SCHEMA_LEVEL } from '../src/database/product-version.js';
import { serverEnv, startBuiltServer, stopBuiltServer } from './support/built-server.js';

/**
 * `GET /health` on the built server: PostgreSQL asked, the disk of DATA_DIR measured, no log-in, no
 * personal data; the details only to a caller on the machine itself or with an ADMIN's token.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-health-'));
const BIN = path.resolve(import.meta.dirname, '../bin/lienthong.js');

async function health(port: number, headers: Record<string, string> = {}): Promise<{ code: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { headers });
  return { code: res.status, body: (await res.json()) as Record<string, unknown> };
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** The postmaster and every process it started (the backends that hold the server's connections). */
function clusterProcesses(): number[] {
  const postmaster = postmasterPid();
  const children = fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

const DETAILS = ['database', 'databaseMs', 'disk', 'schema', 'status', 'version'];

describe('the health endpoint', () => {
  afterAll(() => {
    delete process.env.DISK_FREE_MIN_MB;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 200 while PostgreSQL answers, 503 while it does not', async () => {
    const server = await startBuiltServer(dataDir);
    try {
      const up = await health(server.port);
      expect(up.code).toBe(200);
      expect(up.body).toMatchObject({ status: 'ok', database: 'ok', disk: { low: false, minFreeBytes: 2048 * 1024 * 1024 } });
      expect(Object.keys(up.body).sort()).toEqual(DETAILS);
      // Which version runs, and the level of the data's structure it knows (the last migration), for an upgrade's check.
      expect(up.body).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/) as unknown, schema: SCHEMA_LEVEL });
      expect(SCHEMA_LEVEL).toBe(/\d+$/.exec(new MIGRATIONS[MIGRATIONS.length - 1]().name)![0]);
      expect((up.body.disk as { freeBytes: number }).freeBytes).toBeGreaterThan(0);
      expect(server.log()).not.toContain('CẢNH BÁO: ổ đĩa');

      // The cluster frozen under the running server (a killed cluster makes the server exit: service-life.e2e-spec.ts).
      const frozen = clusterProcesses();
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
      try {
        const down = await health(server.port);
        expect(down.code).toBe(503);
        expect(down.body).toMatchObject({ status: 'unavailable', database: 'timeout' });
      } finally {
        for (const pid of frozen) process.kill(pid, 'SIGCONT');
      }
    } finally {
      await stopBuiltServer(server, 'SIGTERM');
    }
  });

  it('shows the status alone to a caller through the reverse proxy, the details with an ADMIN token', async () => {
    const created = spawnSync(process.execPath, [BIN, 'token', 'create', '--name', 'health-monitor', '--role', 'ADMIN'], {
      env: serverEnv(dataDir, 0),
      encoding: 'utf8',
    });
    expect(created.status).toBe(0);
    const token = created.stdout.trim().split('\n').pop()!;
    const server = await startBuiltServer(dataDir);
    try {
      const proxied = { 'x-forwarded-for': '203.0.113.7' };
      const outside = await health(server.port, proxied);
      expect(outside).toEqual({ code: 200, body: { status: 'ok' } });
      expect((await health(server.port, { ...proxied, authorization: 'Bearer lt_svc_not-a-real-token' })).body).toEqual({ status: 'ok' });
      const admin = await health(server.port, { ...proxied, authorization: `Bearer ${token}` });
      expect(Object.keys(admin.body).sort()).toEqual(DETAILS);
    } finally {
      await stopBuiltServer(server, 'SIGTERM');
    }
  });

  it('warns, in the log and on /health, when the disk of DATA_DIR has less free space than DISK_FREE_MIN_MB', async () => {
    process.env.DISK_FREE_MIN_MB = String(1 << 30);
    const server = await startBuiltServer(dataDir);
    try {
      const low = await health(server.port);
      expect(low.code).toBe(200);
      expect(low.body).toMatchObject({ status: 'warning', database: 'ok', disk: { low: true } });
      expect(server.log()).toMatch(new RegExp(`WARN \\[DATA_DIR\\] CẢNH BÁO: ổ đĩa chứa ${dataDir} chỉ còn trống \\d+\\.\\d [KMGT]B`));
      // Its output is a pipe, as under journald: no colour codes.
      expect(server.log()).not.toContain('\u001b[');
    } finally {
      await stopBuiltServer(server, 'SIGTERM');
    }
  });
});
