import { loadConfig } from './app-config.js';

describe('report schedule configuration', () => {
  it('defaults to quarterly reports of the province, and reads a list or off', () => {
    expect(loadConfig({})).toMatchObject({ reportSchedule: ['QUARTER'], reportScopes: ['province'] });
    expect(loadConfig({ REPORT_SCHEDULE: 'month, year', REPORT_SCOPES: 'province,org:HPN' })).toMatchObject({
      reportSchedule: ['MONTH', 'YEAR'],
      reportScopes: ['province', 'org:HPN'],
    });
    expect(loadConfig({ REPORT_SCHEDULE: 'off' }).reportSchedule).toEqual([]);
    expect(() => loadConfig({ REPORT_SCHEDULE: 'quarterly' })).toThrow(
      "REPORT_SCHEDULE='quarterly': 'quarterly' không phải month, quarter hay year",
    );
  });
});

describe('backup folder configuration', () => {
  it('puts console backups beside DATA_DIR unless BACKUP_DIR says where, and never inside DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/srv/lt/data' }).backupDir).toBe('/srv/lt/backups');
    expect(loadConfig({ DATA_DIR: '/srv/lt/data', BACKUP_DIR: '/mnt/usb/lt' }).backupDir).toBe('/mnt/usb/lt');
    expect(loadConfig({ DATA_DIR: '/srv/lt/data', BACKUP_DIR: '/srv/lt/data-backups' }).backupDir).toBe('/srv/lt/data-backups');
    for (const inside of ['/srv/lt/data', '/srv/lt/data/backups'])
      expect(() => loadConfig({ DATA_DIR: '/srv/lt/data', BACKUP_DIR: inside })).toThrow(`BACKUP_DIR='${inside}' nằm trong DATA_DIR`);
  });
});

describe('a setting she mistyped', () => {
  it('is refused in Vietnamese, with what to write', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow("PORT='abc' không phải số cổng: ghi một số từ 0 đến 65535");
    expect(() => loadConfig({ PROVINCE: 'Điện Biên' })).toThrow(
      "PROVINCE='Điện Biên' không phải mã tỉnh: ghi hai chữ số, ví dụ 11 hoặc 80",
    );
    expect(() => loadConfig({ SESSION_MINUTES: '0' })).toThrow("SESSION_MINUTES='0': ghi số phút nguyên từ 1 đến 1440");
  });
});
