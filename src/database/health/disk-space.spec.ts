import { diskSpace, lowDiskWarning } from './disk-space.js';

describe('the disk of DATA_DIR', () => {
  it('is low below the free space the operator set, counting what an unprivileged process may write', () => {
    const gb = 1024 ** 3;
    const d = diskSpace('/srv/lienthong', { bavail: (1.5 * gb) / 4096, blocks: (100 * gb) / 4096, bsize: 4096 }, 2 * gb);
    expect(d).toEqual({ path: '/srv/lienthong', freeBytes: 1.5 * gb, totalBytes: 100 * gb, minFreeBytes: 2 * gb, low: true });
    expect(diskSpace('/srv', { bavail: 3 * 262144, blocks: 100 * 262144, bsize: 4096 }, 2 * gb).low).toBe(false);
    expect(lowDiskWarning(d)).toBe(
      'CẢNH BÁO: ổ đĩa chứa /srv/lienthong chỉ còn trống 1.5 GB / 100.0 GB (ngưỡng DISK_FREE_MIN_MB: 2.0 GB): ' +
        'hãy giải phóng chỗ hoặc mở rộng ổ đĩa trước khi PostgreSQL hết chỗ ghi',
    );
  });
});
