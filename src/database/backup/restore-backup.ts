import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { KEY_FILE_NAME, KeyError, parseKey, type PersonalDataKey } from '../../personal-data/personal-data-key.js';
import { EmbeddedCluster } from '../embedded-cluster.js';
import { PgServer } from '../pg-server.js';
import { adoptDataDir, dataDirOwner, ensurePrivateDir } from '../private-files.js';
import { MANIFEST, type BackupManifest } from './base-backup.js';
import { collectEntry, readTar, type TarEntry } from './tar-archive.js';

/**
 * `lienthong backup`'s archive made into a new DATA_DIR: only into an empty folder; the key
 * checked against the database's fingerprint before a byte is written (from the archive, `--key`
 * or LIENTHONG_KEY); private modes and owners as the server makes them; then the cluster is started once, so
 * PostgreSQL replays the backup's WAL now, and the restored database is checked (it answers, with
 * the same key) before the command says it is done.
 */
export interface RestoreOptions {
  file: string;
  dataDir: string;
  /** `--key FILE`: the key file kept apart from the backup. */
  keyFile: string | null;
  /** LIENTHONG_KEY, when the operator gives the key that way. */
  envKey: string | null;
  log: (m: string) => void;
}

export interface RestoreResult {
  dataDir: string;
  keySource: string;
  /** Member records in the restored database. */
  records: number;
  /** When the backup was taken (ISO): the restored database is that moment's. */
  takenAt: string;
  /** Access as it was then, to be looked over: log-in sessions ended, accounts not locked, service tokens not revoked. */
  access: RestoredAccess;
}

export interface RestoredAccess {
  sessionsEnded: number;
  activeUsers: number;
  activeTokens: number;
}

export class RestoreRefused extends Error {}

export async function restoreBaseBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const dataDir = path.resolve(opts.dataDir);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)
    throw new RestoreRefused(`${dataDir} không trống: chỉ khôi phục vào một thư mục DATA_DIR mới hoặc trống`);
  const given = givenKey(opts);
  const created = !fs.existsSync(dataDir);
  ensurePrivateDir(dataDir);
  if (created) giveToParentsOwner(dataDir);
  try {
    const { key, takenAt } = await extract(opts, dataDir, given);
    if (!fs.existsSync(path.join(dataDir, 'pg', 'backup_label')))
      throw new RestoreRefused(
        'bản sao lưu thiếu pg/backup_label (không phải bản do `lienthong backup` làm, hoặc bị hỏng): không khôi phục',
      );
    const server = new PgServer(dataDir, opts.log);
    await server.resolveOsUser();
    server.ownCluster();
    adoptDataDir(dataDir);
    const { records, access } = await checkRestored(dataDir, key, opts.log);
    if (process.getuid?.() === 0 && !dataDirOwner(dataDir)) opts.log(rootOwnedHint(dataDir));
    return { dataDir, keySource: key.source, records, takenAt, access };
  } catch (e) {
    // Nothing half-restored is left to be started by mistake; a folder it made, not even the folder.
    if (created) fs.rmSync(dataDir, { recursive: true, force: true });
    else for (const name of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    throw e;
  }
}

/**
 * A DATA_DIR that root makes in another user's folder (`sudo lienthong restore … --data-dir
 * /srv/lienthong/new`) is that user's, like everything then written in it (`private-files.ts`).
 */
function giveToParentsOwner(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const parent = fs.statSync(path.dirname(dataDir));
  if (parent.uid !== 0) fs.chownSync(dataDir, parent.uid, parent.gid);
}

/** Restored as root into root's folder: the service's user could not use it; say what to run. */
const rootOwnedHint = (dataDir: string) =>
  `${dataDir} thuộc root: nếu dịch vụ chạy bằng một người dùng khác (User= của systemd), hãy trao thư mục cho người dùng đó ` +
  `trước khi khởi động, ví dụ: chown -R lienthong:lienthong ${dataDir}`;

/**
 * Writes the archive's entries, once its manifest and the key agree. A key given apart (`--key`,
 * LIENTHONG_KEY) is read and checked before anything is written; when the archive carries a key
 * too, the two must be the same key, and the log says which was used.
 */
async function extract(
  opts: RestoreOptions,
  dataDir: string,
  given: PersonalDataKey | null,
): Promise<{ key: PersonalDataKey; takenAt: string }> {
  let key: PersonalDataKey | null = null;
  let manifest: BackupManifest | null = null;
  await readTar(opts.file, async (entry, chunks) => {
    if (!manifest) {
      if (entry.name !== MANIFEST) throw new RestoreRefused(`${opts.file} không phải bản sao lưu của \`lienthong backup\``);
      manifest = JSON.parse((await collectEntry(chunks)).toString('utf8')) as BackupManifest;
      if (given && manifest.withKey) sameKey(given, manifest.keyFingerprint);
      else if (given) checkedKey(given, manifest);
      if (!manifest.withKey) key = keptApart(opts, given, dataDir);
      return;
    }
    if (entry.name === KEY_FILE_NAME) {
      const data = await collectEntry(chunks);
      key = checkedKey(parseKey(data.toString('utf8'), `${KEY_FILE_NAME} trong bản sao lưu`), manifest);
      if (given) {
        sameKey(given, key.fingerprint);
        opts.log(`dùng khóa trong bản sao lưu; khóa từ ${given.source} trùng với nó (dấu vân tay ${given.fingerprint})`);
      }
      fs.writeFileSync(path.join(dataDir, KEY_FILE_NAME), data, { mode: 0o600 });
      return;
    }
    await writeEntry(dataDir, entry, chunks);
  });
  if (!manifest) throw new RestoreRefused(`${opts.file} trống`);
  if (!key) throw new RestoreRefused('bản sao lưu ghi là có khóa nhưng không thấy tệp khóa trong đó');
  return { key, takenAt: (manifest as BackupManifest).createdAt };
}

/** The key given apart, read and parsed (`--key FILE` first, else LIENTHONG_KEY), or null. */
function givenKey(opts: RestoreOptions): PersonalDataKey | null {
  if (opts.keyFile) return parseGiven(readKeyFile(opts.keyFile), opts.keyFile, `tệp khóa ${opts.keyFile}`);
  if (opts.envKey) return parseGiven(opts.envKey, 'LIENTHONG_KEY', 'LIENTHONG_KEY');
  return null;
}

/** A backup without its key: the key kept apart, `--key FILE` copied into the new DATA_DIR (LIENTHONG_KEY stays in the environment). */
function keptApart(opts: RestoreOptions, given: PersonalDataKey | null, dataDir: string): PersonalDataKey {
  if (!given)
    throw new RestoreRefused(
      'bản sao lưu không chứa khóa dữ liệu cá nhân (lienthong.key): hãy đưa khóa đã cất riêng bằng --key TỆP hoặc LIENTHONG_KEY; ' +
        'không có đúng khóa thì không đọc và không đối chiếu được số CCCD',
    );
  if (opts.keyFile) {
    fs.copyFileSync(opts.keyFile, path.join(dataDir, KEY_FILE_NAME));
    fs.chmodSync(path.join(dataDir, KEY_FILE_NAME), 0o600);
  }
  return given;
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new RestoreRefused(
      code === 'ENOENT'
        ? `--key: không có tệp khóa ${file}: hãy chỉ đúng đường dẫn tới tệp lienthong.key đã cất riêng`
        : code === 'EACCES'
          ? `--key: không đọc được tệp khóa ${file}: người dùng này không có quyền đọc (chạy bằng người dùng có quyền, hoặc cấp quyền đọc)`
          : `--key: không đọc được tệp khóa ${file} (${code ?? (e as Error).message}): hãy chỉ một tệp khóa đọc được`,
    );
  }
}

function parseGiven(text: string, source: string, what: string): PersonalDataKey {
  try {
    return parseKey(text, source);
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    throw new RestoreRefused(
      `${what} không phải một khóa dữ liệu cá nhân (cần 32 byte viết bằng 64 chữ số hex hoặc base64, như trong lienthong.key): ` +
        'hãy đưa đúng khóa đã cất riêng',
    );
  }
}

/** A key given apart beside the archive's own (its fingerprint): refused unless it is the same key. */
function sameKey(given: PersonalDataKey, inArchive: string | null): void {
  if (inArchive && given.fingerprint !== inArchive)
    throw new RestoreRefused(
      `khóa từ ${given.source} (dấu vân tay ${given.fingerprint}) khác khóa có trong bản sao lưu (${inArchive}): không khôi phục — ` +
        'bỏ --key/LIENTHONG_KEY để dùng khóa trong bản sao lưu, hoặc đưa đúng khóa',
    );
}

function checkedKey(key: PersonalDataKey, manifest: BackupManifest): PersonalDataKey {
  if (manifest.keyFingerprint && manifest.keyFingerprint !== key.fingerprint)
    throw new RestoreRefused(
      `khóa từ ${key.source} không phải khóa của cơ sở dữ liệu đã sao lưu (dấu vân tay ${key.fingerprint}, bản sao lưu ${manifest.keyFingerprint}): không khôi phục`,
    );
  return key;
}

async function writeEntry(dataDir: string, entry: TarEntry, chunks: AsyncIterable<Buffer>): Promise<void> {
  const target = path.join(dataDir, entry.name);
  if (entry.directory) {
    fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(target, 'w', 0o600);
  try {
    for await (const chunk of chunks) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Starts the restored cluster (PostgreSQL replays the backup's WAL) and reads it back. The log-in
 * sessions of the backup's moment are ended (whoever was logged in then logs in again); accounts and
 * service tokens are as they were then — a lock or a revocation made since is undone — and counted
 * for the operator to look over.
 */
async function checkRestored(
  dataDir: string,
  key: PersonalDataKey,
  log: (m: string) => void,
): Promise<{ records: number; access: RestoredAccess }> {
  const db = await new EmbeddedCluster({ dataDir, log }).acquire();
  const client = new pg.Client({ connectionString: db.url });
  try {
    await client.connect();
    const fp = await client.query<{ value: string }>(`SELECT value FROM instance_setting WHERE key = 'key_fingerprint'`);
    if (fp.rows[0] && fp.rows[0].value !== key.fingerprint)
      throw new RestoreRefused(
        `cơ sở dữ liệu đã khôi phục được ghi bằng khóa khác (${fp.rows[0].value}): không dùng được với khóa ${key.source}`,
      );
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM member_record');
    const ended = await client.query(
      `UPDATE access_token SET revoked_at = now(), revoked_reason = 'LOGGED_OUT' WHERE kind = 'SESSION' AND revoked_at IS NULL`,
    );
    const live = await client.query<{ users: string; tokens: string }>(
      `SELECT (SELECT count(*) FROM app_user WHERE disabled_at IS NULL) AS users,
              (SELECT count(*) FROM access_token WHERE kind <> 'SESSION' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS tokens`,
    );
    const access = {
      sessionsEnded: ended.rowCount ?? 0,
      activeUsers: Number(live.rows[0].users),
      activeTokens: Number(live.rows[0].tokens),
    };
    return { records: Number(rows[0].n), access };
  } finally {
    await client.end().catch(() => undefined);
    await db.release();
  }
}
