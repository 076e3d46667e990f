import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError, InvalidArgumentError } from 'commander';

/** Bad options found after parsing: one line on standard error, exit code 2. */
class UsageError extends Error {}
import { DomainError } from '../common/errors/domain-error.js';
import { SIDE_FILES, sideFile } from '../common/files/side-files.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/open-database.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { CliModule } from './cli.module.js';
import { AuthService } from '../accounts/auth.service.js';
import { cliPrincipal } from '../access/principal.js';
import { isRole, Role } from '../access/role.js';
import fs from 'node:fs';
import { userInfo } from 'node:os';
import { VietnamLogger } from '../common/logging/vietnam-logger.js';
import { loadAdminUnitsData } from '../geography/admin-units-data.js';
import { todayInVietnam } from '../common/dates/partial-date.js';
import { formatVnDay } from '../common/dates/vn-day.js';
import { DEMO_ORGS, generateDemo, RESIDENT_HEADER, ROSTER_HEADER, TRUTH_HEADER } from '../demo/demo-province.js';
import {
  DEFAULT_NOISE,
  DEFAULT_PLANTS,
  DEFAULT_POPULATION,
  drawProfile,
  profileRates,
  type NoiseRates,
  type PlantRates,
} from '../demo/demo-profile.js';
import { writeCsvFile } from '../common/files/csv.js';
import path from 'node:path';
import { RosterExportService, type RosterFormat } from '../roster-io/export/roster-export.service.js';
import { RosterImportService } from '../roster-io/import/roster-import.service.js';
import { RegisterService } from '../register/register.service.js';
import { DEFAULT_LINK_OPTIONS, LinkerService } from '../linker/linker.service.js';
import { checkReportFormat, ReportExportService } from '../reports/report-export.service.js';
import { ReportsService } from '../reports/reports.service.js';
import { snapshotProvisionalReason } from '../reports/report-basis.js';
import { vietnameseUsageError } from './cli-messages.js';

/**
 * `lienthong <command>`: run on the server itself, as a local administrator. Results go to
 * standard output, every log line to standard error. Exit 0 when the work was done, non-zero
 * with a one-line reason when it could not be.
 */
const log = (m: string) => process.stderr.write(`[lienthong] ${m}\n`);

/** The linker's steps, as the log names them. */
const LINK_STEPS: Record<string, string> = {
  load: 'đã đọc hồ sơ',
  load_register: 'đã đọc CSDL dân cư',
  blocking: 'đã chia khối',
  model: 'đã ước lượng mô hình',
  scoring: 'đã chấm điểm các cặp',
  register: 'đã đối chiếu CSDL dân cư',
  clustering: 'đã gom thành người',
  phantom: 'đã đánh dấu hồ sơ nghi ảo',
  store: 'đã lưu',
};

async function withServices<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config, log);
  let app: INestApplicationContext | null = null;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url, db.key), { logger: new VietnamLogger(['error']) });
    return await fn(app);
  } finally {
    await app?.close();
    await db.release();
  }
}

const prob = (name: string) => (v: string) => {
  const p = Number(v);
  if (!(p > 0 && p < 1)) throw new InvalidArgumentError(`${name} phải là một xác suất lớn hơn 0 và nhỏ hơn 1 (ví dụ 0.99)`);
  return p;
};

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} phải là một số nguyên không âm`);
  return n;
};

export function buildProgram(): Command {
  const program = new Command('lienthong')
    .description('Liên Thông — member registry of the mass organizations')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(vietnameseUsageError(s)) });

  const org = program.command('org').description('organizations and associations');
  org
    .command('list')
    .description('list organizations (code, member term, name)')
    .action(async () => {
      await withServices((app) => {
        const service = app.get(OrganizationsService);
        for (const { definition: d, builtIn } of service.list())
          process.stdout.write(`${d.code}\t${d.memberTerm}\t${d.name}${builtIn ? '' : '\t(hội do quản trị viên thêm)'}\n`);
        return Promise.resolve();
      });
    });
  org
    .command('add')
    .description('add an association as data (no migration, no restart)')
    .requiredOption('--code <CODE>', 'code, upper case (e.g. CTD)')
    .requiredOption('--name <name>', 'full name (e.g. "Hội Chữ thập đỏ")')
    .option('--member-term <term>', 'what a member is called', 'hội viên')
    .option('--min-age <n>', 'minimum age', int('--min-age'))
    .option('--max-age <n>', 'maximum age', int('--max-age'))
    .option('--sex <MALE|FEMALE>', 'only members of this sex')
    .option('--inactivity-months <n>', 'months without activity before a member counts as inactive', int('--inactivity-months'))
    .action(
      async (o: {
        code: string;
        name: string;
        memberTerm: string;
        minAge?: number;
        maxAge?: number;
        sex?: string;
        inactivityMonths?: number;
      }) => {
        if (!/^[A-Z][A-Z0-9_]{1,15}$/.test(o.code))
          throw new UsageError(`--code '${o.code}': 2–16 chữ in hoa không dấu, chữ số hoặc _, bắt đầu bằng chữ`);
        if (o.sex && o.sex !== 'MALE' && o.sex !== 'FEMALE') throw new UsageError(`--sex '${o.sex}': MALE (nam) hoặc FEMALE (nữ)`);
        await withServices(async (app) => {
          const def = await app
            .get(OrganizationsService)
            .createAssociation({ ...o, sex: o.sex as 'MALE' | 'FEMALE' | undefined }, cliPrincipal(userInfo().username));
          log(`đã thêm ${def.code}: ${def.name}`);
          process.stdout.write(`${def.code}\n`);
        });
      },
    );
  const user = program.command('user').description('users who log in (password + TOTP)');
  user
    .command('create')
    .description('create a user; prints the password (when generated) and the TOTP enrolment secret')
    .requiredOption('--username <U>', 'log-in name (a-z, 0-9, . _ -)')
    .requiredOption('--role <ROLE>', `one of ${Object.values(Role).join(', ')}`, roleOption)
    .option('--org <CODE>', 'SECRETARIAT: the organization it keeps')
    .option('--unit <U>', 'SECRETARIAT: keep it to this unit and its subtree')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (o: { username: string; role: Role; org?: string; unit?: string; passwordStdin?: boolean }) => {
      const password = o.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : null;
      await withServices(async (app) => {
        const created = await app
          .get(AuthService)
          .createUser(
            { username: o.username, role: o.role, organization: o.org, unit: o.unit, password },
            cliPrincipal(userInfo().username),
          );
        log(
          `đã tạo tài khoản ${created.user.username} (${created.user.role}${created.user.organizationCode ? ` ${created.user.organizationCode}` : ''})`,
        );
        log('thêm mã bí mật TOTP vào ứng dụng xác thực (hoặc mở liên kết otpauth dưới dạng mã QR); mã chỉ hiện lần này');
        const out = [`username\t${created.user.username}`];
        if (created.generatedPassword) out.push(`password\t${created.generatedPassword}`);
        out.push(`totp-secret\t${created.totpSecret}`, `otpauth-uri\t${created.otpauthUri}`);
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
  user
    .command('disable')
    .description('stop a user from logging in and end their sessions')
    .requiredOption('--username <U>', 'log-in name')
    .action(async (o: { username: string }) => {
      await withServices(async (app) => {
        const u = await app.get(AuthService).disableUser(o.username, cliPrincipal(userInfo().username));
        log(`đã khóa tài khoản ${u.username} và kết thúc các phiên của tài khoản`);
      });
    });
  user
    .command('list')
    .description('list users (username, role, organization, disabled)')
    .action(async () => {
      await withServices(async (app) => {
        for (const u of await app.get(AuthService).listUsers())
          process.stdout.write(`${u.username}\t${u.role}\t${u.organizationCode ?? ''}\t${u.disabledAt ? 'đã khóa' : 'đang dùng'}\n`);
      });
    });

  program
    .command('import')
    .description('import a roster (.csv or .xlsx) into an organization; bad rows go to an error file')
    .argument('<FILE>', 'the roster file')
    .requiredOption('--org <CODE>', 'the organization (e.g. DTN)')
    .option('--create-units', 'create unknown Mã đơn vị as branches under the base unit of the row’s commune')
    .option('--errors <FILE>', `where to write the rejected rows (default: <name>.${SIDE_FILES.errors}.csv beside the input)`)
    .option('--sheet <NAME>', 'read only this sheet of an .xlsx (default: every sheet)')
    .option('--batch-size <n>', 'rows per transaction', int('--batch-size'), 1000)
    .option('--assign-ids', 'give rows without a Mã hồ sơ a code, and write the roster with the codes back')
    .option('--result <FILE>', `with --assign-ids: where to write it (default: <name>.${SIDE_FILES.result}.csv beside the input)`)
    .option('--full', `the file is the whole roster: list the records it does not contain (<name>.${SIDE_FILES.missing}.csv)`)
    .action(
      async (
        file: string,
        o: {
          org: string;
          createUnits?: boolean;
          errors?: string;
          sheet?: string;
          batchSize: number;
          assignIds?: boolean;
          result?: string;
          full?: boolean;
        },
      ) => {
        await withServices(async (app) => {
          const importer = app.get(RosterImportService);
          const progress = progressLine();
          const cli = cliPrincipal(userInfo().username);
          const s = await importer.import(
            file,
            {
              organization: o.org.toUpperCase(),
              createUnits: o.createUnits,
              sheet: o.sheet,
              batchSize: Math.max(1, o.batchSize),
              assignIds: o.assignIds,
              resultFile: o.result,
              full: o.full,
            },
            cli,
            (p) => progress(`${p.rowsRead} dòng: ${p.created} mới, ${p.updated} cập nhật, ${p.unchanged} không đổi, ${p.rejected} lỗi`),
          );
          progress(null);
          if (s.resumed) log(`tiếp tục lần nhập tệp này đã dừng giữa chừng (việc nhập ${s.jobId})`);
          for (const sh of s.sheets) if (sh.note) log(`trang tính ${sh.name ?? ''}: ${sh.note}`);
          if (s.ignoredColumns.length) log(`bỏ qua các cột không có trong mẫu: ${s.ignoredColumns.join(', ')}`);
          const out = [
            `dòng\t${s.rowsRead}`,
            `tạo mới\t${s.created}`,
            `cập nhật\t${s.updated}`,
            `không đổi\t${s.unchanged}`,
            `lỗi\t${s.rejected}`,
          ];
          if (s.rejected) {
            const errorsFile = o.errors ?? sideFile(file, 'errors');
            await importer.writeErrorFile(s.jobId, errorsFile, cli);
            for (const e of await importer.rowErrors(s.jobId, cli, 20))
              log(`${e.sheet ? `${e.sheet} ` : ''}dòng ${e.rowNumber}${e.columnName ? `, cột ${e.columnName}` : ''}: ${e.message}`);
            if (s.rejected > 20) log(`… và ${s.rejected - 20} dòng lỗi khác`);
            out.push(`tệp lỗi\t${errorsFile}`);
          }
          if (s.resultFile) out.push(`tệp có mã\t${s.resultFile}`);
          if (s.created && !s.linked)
            log(`${s.created} hồ sơ mới: chạy \`lienthong link\` để liên kết (lần nhập trên 1.000 hồ sơ mới chờ một lần liên kết cả đợt)`);
          if (s.missing) {
            out.push(`không có trong tệp\t${s.missing.length}`);
            if (s.missing.length) {
              const missingFile = sideFile(file, 'missing');
              await importer.writeMissingFile(o.org.toUpperCase(), s.missing, missingFile);
              out.push(`tệp thiếu\t${missingFile}`);
            }
          }
          process.stdout.write(`${out.join('\n')}\n`);
        });
      },
    );
  program
    .command('import-residents')
    .description('import an extract of the population register (replaces the extract of the communes it covers)')
    .argument('<FILE>', 'columns: Họ và tên, Ngày sinh, Giới tính, Số CCCD, Mã xã, Tình trạng, Ngày mất')
    .option('--errors <FILE>', `where to write the rejected rows (default: <name>.${SIDE_FILES.errors}.csv beside the input)`)
    .action(async (file: string, o: { errors?: string }) => {
      await withServices(async (app) => {
        const s = await app.get(RegisterService).import(file, cliPrincipal(userInfo().username), o.errors);
        for (const e of s.errors.slice(0, 20)) log(`dòng ${e.row}: ${e.message}`);
        if (s.errors.length > 20) log(`… và ${s.errors.length - 20} dòng lỗi khác`);
        process.stdout.write(`dòng\t${s.rows}\nlỗi\t${s.rejected}\nxã\t${s.communes}\nthay thế\t${s.replaced}\n`);
      });
    });
  program
    .command('seed')
    .description('write a synthetic demo province (rosters of six organizations, a register extract, the truth)')
    .requiredOption('--demo', 'the demo province (the only kind of seed)')
    .requiredOption('--out <DIR>', 'the folder to write <ORG>.csv, residents.csv and truth.csv into')
    .option('--persons <n>', 'people in the province', int('--persons'), 20000)
    .option('--seed <s>', 'random seed (the same seed gives the same files)', int('--seed'), 1)
    .option('--province <CODE>', 'GSO code of the province', '11')
    .option('--load', 'also import the rosters and the register extract')
    .option(
      '--drawn-profile',
      'draw every rate (population, noise, planted problems) from the seed: a province nobody tuned on; written to profile.json',
    )
    .option(
      '--noise <JSON>',
      `noise rates, e.g. '{"lostAccents":0.2,"missingId":0.3}' (defaults: ${JSON.stringify(DEFAULT_NOISE)})`,
      jsonRates('--noise', DEFAULT_NOISE),
    )
    .option(
      '--plants <JSON>',
      `planted problem rates, e.g. '{"fabricated":0.05}' (defaults: ${JSON.stringify(DEFAULT_PLANTS)})`,
      jsonRates('--plants', DEFAULT_PLANTS),
    )
    .action(
      async (o: {
        out: string;
        persons: number;
        seed: number;
        province: string;
        load?: boolean;
        drawnProfile?: boolean;
        noise?: Partial<NoiseRates>;
        plants?: Partial<PlantRates>;
      }) => {
        const drawn = o.drawnProfile ? drawProfile(o.seed) : null;
        const profile = {
          population: drawn?.population ?? DEFAULT_POPULATION,
          noise: { ...(drawn?.noise ?? DEFAULT_NOISE), ...o.noise },
          plants: { ...(drawn?.plants ?? DEFAULT_PLANTS), ...o.plants },
        };
        const demo = generateDemo({
          data: loadAdminUnitsData(),
          province: o.province.padStart(2, '0'),
          persons: o.persons,
          seed: o.seed,
          today: todayInVietnam(),
          ...profile,
        });
        fs.mkdirSync(o.out, { recursive: true });
        fs.writeFileSync(path.join(o.out, 'profile.json'), `${JSON.stringify({ seed: o.seed, rates: profileRates(profile) }, null, 1)}\n`);
        for (const org of DEMO_ORGS) await writeCsvFile(path.join(o.out, `${org}.csv`), ROSTER_HEADER, demo.rosters[org]);
        await writeCsvFile(path.join(o.out, 'residents.csv'), RESIDENT_HEADER, demo.residents);
        await writeCsvFile(path.join(o.out, 'truth.csv'), TRUTH_HEADER, demo.truth);
        log(
          `đã ghi ${demo.counts.records} hồ sơ của ${demo.counts.persons} người vào ${o.out} (cài sẵn: ${Object.entries(demo.counts)
            .filter(([k]) => /^[A-Z]/.test(k))
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')})`,
        );
        if (o.load)
          await withServices(async (app) => {
            const progress = progressLine();
            for (const org of DEMO_ORGS) {
              const s = await app
                .get(RosterImportService)
                .import(
                  path.join(o.out, `${org}.csv`),
                  { organization: org, createUnits: true, batchSize: 2000 },
                  cliPrincipal(userInfo().username),
                  (p) => progress(`${org}: ${p.rowsRead} dòng`),
                );
              progress(null);
              log(`${org}: ${s.created} mới, ${s.updated} cập nhật, ${s.unchanged} không đổi, ${s.rejected} lỗi`);
            }
            const r = await app.get(RegisterService).import(path.join(o.out, 'residents.csv'), cliPrincipal(userInfo().username));
            log(`trích CSDL dân cư: ${r.rows} người ở ${r.communes} xã`);
          });
        process.stdout.write(`${o.out}\n`);
      },
    );
  program
    .command('export')
    .description('export a roster in the import template (ID numbers masked)')
    .requiredOption('--org <CODE>', 'the organization')
    .option('--unit <U>', 'only this unit and its subtree')
    .requiredOption('--format <csv|xlsx>', 'file format', formatOption)
    .requiredOption('--out <FILE>', 'the file to write')
    .action(async (o: { org: string; unit?: string; format: RosterFormat; out: string }) => {
      await withServices(async (app) => {
        const { rows } = await app
          .get(RosterExportService)
          .export({ organization: o.org.toUpperCase(), unit: o.unit, format: o.format, out: o.out }, cliPrincipal(userInfo().username));
        log(`đã xuất ${rows} hồ sơ`);
        process.stdout.write(`${o.out}\n`);
      });
    });
  program
    .command('template')
    .description('write the import template of an organization (header and an example row)')
    .requiredOption('--org <CODE>', 'the organization')
    .requiredOption('--out <FILE>', 'the file to write')
    .option('--format <csv|xlsx>', 'file format', formatOption, 'xlsx')
    .action(async (o: { org: string; out: string; format: RosterFormat }) => {
      await withServices(async (app) => {
        await app.get(RosterExportService).template(o.org.toUpperCase(), o.out, o.format);
        process.stdout.write(`${o.out}\n`);
      });
    });

  program
    .command('link')
    .description('link the records of every organization into persons (the population register as a bridge)')
    .option('--auto <P>', 'link automatically at or above this probability', prob('--auto'), DEFAULT_LINK_OPTIONS.auto)
    .option('--review <P>', 'send to review at or above this probability', prob('--review'), DEFAULT_LINK_OPTIONS.review)
    .action(async (o: { auto: number; review: number }) => {
      if (!(o.review < o.auto)) throw new UsageError(`--review (${o.review}) phải nhỏ hơn --auto (${o.auto})`);
      await withServices(async (app) => {
        const started = Date.now();
        const s = await app
          .get(LinkerService)
          .link({ auto: o.auto, review: o.review }, (step) =>
            log(`${LINK_STEPS[step] ?? step} (${((Date.now() - started) / 1000).toFixed(1)} giây)`),
          );
        for (const b of s.blocking)
          log(
            `chia khối ${b.rule}: ${b.blocks} khối, ${b.pairs} cặp${b.oversizedBlocks ? `; bỏ qua ${b.oversizedBlocks} khối quá lớn ngay trong một xã (${b.oversizedRecords} hồ sơ)` : ''}`,
          );
        const fields = Object.keys(s.model.m) as (keyof typeof s.model.m)[];
        for (const f of fields)
          log(
            `mô hình ${f}: ${Object.keys(s.model.m[f])
              .map((l) => `${l} m=${s.model.m[f][l].toFixed(3)} u=${(s.model.u[f][l] ?? 0).toFixed(4)}`)
              .join(', ')}`,
          );
        process.stdout.write(
          [
            `hồ sơ\t${s.records}`,
            `cặp ứng viên\t${s.candidatePairs}`,
            `liên kết tự động\t${s.autoLinks}`,
            `liên kết qua CSDL dân cư\t${s.bridgeLinks}`,
            `cặp cần xem xét\t${s.reviewPairs}`,
            `liên kết bị từ chối (hai số định danh)\t${s.refusedLinks}`,
            `hồ sơ khớp CSDL dân cư\t${s.verifiedRecords}`,
            `số người\t${s.persons}`,
            `người ở từ hai tổ chức\t${s.multiOrganizationPersons}`,
            `hồ sơ trùng trong một tổ chức\t${s.duplicateInOrganization}`,
            `hồ sơ nghi ảo (đang sinh hoạt)\t${s.suspectedPhantoms}`,
            `giây\t${((Date.now() - started) / 1000).toFixed(1)}`,
          ].join('\n') + '\n',
        );
      });
    });
  program
    .command('audit')
    .description('write every ACTIVE member record with its person and flags (org,ma_ho_so,person_id,ao,flags)')
    .requiredOption('--out <FILE>', 'the CSV file to write')
    .action(async (o: { out: string }) => {
      await withServices(async (app) => {
        const n = await app.get(LinkerService).writeAudit(o.out, cliPrincipal(userInfo().username));
        process.stdout.write(`hồ sơ\t${n}\ntệp\t${o.out}\n`);
      });
    });
  program
    .command('report')
    .description('compute (or recompute) the reconciliation report of a period and write it (json, xlsx or pdf)')
    .requiredOption('--period <PERIOD>', '2026-11 (month), 2026-Q4 (quarter) or 2026 (year), in Vietnam time')
    .option('--scope <SCOPE>', 'province, commune:<code>, org:<code> or unit:<org>/<code>', 'province')
    .option('--format <FORMAT>', 'json, xlsx or pdf (default: from the file name)')
    .requiredOption('--out <FILE>', 'the file to write')
    .option('--stored', 'write the report as last computed, without computing it again')
    .action(async (o: { period: string; scope: string; format?: string; out: string; stored?: boolean }) => {
      const format = checkReportFormat(o.format ?? (path.extname(o.out).slice(1) || 'json'));
      await withServices(async (app) => {
        const caller = cliPrincipal(userInfo().username);
        const reports = app.get(ReportsService);
        const s = o.stored ? await reports.find(o.period, o.scope) : await reports.run(o.period, o.scope, { caller });
        await app.get(ReportExportService).write(s, format, o.out, caller);
        const t = s.data.totals;
        process.stdout.write(
          [
            `kỳ\t${s.period}${s.final ? '' : ` (tạm tính: ${snapshotProvisionalReason(s)})`}`,
            `phạm vi\t${s.scopeLabel}`,
            `đến hết ngày\t${formatVnDay(s.asOfDay)}`,
            `số lượt\t${t.memberships}`,
            `số người\t${t.people}`,
            `người ở từ hai tổ chức\t${t.peopleInSeveralOrgs}`,
            `hồ sơ nghi ảo\t${t.suspectedPhantoms}`,
            `giây\t${s.seconds.toFixed(1)}`,
            `tệp\t${o.out}`,
          ].join('\n') + '\n',
        );
      });
    });
  const token = program.command('token').description('service tokens for scheduled jobs and integrations');
  token
    .command('create')
    .description('create a service token; the token is the last line of standard output')
    .requiredOption('--name <N>', 'what uses it (e.g. "monthly-report")')
    .requiredOption('--role <ROLE>', `one of ${Object.values(Role).join(', ')}`, roleOption)
    .option('--org <CODE>', 'SECRETARIAT: the organization')
    .option('--unit <U>', 'SECRETARIAT: the unit subtree')
    .option('--expires-days <n>', 'days until it expires (default: until revoked)', int('--expires-days'))
    .action(async (o: { name: string; role: Role; org?: string; unit?: string; expiresDays?: number }) => {
      await withServices(async (app) => {
        const { token: value, record } = await app
          .get(AuthService)
          .createServiceToken(
            { name: o.name, role: o.role, organization: o.org, unit: o.unit, expiresInDays: o.expiresDays },
            cliPrincipal(userInfo().username),
          );
        log(`đã tạo mã truy cập dịch vụ '${record.name}' (${record.role}, id ${record.id}); mã chỉ hiện lần này`);
        process.stdout.write(`${value}\n`);
      });
    });
  token
    .command('revoke')
    .description('revoke a service token by id')
    .requiredOption('--id <ID>', 'the token id (printed by `token create` on standard error)')
    .action(async (o: { id: string }) => {
      await withServices(async (app) => {
        const t = await app.get(AuthService).revokeServiceToken(o.id, cliPrincipal(userInfo().username));
        log(`đã thu hồi mã truy cập dịch vụ '${t.name}'`);
      });
    });
  return program;
}

/** `--noise '{"typo":0.1}'`: known rate names, each from 0 to 1. */
function jsonRates<T extends object>(option: string, defaults: T) {
  return (v: string): Partial<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new InvalidArgumentError(`${option} phải là JSON, ví dụ '{"${Object.keys(defaults)[0]}":0.1}'`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new InvalidArgumentError(`${option} phải là một đối tượng JSON`);
    for (const [k, r] of Object.entries(parsed)) {
      if (!(k in defaults))
        throw new InvalidArgumentError(`${option}: không có tỷ lệ '${k}' (các tỷ lệ: ${Object.keys(defaults).join(', ')})`);
      if (typeof r !== 'number' || r < 0 || r > 1) throw new InvalidArgumentError(`${option}: '${k}' phải là một số từ 0 đến 1`);
    }
    return parsed;
  };
}

function formatOption(v: string): RosterFormat {
  if (v !== 'csv' && v !== 'xlsx') throw new InvalidArgumentError(`'${v}': csv hoặc xlsx`);
  return v;
}

/** On a terminal, one line rewritten in place; otherwise nothing until the summary. */
function progressLine(): (text: string | null) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (text) => process.stderr.write(text === null ? '\n' : `\r\x1b[K${text}`);
}

function roleOption(v: string): Role {
  if (!isRole(v)) throw new InvalidArgumentError(`'${v}' không phải vai trò: ${Object.values(Role).join(', ')}`);
  return v;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof UsageError) {
      process.stderr.write(`lienthong: ${e.message}\n`);
      process.exit(2);
    }
    const message = e instanceof DomainError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`lienthong: ${message}\n`);
    process.exit(1);
  }
}

void main();
