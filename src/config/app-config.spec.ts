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
