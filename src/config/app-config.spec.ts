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
      "REPORT_SCHEDULE='quarterly': 'quarterly' is not month, quarter or year",
    );
  });
});

describe('backup folder configuration', () => {
  it('puts console backups beside DATA_DIR unless BACKUP_DIR says where, and never inside DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/srv/lt/data' }).backupDir).toBe('/srv/lt/backups');
    expect(loadConfig({ DATA_DIR: '/srv/lt/data', BACKUP_DIR: '/mnt/usb/lt' }).backupDir).toBe('/mnt/usb/lt');
    expect(loadConfig({ DATA_DIR: '/srv/lt/data', BACKUP_DIR: '/srv/lt/data-backups' }).backupDir).toBe('/srv/lt/data-backups');
    for (const inside of ['/srv/lt/data', '/srv/lt/data/backups'])
      expect(() => loadConfig({ DATA_DIR: '/srv/lt/data', BACKUP_DIR: inside })).toThrow(`BACKUP_DIR='${inside}' is inside DATA_DIR`);
  });
});
