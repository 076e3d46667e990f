import fs from 'node:fs';
import { byteSize } from '../../common/text/byte-size.js';

/** The free space of the disk that holds DATA_DIR, and whether it is below what the operator set. */
export interface DiskSpace {
  path: string;
  freeBytes: number;
  totalBytes: number;
  /** `DISK_FREE_MIN_MB` in bytes. */
  minFreeBytes: number;
  low: boolean;
}

/** Pure: the state from statfs figures (free: what an unprivileged process may still write). */
export function diskSpace(dir: string, stats: { bavail: number; blocks: number; bsize: number }, minFreeBytes: number): DiskSpace {
  const freeBytes = stats.bavail * stats.bsize;
  return { path: dir, freeBytes, totalBytes: stats.blocks * stats.bsize, minFreeBytes, low: freeBytes < minFreeBytes };
}

export const measureDiskSpace = (dir: string, minFreeBytes: number): DiskSpace => diskSpace(dir, fs.statfsSync(dir), minFreeBytes);

/** The server log's warning line (Vietnamese, like the others). */
export const lowDiskWarning = (d: DiskSpace): string =>
  `CẢNH BÁO: ổ đĩa chứa ${d.path} chỉ còn trống ${byteSize(d.freeBytes)} / ${byteSize(d.totalBytes)} (ngưỡng DISK_FREE_MIN_MB: ${byteSize(d.minFreeBytes)}): ` +
  `hãy giải phóng chỗ hoặc mở rộng ổ đĩa trước khi PostgreSQL hết chỗ ghi`;
