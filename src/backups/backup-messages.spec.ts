import { failureText, restoreCommand } from './backup-messages.js';
import { archiveName } from './backups.service.js';

describe('what a backup says', () => {
  it.each([
    [
      '/srv/lt/backups/lienthong-2026-12-04-163012.tar.gz',
      false,
      'node /opt/lienthong/bin/lienthong.js restore /srv/lt/backups/lienthong-2026-12-04-163012.tar.gz --data-dir THƯ_MỤC_MỚI --key TỆP_KHÓA',
    ],
    [
      '/srv/lt/backups/with-key.tar.gz',
      true,
      'node /opt/lienthong/bin/lienthong.js restore /srv/lt/backups/with-key.tar.gz --data-dir THƯ_MỤC_MỚI',
    ],
    [
      "/srv/sao lưu/bản của Hà's.tar.gz",
      false,
      `node /opt/lienthong/bin/lienthong.js restore '/srv/sao lưu/bản của Hà'\\''s.tar.gz' --data-dir THƯ_MỤC_MỚI --key TỆP_KHÓA`,
    ],
  ])('restores %s (key inside: %s) with a line to copy', (file, withKey, line) => {
    expect(restoreCommand(file, withKey, '/opt/lienthong')).toBe(line);
  });

  it.each([
    [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'Hết chỗ trống trên đĩa'],
    [Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/srv/backups' }), 'Không có quyền ghi /srv/backups'],
    [Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR', path: '/srv/tệp' }), '/srv/tệp không phải là một thư mục'],
    [
      Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS', path: '/mnt/usb/x.partial' }),
      'Ổ đĩa của /mnt/usb/x.partial chỉ cho đọc',
    ],
    [
      Object.assign(new Error("ENOENT: no such file or directory, open '/proc/lt.tar.gz.partial'"), {
        code: 'ENOENT',
        path: '/proc/lt.tar.gz.partial',
      }),
      'Không tạo được tệp /proc/lt.tar.gz.partial',
    ],
    [new Error('thiếu tệp WAL của bản sao lưu (1/2 từ A đến B): bản sao lưu không dùng được'), 'thiếu tệp WAL của bản sao lưu'],
    [new Error('connection terminated unexpectedly'), 'Lỗi hệ thống khi sao lưu (connection terminated unexpectedly)'],
  ])('says why it failed in Vietnamese: %s', (e, said) => {
    expect(failureText(e)).toContain(said);
  });

  it('names a console backup by when it began, in Vietnam time', () => {
    expect(archiveName(new Date('2026-12-04T17:30:12Z'))).toBe('lienthong-2026-12-05-003012.tar.gz');
  });
});
