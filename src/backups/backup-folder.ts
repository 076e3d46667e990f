import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST, type BackupManifest } from '../database/backup/base-backup.js';
import { collectEntry, readTar } from '../database/backup/tar-archive.js';

/** The name `archiveName` gives an archive: `lienthong-2026-12-04-163012.tar.gz`, Vietnam time. */
const ARCHIVE = /^lienthong-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})(\d{2})\.tar\.gz$/;

export interface FolderArchive {
  file: string;
  startedAt: Date;
  finishedAt: Date;
  bytes: number;
}

/**
 * The archives in the backup folder, newest first: those a restored database's log no longer knows
 * (taken after the backup it came from, or that backup itself) are still there to restore from.
 */
export function archivesInFolder(dir: string): FolderArchive[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name): FolderArchive[] => {
      const m = ARCHIVE.exec(name);
      const file = path.join(dir, name);
      const stat = m && fs.statSync(file, { throwIfNoEntry: false });
      if (!m || !stat?.isFile()) return [];
      return [{ file, startedAt: new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}+07:00`), finishedAt: stat.mtime, bytes: stat.size }];
    })
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

/** The manifest `lienthong backup` writes first into its archive, read without reading further (null: none, or no archive of ours). */
export async function manifestOf(file: string): Promise<BackupManifest | null> {
  let manifest: BackupManifest | null = null;
  const stop = new Error('manifest read');
  try {
    await readTar(file, async (entry, chunks) => {
      if (entry.name === MANIFEST) manifest = JSON.parse((await collectEntry(chunks)).toString('utf8')) as BackupManifest;
      throw stop;
    });
  } catch {
    // Stopped after the first entry, or a file cut short or not ours: what was read is all there is.
  }
  return manifest;
}
