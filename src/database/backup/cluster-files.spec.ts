import { copiedFromCluster, walSegmentCount, walSegmentsBetween } from './cluster-files.js';

describe('what a base backup copies', () => {
  it('leaves out what the server remakes or the backup writes itself, keeping the folders', () => {
    expect(copiedFromCluster('base/5/1259')).toBe(true);
    expect(copiedFromCluster('global/pg_control')).toBe(true);
    expect(copiedFromCluster('pg_wal')).toBe(true);
    expect(copiedFromCluster('pg_wal/000000010000000000000003')).toBe(false);
    expect(copiedFromCluster('pg_stat_tmp/global.stat')).toBe(false);
    expect(copiedFromCluster('postmaster.pid')).toBe(false);
    expect(copiedFromCluster('backup_label')).toBe(false);
    expect(copiedFromCluster('global/pg_internal.init')).toBe(false);
    expect(copiedFromCluster('base/pgsql_tmp/pgsql_tmp123.0')).toBe(false);
  });

  it('takes the WAL segments from the first to the last on the same timeline, and counts across a log boundary', () => {
    const names = [
      '000000010000000000000002',
      '000000010000000000000003',
      '000000010000000000000004',
      '000000020000000000000003',
      'archive_status',
    ];
    expect(walSegmentsBetween(names, '000000010000000000000003', '000000010000000000000004')).toEqual([
      '000000010000000000000003',
      '000000010000000000000004',
    ]);
    expect(walSegmentCount('0000000100000000000000FE', '000000010000000100000001', 16 * 1024 * 1024)).toBe(4);
  });
});
