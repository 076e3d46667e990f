import os from 'node:os';
import path from 'node:path';
import { startFailure } from './start-failure.js';

describe('why the server could not start, as the operator reads it', () => {
  it('names a port in use, and a DATA_DIR file its user may not read with the chown to run', () => {
    expect(startFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', port: 3000 }))).toMatch(
      /^cổng 3000 đang có chương trình khác dùng/,
    );
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = '/srv/lienthong-new';
    try {
      const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/srv/lienthong-new/lienthong.key' });
      expect(startFailure(denied)).toBe(
        `'/srv/lienthong-new/lienthong.key': người dùng đang chạy máy chủ (${os.userInfo().username}) không có quyền đọc hoặc ghi. ` +
          `Nếu DATA_DIR vừa được khôi phục hoặc tạo bằng root, hãy trao nó cho người dùng này rồi khởi động lại: chown -R ${os.userInfo().username}: ${path.resolve('/srv/lienthong-new')}`,
      );
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
    }
    expect(startFailure(new Error('khác'))).toBe('khác');
  });
});
