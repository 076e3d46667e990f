import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TarWriter } from '../src/database/backup/tar-archive.js';
import { createTestApp, type TestApp } from './test-app.js';

interface Run {
  id: string;
  status: string;
  startedAt: string;
  startedByKind: string;
  startedBy: string;
  file: string;
  bytes: number;
  withKey: boolean;
  restoreCommand: string | null;
}

/** An archive as `lienthong backup` writes it: its manifest first (only the manifest matters to the list). */
async function archive(file: string, withKey: boolean): Promise<void> {
  const tar = new TarWriter(file);
  const manifest = { format: 1, createdAt: new Date().toISOString(), keyFingerprint: null, withKey, postgresVersion: '18' };
  await tar.buffer('lienthong-backup.json', Buffer.from(JSON.stringify(manifest)));
  await tar.buffer('pg/PG_VERSION', Buffer.from('18\n'));
  await tar.close();
}

/**
 * After a restore, the database's log of backups ends at the backup it came from: the archives taken
 * since, and that one, are still in BACKUP_DIR. Sao lưu lists them from the folder (who took each not
 * known), with their key as their manifest says and the command to restore them, not "no backup yet".
 */
describe('backups in the folder that the restored database’s log does not name', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-backups-'));
  beforeAll(async () => {
    t = await createTestApp({ BACKUP_DIR: dir });
    await archive(path.join(dir, 'lienthong-2026-12-01-101500.tar.gz'), true);
    await archive(path.join(dir, 'lienthong-2026-12-03-083000.tar.gz'), false);
    await archive(path.join(dir, 'lienthong-2026-11-20-070000.tar.gz'), false);
    // Not archives of ours: left out.
    fs.writeFileSync(path.join(dir, 'ghi-chu.txt'), 'chép sang ổ USB thứ sáu');
    fs.writeFileSync(path.join(dir, 'lienthong-cu.tar.gz'), 'x');
    // The oldest one is in the log (taken before the backup the database came from).
    await t.sql(
      `INSERT INTO backup_run (started_at, finished_at, status, started_by_kind, started_by, file, bytes, with_key)
       VALUES ('2026-11-20T00:00:00Z', '2026-11-20T00:01:00Z', 'DONE', 'USER', 'qt-tinh', $1, 10, false)`,
      [path.join(dir, 'lienthong-2026-11-20-070000.tar.gz')],
    );
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists each archive once, newest first, those the log does not name by the folder, with their key and restore command', async () => {
    const r = await t.gql<{ backups: { runs: Run[] } }>(
      `{ backups { runs { id status startedAt startedByKind startedBy file bytes withKey restoreCommand } } }`,
    );
    expect(r.errors).toBeUndefined();
    const runs = r.data!.backups.runs;
    expect(runs.map((b) => [b.file, b.startedByKind, b.withKey])).toEqual([
      ['lienthong-2026-12-03-083000.tar.gz', 'FOLDER', false],
      ['lienthong-2026-12-01-101500.tar.gz', 'FOLDER', true],
      ['lienthong-2026-11-20-070000.tar.gz', 'USER', false],
    ]);
    const [newest, withKey] = runs;
    // The time its name says, in Vietnam time; its size on disk; who took it is not known here, said in Vietnamese.
    expect(newest.startedAt).toBe('2026-12-03T01:30:00.000Z');
    expect(newest.bytes).toBe(fs.statSync(path.join(dir, newest.file)).size);
    expect(newest.status).toBe('DONE');
    expect(newest.startedBy).toMatch(/^Không rõ — tệp có trong thư mục sao lưu/);
    expect(newest.restoreCommand).toContain(`restore ${path.join(dir, newest.file)} --data-dir THƯ_MỤC_MỚI --key TỆP_KHÓA`);
    // The key is in that archive: its restore needs no key file.
    expect(withKey.restoreCommand).not.toContain('--key');
  });
});
