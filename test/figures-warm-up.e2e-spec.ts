import { DataSource } from 'typeorm';
import { FiguresMemo } from '../src/linker/figures-memo.js';
import { countProvinceFlags, type ProvinceFlagCount } from '../src/linker/flags/flag-counts.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { PersonViewsService, type OverlapView } from '../src/linker/review/person-views.service.js';
import { FiguresWarmUp } from '../src/reports/figures-warm-up.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The server counts the province's shared figures at start, in the background (reports/figures-warm-up.ts):
 * the first screens after a restart find them in the figures memo instead of each counting them
 * (the flag counts took ~2 s at a million records). Checked by asking the memo with a count that
 * fails: a kept value is given back without counting.
 */
describe('the shared figures counted at start', () => {
  const apps: TestApp[] = [];
  const NOT_COUNTED = () => Promise.reject(new Error('counted again'));

  async function started(env: Record<string, string>): Promise<TestApp> {
    const t = await createTestApp(env);
    apps.push(t);
    await t.importRoster('HPN', 'Mã hồ sơ,Họ và tên,Ngày sinh,Số điện thoại', [
      'P-1,Lò Thị Xíu,1990,0912000001',
      'P-2,Lò Thị Xíu,1990,0912000001',
      'P-3,Quàng Văn Piệng,1960,',
    ]);
    await t.importRoster('HND', 'Mã hồ sơ,Họ và tên,Ngày sinh', ['N-1,Quàng Văn Piệng,1960']);
    await t.app.get(LinkerService).link();
    return t;
  }
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('keeps the flag counts and the overlap, counted as a request would count them', async () => {
    // Started after the data is in: a restart of a server over a linked roster.
    const before = await started({ FIGURES_WARM_UP: 'no' });
    const t = await createTestApp({ FIGURES_WARM_UP: 'yes' }, before);
    apps.push(t);
    await t.app.get(FiguresWarmUp).done;
    const memo = t.app.get(FiguresMemo);
    const flags = await memo.get<ProvinceFlagCount[]>('flagCounts', NOT_COUNTED);
    expect(flags.value).toEqual(await countProvinceFlags(t.app.get(DataSource)));
    expect(flags.value.length).toBeGreaterThan(0);
    const overlap = await memo.get<OverlapView>('overlap:province', NOT_COUNTED);
    expect(overlap.value).toMatchObject({ memberships: 4 });
    expect(overlap.value).toEqual(await t.app.get(PersonViewsService).overlap());
  });

  it('counts nothing at start when turned off (FIGURES_WARM_UP=no): the first request counts', async () => {
    const t = apps[0];
    await t.app.get(FiguresWarmUp).done;
    await expect(t.app.get(FiguresMemo).get('flagCounts', NOT_COUNTED)).rejects.toThrow('counted again');
  });
});
