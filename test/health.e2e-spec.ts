import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBuiltServer, stopBuiltServer } from './support/built-server.js';

/** `GET /health` on the built server: PostgreSQL asked, the disk of DATA_DIR measured, no log-in, no personal data. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-health-'));

async function health(port: number): Promise<{ code: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return { code: res.status, body: (await res.json()) as Record<string, unknown> };
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('the health endpoint', () => {
  afterAll(() => {
    delete process.env.DISK_FREE_MIN_MB;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 200 while PostgreSQL answers, 503 once it is gone', async () => {
    const server = await startBuiltServer(dataDir);
    try {
      const up = await health(server.port);
      expect(up.code).toBe(200);
      expect(up.body).toMatchObject({ status: 'ok', database: 'ok', disk: { low: false, minFreeBytes: 2048 * 1024 * 1024 } });
      expect(Object.keys(up.body).sort()).toEqual(['database', 'databaseMs', 'disk', 'status']);
      expect((up.body.disk as { freeBytes: number }).freeBytes).toBeGreaterThan(0);
      expect(server.log()).not.toContain('CẢNH BÁO: ổ đĩa');

      // An immediate shutdown of the cluster under the running server.
      process.kill(postmasterPid(), 'SIGQUIT');
      for (let i = 0; i < 50 && fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')); i++)
        await new Promise((r) => setTimeout(r, 100));
      const down = await health(server.port);
      expect(down.code).toBe(503);
      expect(down.body).toMatchObject({ status: 'unavailable', database: 'down' });
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
      expect(server.log()).toContain(`CẢNH BÁO: ổ đĩa chứa ${dataDir} chỉ còn trống`);
    } finally {
      await stopBuiltServer(server, 'SIGTERM');
    }
  });
});
