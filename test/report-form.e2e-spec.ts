import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import XLSX from 'xlsx';
import { periodContaining } from '../src/common/dates/period.js';
import { loadReportForm } from '../src/config/report-form.js';
import { writeReportPdf } from '../src/reports/documents/report-pdf.js';
import { writeReportXlsx } from '../src/reports/documents/report-xlsx.js';
import { ReportExportService } from '../src/reports/report-export.service.js';
import type { ReportSnapshot } from '../src/reports/report.entities.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { pdfText } from './support/pdf-text.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';

/** Without spaces: a line the PDF wraps comes back from the reader joined without one. */
const squeeze = (text: string) => text.replace(/\s+/g, '');
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dung', 'Hà', 'Lan', 'Mai', 'Nga'];

/** Two deployments' official forms, as their JSON files say them. */
const DIEN_BIEN = {
  parentBody: 'Tỉnh ủy Điện Biên',
  issuingBody: 'Ban Dân vận',
  symbol: 'BDVTU',
  place: 'Điện Biên Phủ',
  signer: { authority: 'TM. Ban Thường vụ', title: 'Trưởng ban', name: 'Lò Văn Mười' },
  recipients: ['Thường trực Tỉnh ủy (b/c);', 'Các tổ chức chính trị - xã hội tỉnh;', 'Lưu: VT.'],
};
const TAY_NINH = {
  issuingBody: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tây Ninh',
  symbol: 'MTTQ-BTT',
  place: 'Tây Ninh',
  signer: { authority: 'KT. Chủ tịch', title: 'Phó Chủ tịch', name: 'Nguyễn Thị Hồng Vân' },
  recipients: ['Ban Dân vận Tỉnh ủy;', 'Lưu: VT, PTTND.'],
};

/**
 * The report's PDF on the official form (Nghị định 30/2020/NĐ-CP), rendered with two deployments'
 * configurations: each one's issuing body, number, place and date, signature block and recipients,
 * and not the other's; and every commune of the report (more than the 25 an earlier chart showed).
 */
describe("the report's official form, in the PDF and the workbook", () => {
  let t: TestApp;
  let s: ReportSnapshot;
  let communes: { code: string; name: string }[];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-report-form-'));

  beforeAll(async () => {
    t = await createTestApp();
    communes = await t.sql<{ code: string; name: string }>(`SELECT code, name FROM commune ORDER BY code LIMIT 32`);
    await t.importRoster(
      'HPN',
      HEADER,
      communes.map(
        (c, i) =>
          `F-${i},${FAMILY[i % 4]} Thị ${GIVEN[i % 8]},0${1 + (i % 9)}/02/1980,Nữ,,09110000${String(i).padStart(2, '0')},${c.code},CH-${c.code},Đang sinh hoạt,01/01/2010,`,
      ),
    );
    s = await t.app.get(ReportsService).run(periodContaining('QUARTER', new Date()).key, null, { now: new Date() });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The form from its file, as the server reads it at start-up; the PDF's text. */
  async function render(name: string, form: object): Promise<string> {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(form));
    const d = await t.app.get(ReportExportService).document(s, CLI_PRINCIPAL, false);
    const out = path.join(dir, `${name}.pdf`);
    await writeReportPdf(
      d,
      out,
      loadReportForm(file, (m) => new Error(m)),
    );
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    return pdfText(out);
  }

  it("carries each deployment's issuing body, number, place and date, signature and recipients", async () => {
    // The day it was computed, in Vietnam, as Nghị định 30 writes it (05, tháng 02; tháng 12).
    const vn = new Date(s.computedAt.getTime() + 7 * 3_600_000);
    const [day, month, year] = [vn.getUTCDate(), vn.getUTCMonth() + 1, vn.getUTCFullYear()];
    const date = `ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? `0${month}` : month} năm ${year}`;
    const dienBien = await render('dien-bien', DIEN_BIEN);
    const tayNinh = await render('tay-ninh', TAY_NINH);
    for (const text of [dienBien, tayNinh]) {
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('BÁO CÁO');
      expect(text).toContain('Nơi nhận:');
    }
    for (const phrase of [
      'TỈNH ỦY ĐIỆN BIÊN',
      'BAN DÂN VẬN',
      'Số: …/BC-BDVTU',
      `Điện Biên Phủ, ${date}`,
      'TM. BAN THƯỜNG VỤ',
      'TRƯỞNG BAN',
      'Lò Văn Mười',
      '- Thường trực Tỉnh ủy (b/c);',
      '- Các tổ chức chính trị - xã hội tỉnh;',
    ])
      expect(dienBien).toContain(phrase);
    for (const phrase of [
      'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH TÂY NINH',
      'Số: …/BC-MTTQ-BTT',
      `Tây Ninh, ${date}`,
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Thị Hồng Vân',
      '- Ban Dân vận Tỉnh ủy;',
      '- Lưu: VT, PTTND.',
    ])
      expect(squeeze(tayNinh)).toContain(squeeze(phrase));
    // Neither carries the other's.
    for (const other of ['Lò Văn Mười', 'BDVTU', 'Điện Biên Phủ,', 'TỈNH ỦY ĐIỆN BIÊN']) expect(tayNinh).not.toContain(other);
    for (const other of ['Nguyễn Thị Hồng Vân', 'MTTQ-BTT', 'Tây Ninh,', 'PHÓ CHỦ TỊCH']) expect(dienBien).not.toContain(other);
  });

  it("prints the workbook's first sheet on the same form: Quốc hiệu, issuing body, number, place and date, signature, recipients", async () => {
    const file = path.join(dir, 'form.json');
    fs.writeFileSync(file, JSON.stringify(DIEN_BIEN));
    const d = await t.app.get(ReportExportService).document(s, CLI_PRINCIPAL, true);
    const out = path.join(dir, 'dien-bien.xlsx');
    await writeReportXlsx(
      d,
      out,
      loadReportForm(file, (m) => new Error(m)),
    );
    // SheetJS, not the library that wrote it.
    const wb = XLSX.read(fs.readFileSync(out), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets['Tổng hợp'], { header: 1, defval: null });
    const cells = (r: (string | number | null)[]) => r.filter((v) => v !== null).map(String);
    expect(cells(rows[0])).toEqual(['TỈNH ỦY ĐIỆN BIÊN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(cells(rows[1])).toEqual(['BAN DÂN VẬN', 'Độc lập - Tự do - Hạnh phúc']);
    expect(cells(rows[2])).toEqual(['Số: …/BC-BDVTU', expect.stringMatching(/^Điện Biên Phủ, ngày \d\d tháng \d\d? năm \d{4}$/)]);
    const text = rows.map((r) => cells(r).join(' | '));
    expect(text).toContain('BÁO CÁO');
    // The table, then the foot: "Nơi nhận" beside the signature block, the name under the room to sign.
    const table = text.findIndex((l) => l.startsWith('Chỉ tiêu'));
    const foot = text.findIndex((l) => l.startsWith('Nơi nhận:'));
    expect(table).toBeGreaterThan(text.indexOf('BÁO CÁO'));
    expect(foot).toBeGreaterThan(table);
    expect(text.slice(foot)).toEqual(
      expect.arrayContaining(['Nơi nhận: | TM. BAN THƯỜNG VỤ', '- Thường trực Tỉnh ủy (b/c); | TRƯỞNG BAN', '- Lưu: VT.', 'Lò Văn Mười']),
    );
    // Each text once: merged cells, not copies that a reader would repeat.
    expect(text.filter((l) => l.includes('CỘNG HÒA'))).toHaveLength(1);
  });

  it('lists every commune of the report, not a top slice', async () => {
    const text = await render('every-commune', DIEN_BIEN);
    expect(communes.length).toBeGreaterThan(25);
    expect(text).toContain(`Đủ ${communes.length} xã, phường`);
    for (const c of communes) expect(text).toContain(c.code);
  });

  it('says in Vietnamese what is wrong with a form file, naming the file and the field', () => {
    const bad = path.join(dir, 'bad.json');
    const load = () => loadReportForm(bad, (m) => new Error(m));
    expect(() => loadReportForm(path.join(dir, 'none.json'), (m) => new Error(m))).toThrow('không có tệp này');
    fs.writeFileSync(bad, '{ "issuingBody": ');
    expect(load).toThrow(`REPORT_FORM_FILE='${bad}': không phải JSON hợp lệ`);
    fs.writeFileSync(bad, JSON.stringify({ ...DIEN_BIEN, issuingBody: ' ' }));
    expect(load).toThrow('"issuingBody" (cơ quan ban hành) cần là chữ, không để trống');
    fs.writeFileSync(bad, JSON.stringify({ ...DIEN_BIEN, signer: { ...DIEN_BIEN.signer, role: 'x' } }));
    expect(load).toThrow('không có mục "signer.role"');
    fs.writeFileSync(bad, JSON.stringify({ ...DIEN_BIEN, symbol: 'BDV/TU' }));
    expect(load).toThrow('ký hiệu không chứa dấu cách hay dấu "/"');
    fs.writeFileSync(bad, JSON.stringify({ ...DIEN_BIEN, recipients: [] }));
    expect(load).toThrow('"recipients" (nơi nhận) cần là danh sách');
  });
});
