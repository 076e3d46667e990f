import type { FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync, constants as zlib } from 'node:zlib';

/** One entry of a zip's central directory, as declared (sizes may lie: the parsing worker has a memory cap too). */
/** Reads `length` bytes of an open file at `position` (fewer at its end): what the zip readers take. */
export function positionalReader(fh: FileHandle): (position: number, length: number) => Promise<Buffer> {
  return async (position, length) => {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  };
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record (22 bytes) plus the longest comment. */
export const ZIP_TAIL_BYTES = 22 + 0xffff;

/**
 * The central directory of a zip, read from its tail (`tail` = the last bytes of the file, up to
 * ZIP_TAIL_BYTES, then the directory itself read by `readAt`). Throws ZipFormatError for a file
 * whose end record is missing (truncated) or uses ZIP64 (a roster never needs 4 GB).
 */
export async function readZipDirectory(
  fileSize: number,
  readAt: (position: number, length: number) => Promise<Buffer>,
): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, fileSize - ZIP_TAIL_BYTES);
  const tail = await readAt(tailStart, fileSize - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) throw new ZipFormatError('no end of central directory');
  const count = tail.readUInt16LE(at + 10);
  const size = tail.readUInt32LE(at + 12);
  const offset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipFormatError('zip64');
  if (offset + size > fileSize) throw new ZipFormatError('central directory past the end of the file');
  const dir = await readAt(offset, size);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('broken central directory');
    const nameLength = dir.readUInt16LE(p + 28);
    const skip = nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    entries.push({
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      uncompressedSize: dir.readUInt32LE(p + 24),
      localHeaderOffset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + skip;
  }
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra field may differ from the directory's. */
async function dataStart(entry: ZipEntry, readAt: (position: number, length: number) => Promise<Buffer>): Promise<number> {
  const local = await readAt(entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`broken local header of ${entry.name}`);
  return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/**
 * The whole of an entry of the zip `file`, inflated as it is read: its bytes found through the
 * central directory, whatever order the writer laid the parts in (a forward-streaming unzip can
 * end before the last parts when the file arrives in one chunk: exceljs's did, under load).
 */
export async function entryStream(
  file: string,
  entry: ZipEntry,
  readAt: (position: number, length: number) => Promise<Buffer>,
): Promise<Readable> {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method}`);
  const start = await dataStart(entry, readAt);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  return raw.pipe(inflate);
}

/** The first `max` bytes (at most) of an entry, inflated without reading the rest. */
export async function readEntryHead(
  entry: ZipEntry,
  max: number,
  readAt: (position: number, length: number) => Promise<Buffer>,
): Promise<Buffer> {
  const start = await dataStart(entry, readAt);
  const raw = await readAt(start, Math.min(entry.compressedSize, max));
  if (entry.method === 0) return raw.subarray(0, max);
  if (entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method}`);
  try {
    return inflateRawSync(raw, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: max });
  } catch (e) {
    // The output cap reached: the head is what was asked for.
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return inflatePartial(raw, max);
    throw new ZipFormatError(`cannot inflate ${entry.name}`);
  }
}

function inflatePartial(raw: Buffer, max: number): Buffer {
  // Inflate a shrinking prefix of the compressed bytes until the output fits under the cap.
  let length = raw.length;
  while (length > 64) {
    length = Math.floor(length / 2);
    try {
      return inflateRawSync(raw.subarray(0, length), { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: max });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw new ZipFormatError('cannot inflate');
    }
  }
  return Buffer.alloc(0);
}
