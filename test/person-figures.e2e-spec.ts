import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../src/access/role.js';
import { periodContaining, previousPeriod, asOf, type Period } from '../src/common/dates/period.js';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { basisRecords, figureRows, refreshPendingPersonFigures } from '../src/linker/batch/person-figures.js';
import { freshPersonUnits } from '../src/linker/batch/person-units.js';
import { ReviewDecision } from '../src/linker/link.entities.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { PersonViewsService } from '../src/linker/review/person-views.service.js';
import { ReviewDecisionsService } from '../src/linker/review/review-decisions.service.js';
import { MemberRecordsService } from '../src/membership/member-record/member-records.service.js';
import { RecordTransfersService } from '../src/membership/member-record/record-transfers.service.js';
import { OrganizationsService } from '../src/membership/organization/organizations.service.js';
import { MemberStatus } from '../src/membership/status/member-status.js';
import { resolveReportingArea } from '../src/membership/unit/reporting-area.js';
import { countReport, countReportFromRecords, prepareFigures } from '../src/reports/counting/count-report.js';
import { liveFigures } from '../src/reports/live/live-figures.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

/**
 * Fast figures (issue 19) on a demo province: the person-level table agrees with the records after
 * a link run, after each kind of decision (at once, nobody reading in between) and after an edit
 * elsewhere (once read); and a report counted from it has the very figures of one counted from the records.
 */
describe('the person-level figures', () => {
  let t: TestApp;
  let db: DataSource;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-figures-'));
  const current = periodContaining('QUARTER', new Date());
  const past = previousPeriod(current);

  /** Rows of a table that differ from a computation from scratch (both ways). */
  const differing = async (kept: string, fresh: string): Promise<number> => {
    const [r] = await t.sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM ((${kept}) EXCEPT ALL (${fresh})) a)::int + (SELECT count(*) FROM ((${fresh}) EXCEPT ALL (${kept})) b)::int AS n`,
    );
    return r.n;
  };
  /** Rows of the live basis and of the persons by unit that differ from a computation from scratch: none when the tables are right. */
  const disagreement = async (): Promise<number> =>
    (await differing(`SELECT * FROM person_figure WHERE basis = ''`, figureRows(basisRecords('')))) +
    (await differing(`SELECT * FROM person_unit`, freshPersonUnits()));
  const clearPending = () => db.transaction((em) => refreshPendingPersonFigures(em));
  const pending = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM person_figure_dirty`))[0].n;
  const personRows = async (records: string[]) =>
    t.sql(
      `SELECT f.* FROM person_figure f WHERE f.basis = '' AND f.person_id IN
         (SELECT coalesce(p.person_id, r.id) FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.id = ANY($1))
       ORDER BY f.person_id, f.org, f.commune`,
      [records],
    );

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const r = spawnSync(
      process.execPath,
      [
        path.resolve(import.meta.dirname, '../bin/lienthong.js'),
        'seed',
        '--demo',
        '--out',
        out,
        '--persons',
        '1500',
        '--seed',
        '5',
        '--load',
      ],
      { env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText }, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    await t.app.get(LinkerService).link();
  }, 240_000);

  afterAll(async () => {
    await t.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('is the records’ persons after a link run', async () => {
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM person_figure WHERE basis = ''`))[0].n).toBeGreaterThan(1000);
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM person_unit`))[0].n).toBeGreaterThan(1000);
    expect(await pending()).toBe(0);
    expect(await disagreement()).toBe(0);
  });

  const areas = ['province', 'org:HPN', 'commune:?'];
  it('plants a person in two communes of one organization (confirmed by hand), which the demo has none of', async () => {
    const [pair] = await t.sql<{ a: string; b: string }>(
      `SELECT x.id AS a, y.id AS b FROM member_record x JOIN member_record y ON y.organization_code = x.organization_code
        WHERE x.organization_code = 'HPN' AND x.status = 'ACTIVE' AND y.status = 'ACTIVE' AND x.id_number_hash IS NULL
          AND x.commune_code < y.commune_code ORDER BY x.id, y.id LIMIT 1`,
    );
    await t.app.get(ReviewDecisionsService).decide(pair.a, pair.b, ReviewDecision.CONFIRM, 'cùng một người, chuyển xã', CLI_PRINCIPAL);
    const rows = await personRows([pair.a]);
    expect(rows.filter((r) => r.org === 'HPN')).toHaveLength(2);
  });

  it('plants members the register does not cover: one without a commune, one in a commune the register lacks', async () => {
    // Persons of one membership, not suspected: the reach must not count them (the covered communes are the register's).
    const lone = await t.sql<{ id: string }>(
      `SELECT r.id FROM member_record r JOIN record_person p ON p.record_id = r.id
        WHERE r.status = 'ACTIVE' AND NOT p.ao AND r.organization_code = 'HPN'
          AND (SELECT count(*) FROM record_person q WHERE q.person_id = p.person_id) = 1 ORDER BY r.id LIMIT 2`,
    );
    const [{ code }] = await t.sql<{ code: string }>(
      `SELECT code FROM commune WHERE code NOT IN (SELECT commune_code FROM resident WHERE commune_code IS NOT NULL) ORDER BY code LIMIT 1`,
    );
    await t.sql(`UPDATE member_record SET commune_code = NULL WHERE id = $1`, [lone[0].id]);
    await t.sql(`UPDATE member_record SET commune_code = $2 WHERE id = $1`, [lone[1].id, code]);
    expect(lone).toHaveLength(2);
  });

  it.each([
    ['running', current],
    ['ended', past],
  ] as const)(
    'counts a %s period with the records’ very figures, in every area',
    async (_, period: Period) => {
      const [{ commune }] = await t.sql<{ commune: string }>(
        `SELECT commune_code AS commune FROM member_record WHERE commune_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      );
      const definitions = t.app
        .get(OrganizationsService)
        .list()
        .map((o) => o.definition);
      const when = asOf(period, new Date());
      for (const text of areas.map((a) => a.replace('?', commune))) {
        for (let round = 0; round < 2; round++) {
          const [fast, slow] = await db.transaction(async (em) => {
            const area = await resolveReportingArea(em, text);
            return [
              await countReport(em, definitions, period, when, area),
              await countReportFromRecords(em, definitions, period, when, area),
            ] as const;
          });
          const sorted = (rows: typeof fast.rows) =>
            [...rows].sort((a, b) => `${a.organizationCode}|${a.communeCode}`.localeCompare(`${b.organizationCode}|${b.communeCode}`));
          expect({ text, data: fast.data }).toEqual({ text, data: slow.data });
          expect(sorted(fast.rows)).toEqual(sorted(slow.rows));
          expect(fast.data.totals.memberships).toBeGreaterThan(0);
        }
      }
    },
    120_000,
  );

  it('counts the register and the records in the passes of the reach and the joiners: the dead counted, the erased not, no empty row', async () => {
    // Planted in a transaction rolled back: a record erased, of no membership nor movement, in a
    // commune where its organization has no other record and the register none.
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      const em = runner.manager;
      const [planted] = await em.query<{ id: string; org: string }[]>(
        `SELECT r.id, r.organization_code AS org FROM member_record r
          WHERE r.status <> 'ACTIVE' AND r.join_date < $1::date
            AND NOT EXISTS (SELECT 1 FROM membership_event e WHERE e.record_id = r.id AND e.kind = 'ENDED') ORDER BY r.id LIMIT 1`,
        [past.firstDay],
      );
      const [{ code }] = await em.query<{ code: string }[]>(
        `SELECT c.code FROM commune c WHERE c.code NOT IN (SELECT commune_code FROM resident WHERE commune_code IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM member_record m WHERE m.commune_code = c.code AND m.organization_code = $1) ORDER BY c.code LIMIT 1`,
        [planted.org],
      );
      await em.query(`UPDATE member_record SET erased_at = now(), commune_code = $2 WHERE id = $1`, [planted.id, code]);
      const [register] = await em.query<{ communes: number; residents: number; dead: number }[]>(
        `SELECT count(DISTINCT x.commune_code)::int AS communes, count(*)::int AS residents, count(*) FILTER (WHERE NOT x.alive)::int AS dead
           FROM resident x JOIN resident_batch b ON b.id = x.batch_id AND b.status = 'DONE'`,
      );
      expect(register.dead).toBeGreaterThan(0);
      const definitions = t.app
        .get(OrganizationsService)
        .list()
        .map((o) => o.definition);
      for (const period of [current, past])
        for (const text of ['province', `org:${planted.org}`, `commune:${code}`]) {
          const area = await resolveReportingArea(em, text);
          const cond = area.condition(1);
          const [own] = await em.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM member_record r WHERE r.erased_at IS NULL AND ${cond.sql}`,
            cond.params,
          );
          const { data, rows } = await countReport(em, definitions, period, asOf(period, new Date()), area);
          expect({ text, register: data.register, records: data.records }).toEqual({
            text,
            register: { communes: register.communes, residents: register.residents },
            records: own.n,
          });
          expect(rows.filter((r) => !r.memberships && !r.joiners && !r.leavers && r.eligible === null)).toEqual([]);
        }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }, 60_000);

  it('gives the planner the statistics of what it writes whole (a link run’s persons and figures, an ended period’s statuses) and vacuums the marks the run emptied', async () => {
    // ANALYZE by the application itself (not autovacuum's, counted apart): without it, a report
    // right after a command-line link planned a million rows as a few and sorted them on disk; and
    // the million marks an import left, emptied by the link run, were walked by every report after it.
    const analyzed = async () =>
      Object.fromEntries(
        (
          await t.sql<{ relname: string; n: number }>(
            `SELECT relname, (CASE relname WHEN 'person_figure_dirty' THEN vacuum_count ELSE analyze_count END)::int AS n
               FROM pg_stat_user_tables WHERE relname IN ('person_figure', 'record_person', 'period_status', 'person_figure_dirty')`,
          )
        ).map((r) => [r.relname, r.n]),
      );
    const before = await analyzed();
    await t.app.get(LinkerService).link();
    const older = previousPeriod(past);
    await db.transaction(async (em) => prepareFigures(em, older, asOf(older, new Date()), await resolveReportingArea(em, 'province')));
    const grew = (x: Record<string, number>) =>
      x.record_person - before.record_person >= 1 &&
      x.person_figure - before.person_figure >= 2 &&
      x.period_status - before.period_status >= 1 &&
      x.person_figure_dirty - before.person_figure_dirty >= 1;
    // The counters reach the view once the writing connection is idle (within a second or so).
    let after = await analyzed();
    for (let i = 0; i < 50 && !grew(after); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await analyzed();
    }
    expect({ before, after, grew: grew(after) }).toMatchObject({ grew: true });
  }, 60_000);

  it('changes at once with a decision: confirm, split, merge', async () => {
    const decisions = t.app.get(ReviewDecisionsService);
    // A pair in review if the run left one (its band is narrow), else any two ACTIVE records of two persons in two organizations.
    const [pair] = [
      ...(await t.sql<{ a: string; b: string }>(
        `SELECT l.record_a AS a, l.record_b AS b FROM record_link l JOIN member_record x ON x.id = l.record_a JOIN member_record y ON y.id = l.record_b
          WHERE l.decision = 'REVIEW' AND x.status = 'ACTIVE' AND y.status = 'ACTIVE'
          ORDER BY x.organization_code <> y.organization_code DESC, l.probability DESC LIMIT 1`,
      )),
      ...(await t.sql<{ a: string; b: string }>(
        `WITH x AS (SELECT r.id, r.organization_code AS org, p.person_id FROM member_record r JOIN record_person p ON p.record_id = r.id
                     WHERE r.status = 'ACTIVE' ORDER BY r.id LIMIT 1)
         SELECT x.id AS a, y.id AS b FROM x JOIN member_record y ON y.organization_code <> x.org AND y.status = 'ACTIVE'
           JOIN record_person q ON q.record_id = y.id AND q.person_id <> x.person_id ORDER BY y.id LIMIT 1`,
      )),
    ];
    await clearPending();
    const before = await personRows([pair.a, pair.b]);
    await decisions.decide(pair.a, pair.b, ReviewDecision.CONFIRM, 'cùng một người, đã gặp', CLI_PRINCIPAL);
    const joined = await personRows([pair.a, pair.b]);
    expect(joined).not.toEqual(before);
    expect(new Set(joined.map((r) => r.person_id)).size).toBe(1);
    expect(await pending()).toBe(0);
    expect(await disagreement()).toBe(0);

    const [{ person }] = await t.sql<{ person: string }>(`SELECT person_id AS person FROM record_person WHERE record_id = $1`, [pair.a]);
    const other = await decisions.splitPerson(person, [pair.b], 'hai người khác nhau', CLI_PRINCIPAL);
    expect(new Set((await personRows([pair.a, pair.b])).map((r) => r.person_id))).toEqual(new Set([person, other]));
    expect(await pending()).toBe(0);
    expect(await disagreement()).toBe(0);

    await decisions.mergePersons(person, other, 'đúng là một người', CLI_PRINCIPAL);
    expect(new Set((await personRows([pair.a, pair.b])).map((r) => r.person_id))).toEqual(new Set([person]));
    expect(await pending()).toBe(0);
    expect(await disagreement()).toBe(0);
  }, 60_000);

  it('gives the dashboard over GraphQL, to an auditor too: the records’ figures of the running period', async () => {
    const auditor = await t.serviceToken(Role.AUDITOR);
    const definitions = t.app
      .get(OrganizationsService)
      .list()
      .map((o) => o.definition);
    for (const scope of ['province', 'org:HPN', 'unit:HPN/?']) {
      const [{ unit }] = await t.sql<{ unit: string }>(
        `SELECT u.code AS unit FROM member_record r JOIN unit u ON u.id = r.unit_id WHERE r.organization_code = 'HPN' AND r.status = 'ACTIVE'
          GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      );
      const text = scope.replace('?', unit);
      const r = await t.gql<{ liveFigures: Record<string, unknown> }>(
        `query($s: String) { liveFigures(scope: $s) { scope asOf memberships people peopleNotSuspected suspectedPhantoms confirmedPhantoms
           peopleByOrgCount { one two three fourOrMore threeOrMore } phantomsByReason { reason records } } }`,
        { s: text },
        { token: auditor },
      );
      expect(r.errors).toBeUndefined();
      const slow = await db.transaction(async (em) =>
        countReportFromRecords(em, definitions, current, asOf(current, new Date()), await resolveReportingArea(em, text)),
      );
      const live = r.data!.liveFigures;
      expect(live).toMatchObject({
        scope: text,
        memberships: slow.data.totals.memberships,
        people: slow.data.totals.people,
        suspectedPhantoms: slow.data.totals.suspectedPhantoms,
        peopleByOrgCount: slow.data.peopleByOrgCount,
      });
      expect(
        Object.fromEntries((live.phantomsByReason as { reason: string; records: number }[]).map((x) => [x.reason, x.records])),
      ).toEqual(slow.data.phantomsByReason);
      expect(live.peopleNotSuspected).toBeLessThanOrEqual(live.people as number);
    }
  });

  /** A unit's subtree counted from its records, independently: memberships and persons (a record no run linked is its own). */
  const unitFromRecords = (path: string) =>
    t.sql<{ memberships: number; persons: number }>(
      `SELECT count(*)::int AS memberships, count(DISTINCT coalesce(p.person_id, r.id))::int AS persons
         FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
        WHERE r.status = 'ACTIVE' AND r.unit_id IN (SELECT id FROM unit WHERE path LIKE $1 || '%')`,
      [path],
    );

  it('counts a unit with its subtree from the persons by unit, and follows a member moved to another chi hội of the commune at once', async () => {
    const views = t.app.get(PersonViewsService);
    const counted = async (scope: string) => {
      const o = await views.overlap(scope);
      return { memberships: o.memberships, persons: o.persons };
    };
    // A cơ sở with two chi hội, and a member of the one moved to the other (the commune unchanged: only the unit moves).
    const [move] = await t.sql<{ parent: string; path: string; org: string; to: string; toPath: string; id: string }>(
      `SELECT p.code AS parent, p.path, p.organization_code AS org, b.code AS to, b.path AS "toPath", r.id
         FROM unit p JOIN unit a ON a.parent_id = p.id JOIN unit b ON b.parent_id = p.id AND b.id <> a.id
         JOIN member_record r ON r.unit_id = a.id AND r.status = 'ACTIVE' AND r.commune_code = coalesce(b.commune_code, r.commune_code)
        ORDER BY p.code, a.code, b.code, r.id LIMIT 1`,
    );
    const parent = `unit:${move.org}/${move.parent}`;
    const target = `unit:${move.org}/${move.to}`;
    const [whole] = await unitFromRecords(move.path);
    const [before] = await unitFromRecords(move.toPath);
    expect(whole.persons).toBeGreaterThan(before.persons);
    expect(await counted(parent)).toEqual(whole);
    expect(await counted(target)).toEqual(before);
    await t.app.get(RecordTransfersService).transfer({ id: move.id, unit: move.to, reason: 'chuyển chi hội' }, CLI_PRINCIPAL);
    expect(await pending()).toBeGreaterThan(0);
    const [after] = await unitFromRecords(move.toPath);
    expect(after.memberships).toBe(before.memberships + 1);
    expect(await counted(target)).toEqual(after);
    expect(await counted(parent)).toEqual(whole);
    expect(await disagreement()).toBe(0);
    const live = await liveFigures(db, target);
    expect({ memberships: live.memberships, people: live.people }).toEqual({ memberships: after.memberships, people: after.persons });
    // Its people by their number of organizations anywhere, in the overlap as on the dashboard; the matrix says where else they are.
    const o = await views.overlap(parent);
    const split = (await liveFigures(db, parent)).peopleByOrgCount;
    const inSeveral = (n: number) => o.byOrganizationCount.filter((x) => x.organizations === n).reduce((s, x) => s + x.persons, 0);
    expect([inSeveral(1), inSeveral(2), inSeveral(3) + inSeveral(4) + inSeveral(5) + inSeveral(6)]).toEqual([
      split.one,
      split.two,
      split.threeOrMore,
    ]);
    expect(o.matrix.filter((m) => m.a !== m.b).reduce((s, m) => s + m.persons, 0)).toBeGreaterThan(0);
  });

  it('is marked by an edit elsewhere and up to date once read', async () => {
    const [rec] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE status = 'ACTIVE' ORDER BY id LIMIT 1`);
    const live = await liveFigures(db, 'province');
    await t.app
      .get(MemberRecordsService)
      .end({ id: rec.id, status: MemberStatus.LEFT, date: todayInVietnam(), reason: 'Chuyển đi' }, CLI_PRINCIPAL);
    expect(await pending()).toBeGreaterThan(0);
    expect(await disagreement()).toBeGreaterThan(0);
    const after = await liveFigures(db, 'province');
    expect(await disagreement()).toBe(0);
    expect(after.memberships).toBe(live.memberships - 1);
    expect(after.asOf.getTime()).toBeGreaterThan(live.asOf.getTime());
  });
});
