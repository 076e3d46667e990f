// `lienthong seed --demo --out DIR`: a synthetic province to try the product on. The only door into demo/.
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { writeCsvFile } from '../../common/files/csv.js';
import { sideFile } from '../../common/files/side-files.js';
import { loadAdminUnitsData } from '../../geography/admin-units-data.js';
import { RegisterService } from '../../register/register.service.js';
import { createBranch } from '../../roster-io/import/import-units.js';
import { RosterImportService } from '../../roster-io/import/roster-import.service.js';
import { writeScope } from '../../access/record-scope.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { DataSource } from 'typeorm';
import { DEMO_ORGS, generateDemo, RESIDENT_HEADER, ROSTER_HEADER, TRUTH_HEADER, type DemoProvince } from '../../demo/demo-province.js';
import {
  DEFAULT_NOISE,
  DEFAULT_PLANTS,
  DEFAULT_POPULATION,
  drawProfile,
  profileRates,
  type DemoProfile,
  type NoiseRates,
  type PlantRates,
} from '../../demo/demo-profile.js';
import { cliCaller, log, progressLine, withServices } from '../kit/cli-kit.js';
import { int, jsonRates } from '../kit/cli-options.js';

interface SeedOptions {
  out: string;
  persons: number;
  seed: number;
  province: string;
  load?: boolean;
  drawnProfile?: boolean;
  noise?: Partial<NoiseRates>;
  plants?: Partial<PlantRates>;
}

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description('tạo một tỉnh mẫu giả lập để dùng thử (danh sách của sáu tổ chức, một trích xuất CSDL dân cư và tệp đáp án)')
    .requiredOption('--demo', 'tỉnh mẫu (loại dữ liệu mẫu duy nhất)')
    .requiredOption('--out <DIR>', 'thư mục sẽ ghi <ORG>.csv, residents.csv và truth.csv')
    .option('--persons <n>', 'số người trong tỉnh', int('--persons'), 20000)
    .option('--seed <s>', 'hạt giống ngẫu nhiên: cùng hạt giống thì ra cùng các tệp', int('--seed'), 1)
    .option('--province <CODE>', 'mã tỉnh theo danh mục của Tổng cục Thống kê', '11')
    .option('--load', 'nhập luôn các danh sách và trích xuất CSDL dân cư vừa tạo')
    .option(
      '--drawn-profile',
      'rút mọi tỷ lệ (dân số, lỗi nhập liệu, vấn đề cài sẵn) từ hạt giống: một tỉnh chưa ai tinh chỉnh theo; ghi vào profile.json',
    )
    .option(
      '--noise <JSON>',
      `tỷ lệ lỗi nhập liệu, ví dụ '{"lostAccents":0.2,"missingId":0.3}' (mặc định: ${JSON.stringify(DEFAULT_NOISE)})`,
      jsonRates('--noise', DEFAULT_NOISE),
    )
    .option(
      '--plants <JSON>',
      `tỷ lệ các vấn đề cài sẵn, ví dụ '{"fabricated":0.05}' (mặc định: ${JSON.stringify(DEFAULT_PLANTS)})`,
      jsonRates('--plants', DEFAULT_PLANTS),
    )
    .action(seed);
}

async function seed(o: SeedOptions): Promise<void> {
  const profile = profileOf(o);
  const demo = generateDemo({
    data: loadAdminUnitsData(),
    province: o.province.padStart(2, '0'),
    persons: o.persons,
    seed: o.seed,
    today: todayInVietnam(),
    ...profile,
  });
  await writeDemo(o, profile, demo);
  log(
    `đã ghi ${demo.counts.records} hồ sơ của ${demo.counts.persons} người vào ${o.out} (cài sẵn: ${Object.entries(demo.counts)
      .filter(([k]) => /^[A-Z]/.test(k))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  );
  if (o.load) await loadDemo(o.out, demo.units);
  process.stdout.write(`${o.out}\n`);
}

/** The default rates, or every rate drawn from the seed; then the rates given on the command line. */
function profileOf(o: SeedOptions): DemoProfile {
  const drawn = o.drawnProfile ? drawProfile(o.seed) : null;
  return {
    population: drawn?.population ?? DEFAULT_POPULATION,
    noise: { ...(drawn?.noise ?? DEFAULT_NOISE), ...o.noise },
    plants: { ...(drawn?.plants ?? DEFAULT_PLANTS), ...o.plants },
  };
}

/** profile.json, one roster per organization, residents.csv and truth.csv. */
async function writeDemo(o: SeedOptions, profile: DemoProfile, demo: DemoProvince): Promise<void> {
  fs.mkdirSync(o.out, { recursive: true });
  fs.writeFileSync(path.join(o.out, 'profile.json'), `${JSON.stringify({ seed: o.seed, rates: profileRates(profile) }, null, 1)}\n`);
  for (const org of DEMO_ORGS) await writeCsvFile(path.join(o.out, `${org}.csv`), ROSTER_HEADER, demo.rosters[org]);
  await writeCsvFile(path.join(o.out, 'residents.csv'), RESIDENT_HEADER, demo.residents);
  await writeCsvFile(path.join(o.out, 'truth.csv'), TRUTH_HEADER, demo.truth);
}

/** `--load`: creates the branches with their names, then imports the rosters and the register extract just written. */
async function loadDemo(out: string, units: string[][]): Promise<void> {
  await withServices(async (app) => {
    const progress = progressLine();
    const service = app.get(UnitsService);
    const scope = writeScope(cliCaller());
    let created = 0;
    await app.get(DataSource).transaction(async (em) => {
      for (const [org, code, commune, name] of units) {
        if (await service.findByCodeOrNull(org, code, em)) continue;
        await createBranch(em, service, org, { code, name }, commune, scope);
        created++;
      }
    });
    log(`đã tạo ${created} chi hội, chi đoàn, tổ công đoàn (tên theo thôn, bản, tổ dân phố)`);
    for (const org of DEMO_ORGS) {
      const s = await app
        .get(RosterImportService)
        .import(path.join(out, `${org}.csv`), { organization: org, createUnits: true, batchSize: 2000 }, cliCaller(), (p) =>
          progress(`${org}: ${p.rowsRead} dòng`),
        );
      progress(null);
      // The demo's noise makes a few rows that cannot be read (an impossible date…): which, and why, beside its file.
      const errors = s.rejected ? sideFile(path.join(out, `${org}.csv`), 'errors', 'csv') : null;
      if (errors) await app.get(RosterImportService).writeErrorFile(s.jobId, errors, cliCaller());
      log(
        `${org}: ${s.created} mới, ${s.updated} cập nhật, ${s.unchanged} không đổi, ${s.rejected} lỗi${errors ? ` (từng dòng và lý do: ${errors})` : ''}`,
      );
    }
    const r = await app.get(RegisterService).import(path.join(out, 'residents.csv'), cliCaller());
    log(`trích CSDL dân cư: ${r.rows} người ở ${r.communes} xã`);
  });
}
