import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';

/**
 * A gzipped ustar archive, written and read as a stream: the backup's one file, which `tar tzf`
 * lists too. Written by hand (a few dozen lines) rather than with a package: a file that grows or
 * shrinks while it is read (the cluster runs during a backup) must keep the size its header
 * announced — its bytes past that size are left for the WAL to replay, a shortfall is padded with
 * zeros, as pg_basebackup does.
 */
const BLOCK = 512;
const CHUNK = 1 << 20;

export interface TarEntry {
  /** Path inside the archive, with `/` separators. */
  name: string;
  directory: boolean;
  mode: number;
  size: number;
}

export class TarWriter {
  private readonly gzip: Gzip;
  /** Settles when the file is written, or at the first failure (a full disk, a file that cannot be created). */
  private readonly done: Promise<void>;
  private failure: Error | null = null;
  private written = 0;

  constructor(file: string) {
    this.gzip = createGzip({ level: 6 });
    const out = fs.createWriteStream(file, { mode: 0o600 });
    this.gzip.pipe(out);
    this.done = new Promise((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
      this.gzip.on('error', reject);
    });
    // Handled here, thrown by the next write and by close: never an unhandled rejection, which would stop the server.
    this.done.catch((e: Error) => {
      this.failure = e;
      this.gzip.destroy();
    });
  }

  /** Bytes of the archive before compression. */
  get size(): number {
    return this.written;
  }

  async directory(name: string, mode = 0o700): Promise<void> {
    await this.push(header({ name: name.replace(/\/?$/, '/'), directory: true, mode, size: 0 }));
  }

  async buffer(name: string, data: Buffer, mode = 0o600): Promise<void> {
    await this.push(header({ name, directory: false, mode, size: data.length }));
    await this.push(data);
    await this.pad(data.length);
  }

  /** Adds a file as it is on disk now; false when it vanished before it could be opened. */
  async file(name: string, source: string, mode = 0o600): Promise<boolean> {
    let fd: number;
    try {
      fd = fs.openSync(source, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    try {
      const size = fs.fstatSync(fd).size;
      await this.push(header({ name, directory: false, mode, size }));
      for (let at = 0; at < size;) {
        const chunk = Buffer.alloc(Math.min(CHUNK, size - at));
        // A file truncated under us reads short: the announced size is kept, the rest is zeros.
        fs.readSync(fd, chunk, 0, chunk.length, at);
        at += chunk.length;
        await this.push(chunk);
      }
      await this.pad(size);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  }

  async close(): Promise<void> {
    await this.push(Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await this.done;
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.push(Buffer.alloc(BLOCK - rest));
  }

  private async push(b: Buffer): Promise<void> {
    this.throwFailure();
    this.written += b.length;
    // A file that failed drains no more: its failure ends the wait.
    if (!this.gzip.write(b)) await Promise.race([once(this.gzip, 'drain'), this.done]);
    this.throwFailure();
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure;
  }
}

function header(e: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  const [prefix, name] = splitName(e.name);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode, 7), 100);
  h.write(octal(0, 7), 108);
  h.write(octal(0, 7), 116);
  h.write(octal(e.size, 11), 124);
  h.write(octal(Math.floor(Date.now() / 1000), 11), 136);
  h.write('        ', 148);
  h.write(e.directory ? '5' : '0', 156);
  h.write('ustar\u000000', 257, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${octal(sum, 6)}\u0000 `, 148, 'latin1');
  return h;
}

/** ustar keeps 100 bytes of name and 155 of prefix, cut at a `/`. */
function splitName(full: string): [string, string] {
  if (Buffer.byteLength(full) <= 100) return ['', full];
  for (let i = full.lastIndexOf('/', full.length - 2); i > 0; i = full.lastIndexOf('/', i - 1)) {
    const prefix = full.slice(0, i);
    const name = full.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  throw new Error(`tên tệp quá dài cho kho lưu trữ: ${full}`);
}

const octal = (n: number, width: number) => n.toString(8).padStart(width, '0');

/** An entry's content whole (a small one: the manifest, the key). */
export async function collectEntry(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Reads each entry of a .tar.gz; `onEntry` gets the entry and, for a file, its content as chunks (a throw stops the reading). */
export async function readTar(file: string, onEntry: (entry: TarEntry, chunks: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  try {
    await readEntries(file, onEntry);
  } catch (e) {
    throw archiveProblem(file, e);
  }
}

/**
 * What an operator is told when the archive cannot be read: a missing or unreadable file, or one
 * cut short or not made by `lienthong backup` (zlib's and the file system's own words are English).
 */
export function archiveProblem(file: string, e: unknown): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new Error(`không có tệp sao lưu ${file}: kiểm tra đường dẫn`);
  if (code === 'EACCES' || code === 'EPERM')
    return new Error(
      `không đọc được tệp sao lưu ${file}: người dùng này không có quyền đọc (chạy lệnh bằng người dùng của dịch vụ, hoặc cấp quyền đọc)`,
    );
  if (code?.startsWith('Z_') || e instanceof DamagedArchive || /unexpected end of file/.test((e as Error).message ?? ''))
    return new Error(
      `tệp ${file} bị hỏng hoặc bị cắt ngắn, hoặc không phải tệp .tar.gz của \`lienthong backup\`: hãy lấy lại bản sao lưu nguyên vẹn`,
    );
  return e;
}

async function readEntries(file: string, onEntry: (entry: TarEntry, chunks: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  const raw = fs.createReadStream(file);
  const input = raw.pipe(createGunzip());
  // A file that cannot be opened fails the reading (a pipe does not carry its source's error).
  raw.on('error', (e) => input.destroy(e));
  try {
    await entriesOf(input, onEntry);
  } finally {
    // Read to its end, or stopped by `onEntry` (the manifest alone wanted): the file is closed either way.
    input.destroy();
    raw.destroy();
  }
}

async function entriesOf(input: NodeJS.ReadableStream, onEntry: (entry: TarEntry, chunks: AsyncIterable<Buffer>) => Promise<void>) {
  let pending: Buffer = Buffer.alloc(0);
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  /** The next n bytes of the archive (fewer only at its end). */
  const take = async (n: number): Promise<Buffer> => {
    // Gathered then joined once: joining at each small gunzip chunk copied a megabyte dozens of times.
    const parts = [pending];
    let have = pending.length;
    while (have < n) {
      const next = await iterator.next();
      if (next.done) break;
      parts.push(next.value);
      have += next.value.length;
    }
    if (parts.length > 1) pending = Buffer.concat(parts, have);
    const out = pending.subarray(0, n);
    pending = pending.subarray(out.length);
    return out;
  };
  for (;;) {
    const h = await take(BLOCK);
    if (h.length < BLOCK || h.every((b) => b === 0)) return;
    const entry = parseHeader(h);
    let left = entry.size;
    async function* content(): AsyncIterable<Buffer> {
      while (left > 0) {
        const chunk = await take(Math.min(CHUNK, left));
        if (!chunk.length) throw new DamagedArchive('cut short');
        left -= chunk.length;
        yield chunk;
      }
    }
    await onEntry(entry, content());
    for await (const unread of content()) void unread;
    const rest = entry.size % BLOCK;
    if (rest) await take(BLOCK - rest);
  }
}

/** Bytes that are no tar header of ours (a damaged archive decompresses into garbage before gzip's own check at its end). */
class DamagedArchive extends Error {}

/** A ustar header's checksum holds: the sum of its bytes, the checksum field read as spaces. */
function checksumHolds(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  const stored = parseInt(h.subarray(148, 156).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
  return stored === sum && h.subarray(257, 262).toString('latin1') === 'ustar';
}

function parseHeader(h: Buffer): TarEntry {
  if (!checksumHolds(h)) throw new DamagedArchive('bad header');
  const text = (at: number, len: number) =>
    h
      .subarray(at, at + len)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  const prefix = text(345, 155);
  const name = text(0, 100);
  const full = prefix ? `${prefix}/${name}` : name;
  if (path.isAbsolute(full) || full.split('/').includes('..')) throw new Error(`đường dẫn không hợp lệ trong kho lưu trữ: ${full}`);
  return {
    name: full.replace(/\/$/, ''),
    directory: text(156, 1) === '5',
    mode: parseInt(text(100, 8).trim() || '0', 8),
    size: parseInt(text(124, 12).trim() || '0', 8),
  };
}
