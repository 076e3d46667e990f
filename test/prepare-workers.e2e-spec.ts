import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { openRoster } from '../src/common/files/tabular-source.js';
import { GeographyService } from '../src/geography/geography.service.js';
import { MemberRecordsService } from '../src/membership/member-record/member-records.service.js';
import { OrganizationsService } from '../src/membership/organization/organizations.service.js';
import { SecretVault } from '../src/personal-data/secret-vault.js';
import { ImportContext } from '../src/roster-io/import/import-context.js';
import { RowPreparer, type PreparedRow } from '../src/roster-io/import/prepare-row.js';
import { PrepareWorkers, prepareWorkerSetup } from '../src/roster-io/import/prepare-workers.js';
import type { RosterRow } from '../src/roster-io/import/roster-row.js';
import { SheetReader } from '../src/roster-io/import/sheet-reader.js';
import { createTestApp, type TestApp } from './test-app.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TODAY = '2026-12-01';

/** Rows as secretaries type them, beyond the fixtures: accents lost, CCCDs with spaces or a lost zero, dates every way, communes by code and by name, bad cells. */
function variedCsv(n: number): string {
  const names = [
    'Nguyễn Thị Lan',
    'TRẦN VĂN HÙNG',
    'le thi mai',
    'Hoàng  Đức   Long',
    'Lò Thị Mai (Chi hội trưởng)',
    'Đặng Thu Hà',
    'x',
    '',
  ];
  const dates = ['12/3/1985', '15.8.1979', '1990', '3/2010', '31/02/1992', '03/25/1990', '20/3/04', ''];
  const ids = ['011185012345', '0111 8501 2346', '11185012347', '011085012348', '12345', '', '034190001234', '001301012345'];
  const phones = ['0912345678', '912 345 678', '+84 912345679', '0212345', '', '84-91-234-5670'];
  const communes = ['00004', 'Thanh Luông', 'xã Thanh Luông, huyện Điện Biên', 'Ba Đình', '99999', '', 'P. Mường Thanh, TP. Điện Biên Phủ'];
  const sexes = ['Nam', 'Nữ', 'nữ', '', 'x'];
  const lines = ['Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Dân tộc,Trạng thái'];
  for (let i = 0; i < n; i++) {
    const at = <T>(xs: T[], k: number) => xs[(i * k + Math.floor(i / xs.length)) % xs.length];
    const cells = [
      `V-${i}`,
      at(names, 3),
      at(dates, 5),
      at(sexes, 7),
      at(ids, 11),
      at(phones, 13),
      at(communes, 17),
      i % 4 ? 'Kinh' : 'Thái',
      i % 9 ? 'Đang sinh hoạt' : '',
    ];
    lines.push(cells.map((c) => (/[,"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A prepared row with its sealed numbers opened (a seal has a fresh nonce each time: what it holds must match). */
function comparable(p: PreparedRow, vault: SecretVault): unknown {
  const open = (v: unknown) => (Buffer.isBuffer(v) ? `sealed ${vault.open(v)}` : v);
  const values = p.values && {
    ...p.values,
    idNumberSealed: open(p.values.idNumberSealed),
    idNumberRawSealed: open(p.values.idNumberRawSealed),
  };
  return { ...p, values };
}

/** Worker threads prepare a row exactly as the import's own thread does (issue 17: row preparation in worker threads). */
describe('row preparation in worker threads', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-prepare-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function rowsOf(org: string, file: string): Promise<RosterRow[]> {
    const def = await t.app.get(OrganizationsService).get(org);
    const summary = { sheets: [], ignoredColumns: [] };
    const reading = { today: TODAY, address: t.app.get(GeographyService).addressReader() };
    const reader = new SheetReader(def, { sourceName: path.basename(file), sourceSha256: '' }, false, summary, reading);
    const rows: RosterRow[] = [];
    for await (const r of reader.rows((await openRoster(file)).rows)) if (r.kind === 'row') rows.push(r.row);
    return rows;
  }

  const fixtures = path.join(ROOT, 'test/fixtures/rosters');
  it.each([
    ['HPN', ['hpn-thanh-nua.libreoffice.xlsx', 'hpn-thanh-nua.openpyxl.xlsx', 'hpn-co-man.openpyxl.xlsx'], true],
    ['HND', ['hnd-na-nhan.sheetjs.xlsx'], false],
    ['DTN', ['dtn-noong-ung.openpyxl.xlsx'], true],
    ['NCT', ['nct-thanh-nua.libreoffice.xlsx'], false],
  ] as const)('%s: the fixtures and 100 varied rows, the same in a worker as in the thread', async (org, files, anyTombstone) => {
    const csv = path.join(dir, `${org}.csv`);
    fs.writeFileSync(csv, variedCsv(100));
    const rows = (await Promise.all([...files.map((f) => path.join(fixtures, f)), csv].map((f) => rowsOf(org, f)))).flat();
    const def = await t.app.get(OrganizationsService).get(org);
    const ctx = new ImportContext(def, { kind: 'ALL' }, true, TODAY, 'x');
    ctx.anyTombstone = anyTombstone;
    const inThread = rows.map((r) => new RowPreparer(t.app.get(MemberRecordsService)).prepare(r, ctx));

    const workers = PrepareWorkers.start(await prepareWorkerSetup(t.app.get(DataSource), t.key, org, null), { size: 2 });
    try {
      const inWorkers = await workers.prepare(rows, { today: TODAY, anyTombstone });
      const vault = t.app.get(SecretVault);
      expect(inWorkers.map((p) => comparable(p, vault))).toEqual(inThread.map((p) => comparable(p, vault)));
      // The writer gets Buffers, as from the thread (not the bytes a message carries).
      const buffers = inWorkers
        .flatMap((p) => [...Object.values(p.values ?? {}), ...p.tombstoneKeys])
        .filter((v) => v instanceof Uint8Array);
      expect(buffers.length).toBeGreaterThan(20);
      expect(buffers.every((b) => Buffer.isBuffer(b))).toBe(true);
      // The rows were varied: written ones, refused ones, tombstone keys where asked.
      expect(rows.length).toBeGreaterThan(100);
      expect(inThread.filter((p) => p.values).length).toBeGreaterThan(20);
      expect(inThread.filter((p) => p.problems.length).length).toBeGreaterThan(5);
      expect(inThread.some((p) => p.tombstoneKeys.length)).toBe(anyTombstone);
    } finally {
      await workers.close();
    }
  });

  it('an association (rules as a row) prepares as in the thread too', async () => {
    await t.sql(
      `INSERT INTO organization (code, name, member_term, built_in, rules) VALUES ('CTD', 'Hội Chữ thập đỏ', 'hội viên', false, '{"minAge": 18}')`,
    );
    const csv = path.join(dir, 'CTD.csv');
    fs.writeFileSync(csv, variedCsv(60));
    const rows = await rowsOf('CTD', csv);
    const def = await t.app.get(OrganizationsService).get('CTD');
    const inThread = rows.map((r) =>
      new RowPreparer(t.app.get(MemberRecordsService)).prepare(r, new ImportContext(def, { kind: 'ALL' }, true, TODAY, 'x')),
    );
    const workers = PrepareWorkers.start(await prepareWorkerSetup(t.app.get(DataSource), t.key, 'CTD', null), { size: 1 });
    try {
      const vault = t.app.get(SecretVault);
      const inWorkers = await workers.prepare(rows, { today: TODAY, anyTombstone: true });
      expect(inWorkers.map((p) => comparable(p, vault))).toEqual(inThread.map((p) => comparable(p, vault)));
    } finally {
      await workers.close();
    }
  });

  it('an import run by the CLI prepares its new rows in a worker and stores what the thread would have', async () => {
    const csv = path.join(dir, 'HND-cli.csv');
    fs.writeFileSync(csv, variedCsv(1000).replace(/\nV-/g, '\nW-'));
    const rows = await rowsOf('HND', csv);
    const def = await t.app.get(OrganizationsService).get('HND');
    const ctx = new ImportContext(def, { kind: 'ALL' }, true, TODAY, 'x');
    const inThread = new Map(rows.map((r) => [r.externalId, new RowPreparer(t.app.get(MemberRecordsService)).prepare(r, ctx)]));
    const cli = path.join(ROOT, 'bin/lienthong.js');
    const env = {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      LIENTHONG_KEY: t.keyText,
      IMPORT_PREPARE_WORKERS: '1',
      IMPORT_PREPARE_WORKERS_FROM_ROW: '0',
    };
    // Batches of 300: the full ones are prepared in the worker from the first row (the last, short one in the thread).
    const run = spawnSync(process.execPath, [cli, 'import', '--org', 'HND', '--batch-size', '300', csv], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const stored = await t.sql<{
      external_id: string;
      name_folded: string;
      birth_date: string | null;
      id_number_hash: Buffer | null;
      phone: string | null;
      commune_code: string | null;
      id_issues: string[];
      sex: string | null;
    }>(
      `SELECT external_id, name_folded, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, id_number_hash, phone, commune_code, id_issues, sex
         FROM member_record WHERE organization_code = 'HND' AND external_id LIKE 'W-%'`,
    );
    const written = [...inThread.values()].filter((p) => p.values);
    expect(stored.length).toBe(written.length);
    expect(stored.length).toBeGreaterThan(150);
    for (const r of stored) {
      const v = inThread.get(r.external_id)!.values!;
      const asDate = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : (d ?? null));
      expect({ ...r, id_number_hash: r.id_number_hash?.toString('hex') ?? null }).toEqual({
        external_id: r.external_id,
        name_folded: v.nameFolded,
        birth_date: asDate(v.birthDate),
        id_number_hash: (v.idNumberHash as Buffer | null)?.toString('hex') ?? null,
        phone: v.phone ?? null,
        commune_code: v.communeCode ?? null,
        id_issues: v.idIssues ?? [],
        sex: v.sex ?? null,
      });
    }
  }, 120_000);
});
