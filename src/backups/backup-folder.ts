import fs from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { MANIFEST, type BackupManifest } from '../database/backup/base-backup.js';

/** The name `archiveName` gives an archive: `lienthong-2026-12-04-163012.tar.gz`, Vietnam time. */
const ARCHIVE = /^lienthong-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})(\d{2})\.tar\.gz$/;

export interface FolderArchive {
  file: string;
  startedAt: Date;
  finishedAt: Date;
  bytes: number;
  /** From the archive's manifest (its first entry); null when it cannot be read. */
  withKey: boolean | null;
}

/**
 * The archives in the backup folder, newest first: those a restored database's log no longer knows
 * (taken after the backup it came from, or that backup itself) are still there to restore from.
 */
export async function archivesInFolder(dir: string): Promise<FolderArchive[]> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found = await Promise.all(
    names.map(async (name): Promise<FolderArchive | null> => {
      const m = ARCHIVE.exec(name);
      const file = path.join(dir, name);
      const stat = m && fs.statSync(file, { throwIfNoEntry: false });
      if (!m || !stat?.isFile()) return null;
      const startedAt = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}+07:00`);
      return { file, startedAt, finishedAt: stat.mtime, bytes: stat.size, withKey: (await manifestOf(file))?.withKey ?? null };
    }),
  );
  return found.filter((a) => a !== null).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

/** The manifest `lienthong backup` writes first into its archive, read from the archive's first block(s) only. */
export async function manifestOf(file: string): Promise<BackupManifest | null> {
  const raw = fs.createReadStream(file);
  const input = raw.pipe(createGunzip());
  let got = Buffer.alloc(0);
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      got = Buffer.concat([got, chunk]);
      if (got.length < 512) continue;
      const name = got.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(got.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
      if (name !== MANIFEST || !(size > 0 && size < 65536)) return null;
      if (got.length >= 512 + size) return JSON.parse(got.subarray(512, 512 + size).toString('utf8')) as BackupManifest;
    }
    return null;
  } catch {
    return null;
  } finally {
    input.destroy();
    raw.destroy();
  }
}
