import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { serverEnv, startBuiltServer, stopBuiltServer, type BuiltServer } from './support/built-server.js';

/**
 * `lienthong backup` while the built server runs and writes go on, then `lienthong restore` into a
 * new DATA_DIR, the server started on it: the same tables, the same record, its sealed ID number
 * read back through the API with the key kept apart.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/lienthong.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-backup-'));
const source = path.join(work, 'source');
const restored = path.join(work, 'restored');
const archive = path.join(work, 'backup.tar.gz');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const cliSync = (dataDir: string, args: string[]): Run =>
  spawnSync(process.execPath, [BIN, ...args], { env: serverEnv(dataDir, 0), encoding: 'utf8' });

/** The CLI without blocking this process (the writes go on meanwhile). */
const cli = (dataDir: string, args: string[]) =>
  new Promise<Run>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: serverEnv(dataDir, 0) });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

async function gql<T>(server: BuiltServer, token: string, query: string, variables: object = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Tables the writes during the backup leave alone, and those they add to (a new record is linked at once). */
const FIXED = ['organization', 'unit', 'link_run', 'resident', 'access_token'];
const GROWING = ['member_record', 'membership_event', 'record_person', 'record_link', 'record_flag'];

/** Row counts on a DATA_DIR's running cluster, as its superuser. */
async function counts(dataDir: string): Promise<Record<string, number>> {
  const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, 'db.lock.json'), 'utf8')) as { port: number };
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'lienthong' });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of [...FIXED, ...GROWING])
      out[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return out;
  } finally {
    await client.end();
  }
}

const CREATE = 'mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }';
const KNOWN = {
  organization: 'HND',
  externalId: 'BK-1',
  fullName: 'Quàng Văn Sao Lưu',
  sex: 'MALE',
  birthDate: '1985',
  idNumber: '001185012345',
};

describe('backup while the server runs, restore into a new DATA_DIR', () => {
  let server: BuiltServer | null = null;
  afterAll(async () => {
    if (server) await stopBuiltServer(server, 'SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('gives back the same data, the sealed ID number readable with the key kept apart', async () => {
    const seeded = cliSync(source, ['seed', '--demo', '--out', path.join(work, 'demo'), '--persons', '300', '--load']);
    expect(seeded.status).toBe(0);
    expect(cliSync(source, ['link']).status).toBe(0);
    const token = cliSync(source, ['token', 'create', '--name', 'backup-test', '--role', 'ADMIN']).stdout.trim().split('\n').pop()!;

    server = await startBuiltServer(source);
    const { createMemberRecord: known } = await gql<{ createMemberRecord: { id: string } }>(server, token, CREATE, { i: KNOWN });
    const before = await counts(source);

    // Records written one after another for as long as the backup runs.
    let written = 0;
    let writing = true;
    const running = server;
    const writer = (async () => {
      while (writing) {
        await gql(running, token, CREATE, { i: { organization: 'HND', externalId: `W-${written}`, fullName: 'Lò Văn Ghi' } });
        written++;
      }
    })();
    const failed = writer.then(
      () => null,
      (e: unknown) => e,
    );
    while (written < 3) {
      const outcome = await Promise.race([failed, new Promise((r) => setTimeout(() => r('waiting'), 50))]);
      if (outcome !== 'waiting' && outcome !== null) throw outcome as Error;
    }
    const writtenBefore = written;
    const backup = await cli(source, ['backup', '--out', archive]);
    const writtenAfter = written;
    writing = false;
    await writer;
    const final = await counts(source);
    expect(backup.stderr).toContain('KHÔNG chứa khóa dữ liệu cá nhân');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^tệp\t.*backup\.tar\.gz$/m);
    expect(backup.stdout).toMatch(/^dung lượng\t\d+\.\d (KB|MB|GB) \(\d+ byte\)$/m);
    expect(writtenAfter).toBeGreaterThan(writtenBefore);
    // Never over that backup (the morning's, by the evening's of the same daily name), nor inside DATA_DIR: refused, saying what to do.
    const again = cliSync(source, ['backup', '--out', archive]);
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining(`đã có tệp ${archive}: không ghi đè một bản sao lưu`)]);
    // A folder for --out: asked for a file's name, not told a file is there.
    const folder = cliSync(source, ['backup', '--out', path.dirname(archive)]);
    expect([folder.status, folder.stderr]).toEqual([
      1,
      expect.stringContaining(`${path.dirname(archive)} là một thư mục: --out cần tên tệp`),
    ]);
    const inside = cliSync(source, ['backup', '--out', path.join(source, 'trong.tar.gz')]);
    expect([inside.status, inside.stderr]).toEqual([1, expect.stringContaining(`nằm trong DATA_DIR (${source})`)]);
    expect(fs.existsSync(path.join(source, 'trong.tar.gz'))).toBe(false);
    expect(await stopBuiltServer(server, 'SIGTERM')).toBe(0);
    server = null;

    // Without the key, or into a folder in use: refused, nothing written.
    const noKey = cliSync(restored, ['restore', archive, '--data-dir', restored]);
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toContain('bản sao lưu không chứa khóa dữ liệu cá nhân');
    // Not even the folder it made (an empty DATA_DIR left behind reads as a restore that happened).
    expect(fs.existsSync(restored)).toBe(false);
    expect(cliSync(source, ['restore', archive, '--data-dir', source]).stderr).toContain('không trống');

    const restore = cliSync(restored, ['restore', archive, '--data-dir', restored, '--key', path.join(source, 'lienthong.key')]);
    expect(restore.stderr).toContain('đã khôi phục');
    // The operator is told the access of then is back (a lock or a revocation made since is undone), and what to look over.
    expect(restore.stderr).toMatch(
      /dữ liệu trở về lúc sao lưu \(\d\d\/\d\d\/\d{4} \d\d:\d\d\): .*kể cả tài khoản đã khóa, token đã thu hồi .* Đã kết thúc 0 phiên đăng nhập cũ; hãy xem lại \d+ tài khoản đang mở và 1 token dịch vụ còn hiệu lực/,
    );
    expect(restore.status).toBe(0);
    expect(fs.statSync(restored).mode & 0o077 & ~0o011).toBe(0);

    server = await startBuiltServer(restored);
    {
      const after = await counts(restored);
      for (const t of FIXED) expect([t, after[t]]).toEqual([t, before[t]]);
      // A state between the backup's start and the end of the writes: every record written before it began is there.
      for (const t of GROWING) expect([t, before[t] <= after[t] && after[t] <= final[t]]).toEqual([t, true]);
      expect(after.member_record).toBeGreaterThanOrEqual(before.member_record + writtenBefore);
      const { memberRecord } = await gql<{ memberRecord: Record<string, string> }>(
        server,
        token,
        `query($id: ID!) { memberRecord(id: $id) { externalId fullName sex birthDate idNumber } }`,
        { id: known.id },
      );
      expect(memberRecord).toEqual({
        externalId: 'BK-1',
        fullName: KNOWN.fullName,
        sex: 'MALE',
        birthDate: '1985',
        idNumber: '0011******45',
      });
      const { revealIdNumber } = await gql<{ revealIdNumber: { idNumber: string } }>(
        server,
        token,
        `mutation($id: ID!) { revealIdNumber(id: $id, reason: "Kiểm tra bản khôi phục") { idNumber } }`,
        { id: known.id },
      );
      expect(revealIdNumber.idNumber).toBe(KNOWN.idNumber);
    }
  }, 600_000);
});
