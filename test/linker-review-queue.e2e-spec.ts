import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LinkerService } from '../src/linker/linker.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * The review queue is ordered by how much a decision changes the counts (issue 18 item 4): the
 * persons, and the people in several organizations, of the running period. The pairs are set to
 * review as a run stores them (`record_link`), with weights chosen so that "strongest first" would
 * give the opposite order.
 */
describe('the review queue', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-review-queue-'));
  const roster = async (org: string, rows: string[]) => {
    const file = path.join(dir, `${org}-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
    const s = await t.app.get(RosterImportService).import(file, { organization: org, createUnits: true }, CLI_PRINCIPAL);
    expect(s.rejected).toBe(0);
  };
  const idOf = async (org: string, code: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE organization_code = $1 AND external_id = $2`, [org, code]))[0].id;
  /** A pair to review, as a run stores it (record_a < record_b), with this weight. */
  const toReview = async (x: string, y: string, weight: number) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    await t.sql(
      `INSERT INTO record_link (record_a, record_b, decision, probability, weight, contributions) VALUES ($1, $2, 'REVIEW', 1, $3, '[]')
       ON CONFLICT (record_a, record_b) DO UPDATE SET decision = 'REVIEW', weight = EXCLUDED.weight`,
      [a, b, weight],
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    // Different people as far as the linker can tell: each its own person after a run.
    await roster('HND', [
      'HND-A,Hà Văn An,05/05/1975,Nam,,,00004,HND-CHI-1,Đang sinh hoạt',
      'HND-B1,Vi Thị Bình,12/12/1982,Nữ,,,00004,HND-CHI-1,Đang sinh hoạt',
      'HND-B2,Vi Thị Bính,1982,Nữ,,,00004,HND-CHI-2,Đang sinh hoạt',
      'HND-D,Lò Văn Dung,03/04/1960,Nam,,,00004,HND-CHI-1,Đang sinh hoạt',
    ]);
    await roster('CD', ['CD-A,Hà Văn Ấn,07/05/1975,Nam,,,00004,CD-CHI-1,Đang sinh hoạt']);
    await roster('CCB', ['CCB-D,Lò Văn Dũng,1960,Nam,,,00004,CCB-CHI-1,Tạm dừng sinh hoạt']);
    await t.app.get(LinkerService).link();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows first the pairs whose decision changes the counts most, not the strongest', async () => {
    const persons = await t.sql<{ n: string }>(`SELECT count(DISTINCT person_id) AS n FROM record_person`);
    expect(Number(persons[0].n)).toBe(6);
    await t.sql(`DELETE FROM record_link`);
    // One person fewer and one more in two organizations (HND and CD): the largest change.
    await toReview(await idOf('HND', 'HND-A'), await idOf('CD', 'CD-A'), 21);
    // Listed twice in one organization: one person fewer, nobody new in several.
    await toReview(await idOf('HND', 'HND-B1'), await idOf('HND', 'HND-B2'), 27);
    // A suspended membership is not counted in the running period: no count changes.
    await toReview(await idOf('HND', 'HND-D'), await idOf('CCB', 'CCB-D'), 29);
    const q = `{ reviewQueue(first: 50) { a { externalId } b { externalId } } }`;
    const r = await t.gql<{ reviewQueue: { a: { externalId: string }; b: { externalId: string } }[] }>(q);
    expect(r.errors).toBeUndefined();
    expect(r.data!.reviewQueue.map((p) => [p.a.externalId, p.b.externalId].sort().join('+'))).toEqual([
      'CD-A+HND-A',
      'HND-B1+HND-B2',
      'CCB-D+HND-D',
    ]);
    // "Cùng một người" joins persons whole: where the one person would be listed twice is said before she decides.
    const joins = await t.gql<{
      reviewQueue: { a: { externalId: string }; b: { externalId: string }; joined: { listedTwiceIn: string[] } }[];
    }>(`{ reviewQueue(first: 50) { a { externalId } b { externalId } joined { recordsA recordsB listedTwiceIn } } }`);
    expect(Object.fromEntries(joins.data!.reviewQueue.map((p) => [[p.a.externalId, p.b.externalId].sort().join('+'), p.joined]))).toEqual({
      'CD-A+HND-A': { recordsA: 1, recordsB: 1, listedTwiceIn: [] },
      'HND-B1+HND-B2': { recordsA: 1, recordsB: 1, listedTwiceIn: ['HND'] },
      // A suspended membership is no ACTIVE record.
      'CCB-D+HND-D': { recordsA: expect.any(Number) as number, recordsB: expect.any(Number) as number, listedTwiceIn: [] },
    });
    // A page holds the largest changes: the first pair alone.
    const one = await t.gql<{ reviewQueue: { a: { externalId: string }; b: { externalId: string } }[] }>(
      `{ reviewQueue(first: 1) { a { externalId } b { externalId } } }`,
    );
    expect(one.data!.reviewQueue.map((p) => [p.a.externalId, p.b.externalId].sort().join('+'))).toEqual(['CD-A+HND-A']);

    // "Chưa chắc, để sau": that pair goes after the others, for whoever reads the queue next (a reload too); the latest put off last.
    const defer = async (a: string, b: string) => {
      const d = await t.gql(`mutation($a: ID!, $b: ID!) { deferLinkPair(recordA: $a, recordB: $b, reason: "chưa chắc, hỏi chi hội") }`, {
        a,
        b,
      });
      expect(d.errors).toBeUndefined();
    };
    await defer(await idOf('HND', 'HND-A'), await idOf('CD', 'CD-A'));
    await new Promise((r) => setTimeout(r, 20));
    await defer(await idOf('HND', 'HND-B1'), await idOf('HND', 'HND-B2'));
    const after = await t.gql<{ reviewQueue: { a: { externalId: string }; b: { externalId: string } }[] }>(q);
    expect(after.data!.reviewQueue.map((p) => [p.a.externalId, p.b.externalId].sort().join('+'))).toEqual([
      'CCB-D+HND-D',
      'CD-A+HND-A',
      'HND-B1+HND-B2',
    ]);
  });

  it('filters by the calibrated probability the pairs show', async () => {
    type P = { calibratedProbability: number };
    const all = await t.gql<{ reviewQueue: P[] }>(`{ reviewQueue(first: 50) { calibratedProbability } }`);
    const shown = all.data!.reviewQueue.map((p) => p.calibratedProbability);
    expect(shown).toHaveLength(3);
    const cut = [...shown].sort((x, y) => x - y)[1];
    const above = await t.gql<{ reviewQueue: P[] }>(`{ reviewQueue(first: 50, minProbability: ${cut}) { calibratedProbability } }`);
    expect(above.data!.reviewQueue.map((p) => p.calibratedProbability).sort()).toEqual(shown.filter((p) => p >= cut).sort());
    const below = await t.gql<{ reviewQueue: P[] }>(`{ reviewQueue(first: 50, maxProbability: ${cut}) { calibratedProbability } }`);
    expect(below.data!.reviewQueue.map((p) => p.calibratedProbability).sort()).toEqual(shown.filter((p) => p <= cut).sort());
  });

  it('shows each side’s phone masked, and says why a likely pair still waits for a person', async () => {
    await t.sql(`UPDATE member_record SET phone = '0912345678' WHERE external_id = 'HND-A'`);
    await toReview(await idOf('HND', 'HND-A'), await idOf('CD', 'CD-A'), 40);
    type Side = { externalId: string; phoneMasked: string | null };
    const r = await t.gql<{ reviewQueue: { a: Side; b: Side; probabilityText: string; explanation: string }[] }>(
      `{ reviewQueue(first: 50) { a { externalId phoneMasked } b { externalId phoneMasked } probabilityText explanation } }`,
    );
    expect(r.errors).toBeUndefined();
    const pair = r.data!.reviewQueue.find((p) => [p.a.externalId, p.b.externalId].includes('HND-A'))!;
    const [hnd, cd] = pair.a.externalId === 'HND-A' ? [pair.a, pair.b] : [pair.b, pair.a];
    expect(hnd.phoneMasked).toBe('091****678');
    expect(cd.phoneMasked).toBeNull();
    expect(JSON.stringify(r.data)).not.toContain('0912345678');
    // "Gần như chắc chắn" beside "cần cán bộ xem xét" would contradict itself: the explanation says why.
    expect(pair.probabilityText).toMatch(/cùng một người/);
    expect(pair.explanation).toContain('cần cán bộ xem xét: khả năng cao, nhưng');
  });

  it('asks no more about two persons someone said are two people, through another of their records; the log-in count and the queue agree', async () => {
    await t.sql(`DELETE FROM record_link`);
    const [b1, b2, cdA] = [await idOf('HND', 'HND-B1'), await idOf('HND', 'HND-B2'), await idOf('CD', 'CD-A')];
    // Bình's two listings are one person; the Công đoàn's Ấn is asked about through each of them.
    await t.sql(`UPDATE record_person SET person_id = (SELECT person_id FROM record_person WHERE record_id = $1) WHERE record_id = $2`, [
      b1,
      b2,
    ]);
    const [x, y] = b1 < b2 ? [b1, b2] : [b2, b1];
    await t.sql(
      `INSERT INTO record_link (record_a, record_b, decision, probability, weight, contributions) VALUES ($1, $2, 'AUTO', 1, 30, '[]')`,
      [x, y],
    );
    await toReview(b1, cdA, 20);
    await toReview(b2, cdA, 19);
    const queue = async () =>
      (
        await t.gql<{ reviewQueue: { a: { externalId: string }; b: { externalId: string } }[] }>(
          `{ reviewQueue(first: 50) { a { externalId } b { externalId } } }`,
        )
      ).data!.reviewQueue.map((p) => [p.a.externalId, p.b.externalId].sort().join('+'));
    const pending = async () =>
      (await t.gql<{ sinceLastVisit: { pendingReviews: number } }>(`{ sinceLastVisit { pendingReviews } }`)).data!.sinceLastVisit
        .pendingReviews;
    expect([await queue(), await pending()]).toEqual([['CD-A+HND-B1', 'CD-A+HND-B2'], 2]);
    // Bình's person has two records: confirming either pair joins both.
    const whole = await t.gql<{ reviewQueue: { joined: { recordsA: number; recordsB: number } }[] }>(
      `{ reviewQueue(first: 50) { joined { recordsA recordsB } } }`,
    );
    expect(whole.data!.reviewQueue.map((p) => [p.joined.recordsA, p.joined.recordsB].sort())).toEqual([
      [1, 2],
      [1, 2],
    ]);
    const r = await t.gql(
      `mutation($a: ID!, $b: ID!) { decideLink(recordA: $a, recordB: $b, decision: REJECT, reason: "Khác người, chi hội xác nhận") }`,
      {
        a: b1,
        b: cdA,
      },
    );
    expect(r.errors).toBeUndefined();
    expect([await queue(), await pending()]).toEqual([[], 0]);
  });
});
