import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isWithin } from '../../common/files/within.js';
import { KEY_FILE_NAME } from '../../personal-data/personal-data-key.js';
import { EmbeddedCluster } from '../embedded-cluster.js';
import { walkCluster, walSegmentCount, walSegmentsBetween } from './cluster-files.js';
import { TarWriter } from './tar-archive.js';

/**
 * A backup of the embedded cluster while the server and the CLI use it: PostgreSQL's low-level
 * base backup (`pg_backup_start`, the files copied as they are, `pg_backup_stop`), its
 * `backup_label` and the WAL from the start to the stop written into one .tar.gz. The WAL is held
 * by a temporary replication slot made before the start, so no checkpoint during a long copy may
 * recycle a segment the restore needs (there is no WAL archive to fetch it from).
 *
 * The archive: `lienthong-backup.json` first (what the restore checks before writing anything),
 * the passwords, waiting imports' files (`previews/`), `pg/` without what the server remakes,
 * `pg/backup_label`, `pg/pg_wal/<segments>`; the personal-data key only when asked.
 */
export const MANIFEST = 'lienthong-backup.json';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The fingerprint of the key the database was written with (null: never opened by the product). */
  keyFingerprint: string | null;
  /** Whether `lienthong.key` is in the archive. */
  withKey: boolean;
  postgresVersion: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  startLsn: string;
  stopLsn: string;
  walSegments: number;
  withKey: boolean;
  keyFile: string;
}

/** The DATA_DIR files beside the cluster that a restore needs (the key only with `withKey`). */
const SIDE_FILES = ['pg-password', 'pg-app-password'];

export async function takeBaseBackup(opts: {
  dataDir: string;
  out: string;
  withKey: boolean;
  log: (m: string) => void;
  /** The superuser's URL of the cluster this process already uses (the server's): not acquired again. */
  connectTo?: string;
}): Promise<BackupResult> {
  const dataDir = path.resolve(opts.dataDir);
  assertWritableFolder(opts.out);
  assertNewArchive(opts.out, dataDir);
  const keyFile = path.join(dataDir, KEY_FILE_NAME);
  if (opts.withKey && !fs.existsSync(keyFile))
    throw new Error(`--with-key: không có tệp khóa ${keyFile} (khóa được đặt bằng LIENTHONG_KEY thì hãy sao lưu nó riêng)`);
  const db = opts.connectTo
    ? { url: opts.connectTo, release: () => Promise.resolve() }
    : await new EmbeddedCluster({ dataDir, log: opts.log }).acquire();
  const client = new pg.Client({ connectionString: db.url });
  const partial = `${opts.out}.partial`;
  try {
    await client.connect();
    const result = await copyCluster(client, dataDir, partial, opts.withKey, opts.log);
    fs.renameSync(partial, opts.out);
    return { ...result, file: opts.out, bytes: fs.statSync(opts.out).size, withKey: opts.withKey, keyFile };
  } finally {
    fs.rmSync(partial, { force: true });
    // Ending the session drops the slot and, after a failure, aborts the backup.
    await client.end().catch(() => undefined);
    await db.release();
  }
}

async function copyCluster(
  client: pg.Client,
  dataDir: string,
  out: string,
  withKey: boolean,
  log: (m: string) => void,
): Promise<{ startLsn: string; stopLsn: string; walSegments: number }> {
  const pgDir = path.join(dataDir, 'pg');
  const tar = new TarWriter(out);
  try {
    await tar.buffer(MANIFEST, Buffer.from(JSON.stringify(await manifest(client, withKey), null, 2)));
    for (const name of [...SIDE_FILES, ...(withKey ? [KEY_FILE_NAME] : [])]) await tar.file(name, path.join(dataDir, name));
    await addFolder(tar, dataDir, 'previews');

    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [`lienthong_backup_${process.pid}`]);
    const start = await client.query<{ lsn: string }>(`SELECT pg_backup_start($1, true)::text AS lsn`, [
      `lienthong ${new Date().toISOString()}`,
    ]);
    log(`bắt đầu sao lưu tại WAL ${start.rows[0].lsn}; đang chép ${pgDir}`);
    await tar.directory('pg');
    for (const item of walkCluster(pgDir)) {
      if (item.directory) await tar.directory(`pg/${item.relative}`);
      else await tar.file(`pg/${item.relative}`, path.join(pgDir, item.relative));
    }
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
      'SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const { lsn, labelfile, spcmapfile } = stop.rows[0];
    await tar.buffer('pg/backup_label', Buffer.from(labelfile));
    if (spcmapfile) await tar.buffer('pg/tablespace_map', Buffer.from(spcmapfile));
    const walSegments = await addWal(client, tar, pgDir, start.rows[0].lsn, lsn);
    await tar.close();
    return { startLsn: start.rows[0].lsn, stopLsn: lsn, walSegments };
  } catch (e) {
    await tar.close().catch(() => undefined);
    throw e;
  }
}

async function manifest(client: pg.Client, withKey: boolean): Promise<BackupManifest> {
  const fp = await client
    .query<{ value: string }>(`SELECT value FROM instance_setting WHERE key = 'key_fingerprint'`)
    .then((r) => r.rows[0]?.value ?? null)
    .catch(() => null);
  const version = await client.query<{ v: string }>('SHOW server_version');
  return { format: 1, createdAt: new Date().toISOString(), keyFingerprint: fp, withKey, postgresVersion: version.rows[0].v };
}

/** The WAL segments from the backup's start to its stop (all of them present, or the backup fails). */
async function addWal(client: pg.Client, tar: TarWriter, pgDir: string, startLsn: string, stopLsn: string): Promise<number> {
  const names = await client.query<{ first: string; last: string; bytes: string }>(
    `SELECT pg_walfile_name($1::pg_lsn) AS first, pg_walfile_name($2::pg_lsn) AS last,
            setting::bigint * 1 AS bytes FROM pg_settings WHERE name = 'wal_segment_size'`,
    [startLsn, stopLsn],
  );
  const { first, last, bytes } = names.rows[0];
  const walDir = path.join(pgDir, 'pg_wal');
  const segments = walSegmentsBetween(fs.readdirSync(walDir), first, last);
  const expected = walSegmentCount(first, last, Number(bytes));
  if (segments.length !== expected)
    throw new Error(`thiếu tệp WAL của bản sao lưu (${segments.length}/${expected} từ ${first} đến ${last}): bản sao lưu không dùng được`);
  await tar.directory('pg/pg_wal/archive_status');
  for (const name of segments) {
    if (!(await tar.file(`pg/pg_wal/${name}`, path.join(walDir, name)))) throw new Error(`tệp WAL ${name} đã mất trong khi sao lưu`);
  }
  for (const name of fs.readdirSync(walDir).filter((n) => n.endsWith('.history')))
    await tar.file(`pg/pg_wal/${name}`, path.join(walDir, name));
  return segments.length;
}

/** A folder of DATA_DIR beside the cluster (files only, one level), when there is one. */
async function addFolder(tar: TarWriter, dataDir: string, name: string): Promise<void> {
  const dir = path.join(dataDir, name);
  if (!fs.existsSync(dir)) return;
  await tar.directory(name);
  for (const f of fs.readdirSync(dir, { withFileTypes: true })) if (f.isFile()) await tar.file(`${name}/${f.name}`, path.join(dir, f.name));
}

/**
 * Never inside DATA_DIR (one lost disk takes both, and a restore needs an empty DATA_DIR), never over
 * an earlier backup (the morning's, replaced by the evening's of the same daily name).
 */
function assertNewArchive(out: string, dataDir: string): void {
  const file = path.resolve(out);
  if (isWithin(dataDir, file))
    throw new Error(`tệp sao lưu ${file} nằm trong DATA_DIR (${dataDir}): ghi ra thư mục khác, tốt nhất ở ổ đĩa khác`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new Error(`${file} là một thư mục: --out cần tên tệp, ví dụ ${path.join(file, 'lienthong-sao-luu.tar.gz')}`);
  if (fs.existsSync(file))
    throw new Error(`đã có tệp ${file}: không ghi đè một bản sao lưu; đặt tên khác (ví dụ thêm giờ vào tên) hoặc chuyển tệp cũ đi trước`);
}

/** The archive's folder, checked before the backup starts (the copy would fail at its first byte, after the cluster was asked to start a backup). */
export function assertWritableFolder(out: string): void {
  const folder = path.dirname(path.resolve(out));
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(
      code === 'ENOENT'
        ? `không có thư mục ${folder} để ghi bản sao lưu: tạo thư mục trước (mkdir -p), rồi chạy lại`
        : code === 'EROFS'
          ? `không ghi được vào thư mục ${folder}: ổ đĩa chỉ cho đọc (read-only); sao lưu ra ổ đĩa khác`
          : `không ghi được vào thư mục ${folder}: người dùng ${os.userInfo().username} (người chạy lệnh) không có quyền ghi; chọn thư mục người dùng này ghi được, hoặc cấp quyền ghi cho nó (chown, chmod)`,
    );
  }
}
