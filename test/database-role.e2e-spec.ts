import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { APP_ROLE, privilegesFor } from '../src/database/app-role.js';
import { runMigrations } from '../src/database/data-source.js';
import { openDatabase } from '../src/database/open-database.js';
import { appUrlOf, createTestApp, createTestDatabase, type TestApp } from './test-app.js';

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'];

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** What each table of `public` grants the application's role, as the owner sees it. */
async function grantsOf(ownerUrl: string): Promise<Record<string, string[]>> {
  return withClient(ownerUrl, async (c) => {
    const { rows } = await c.query<{ table: string; privileges: string[] }>(
      `SELECT c.relname AS table,
              ARRAY(SELECT p FROM unnest($2::text[]) p WHERE has_table_privilege($1, c.oid, p) ORDER BY p) AS privileges
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
      [APP_ROLE, PRIVILEGES],
    );
    return Object.fromEntries(rows.map((r) => [r.table, r.privileges]));
  });
}

/** The application's own database role: it adds to the audit log and reads it, nothing more. */
describe('the database role of the application', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('on the application’s own connection, UPDATE, DELETE, TRUNCATE, ALTER TABLE, DISABLE TRIGGER and session_replication_role all fail on the audit log', async () => {
    const ds = t.app.get(DataSource);
    const [{ role }] = await ds.query<{ role: string }[]>(`SELECT current_user AS role`);
    expect(role).toBe(APP_ROLE);
    const before = await t.sql<{ id: string; action: string }>(`SELECT id, action, actor_name FROM audit_event ORDER BY id`);
    expect(before.length).toBeGreaterThan(0); // the log-in of the test's administrator

    const refused: [string, RegExp][] = [
      [`UPDATE audit_event SET actor_name = 'ai đó'`, /permission denied for table audit_event/],
      [`DELETE FROM audit_event`, /permission denied for table audit_event/],
      [`TRUNCATE audit_event`, /permission denied for table audit_event/],
      [`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`, /must be owner of table audit_event/],
      [`ALTER TABLE audit_event DISABLE TRIGGER ALL`, /must be owner of table audit_event/],
      [`ALTER TABLE audit_event ADD COLUMN note text`, /must be owner of table audit_event/],
      [`ALTER TABLE audit_event OWNER TO ${APP_ROLE}`, /must be owner of table audit_event/],
      [`DROP TABLE audit_event`, /must be owner of table audit_event/],
      [`SET session_replication_role = replica`, /permission denied to set parameter "session_replication_role"/],
      [`SET ROLE postgres`, /permission denied to set role "postgres"/],
      [`CREATE TABLE audit_copy (id int)`, /permission denied for schema public/],
    ];
    for (const [statement, error] of refused) await expect(ds.query(statement)).rejects.toThrow(error);
    // Even inside a transaction that tried to turn replication mode on first.
    await expect(
      ds.transaction(async (em) => {
        await em.query(`SET LOCAL session_replication_role = replica`);
        await em.query(`DELETE FROM audit_event`);
      }),
    ).rejects.toThrow(/permission denied/);

    // Adding and reading still work: that is the log's whole use.
    await ds.query(`INSERT INTO audit_event (actor_kind, actor_name, action) VALUES ('CLI', 'kiem-thu', 'EXPORT')`);
    expect(await ds.query(`SELECT count(*)::int AS n FROM audit_event`)).toEqual([{ n: before.length + 1 }]);
    expect((await t.sql(`SELECT id, action, actor_name FROM audit_event ORDER BY id`)).slice(0, before.length)).toEqual(before);
  });

  it('is a LOGIN role that is no superuser, creates no database or role and owns nothing', async () => {
    const [r] = await t.sql<Record<string, boolean | number>>(
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(r).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
      owned: 0,
    });
  });

  it('has on every table exactly the privileges app-role.ts gives; a table added later gets them at the next migration run', async () => {
    const grants = await grantsOf(t.ownerDatabaseUrl);
    expect(Object.keys(grants).length).toBeGreaterThan(20);
    for (const [table, privileges] of Object.entries(grants))
      expect({ table, privileges }).toEqual({ table, privileges: privilegesFor(table) });
    expect(grants.audit_event).toEqual(['INSERT', 'SELECT']);
    expect(grants.member_record).toEqual(['DELETE', 'INSERT', 'MAINTAIN', 'SELECT', 'UPDATE']);
    expect(grants.unit).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(grants.record_link).toEqual(['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']);
    expect(grants.audit_chain).toEqual(['SELECT']);

    const owner = await createTestDatabase();
    await withClient(owner, (c) => c.query(`CREATE TABLE later_table (id int GENERATED ALWAYS AS IDENTITY, note text)`));
    const insert = (url: string) => withClient(url, (c) => c.query(`INSERT INTO later_table (note) VALUES ('x')`));
    await expect(insert(appUrlOf(owner))).rejects.toThrow(/permission denied for table later_table/);
    expect(await runMigrations(owner, null, APP_ROLE)).toEqual([]);
    await insert(appUrlOf(owner));
    expect((await grantsOf(owner)).later_table).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
  });

  it('chains every audit line at commit; the chain finds a line the superuser changed, deleted or wrote around it', async () => {
    const ds = t.app.get(DataSource);
    // Lines written by concurrent transactions of the application still make one chain.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ds.transaction(async (em) => {
          await em.query(`INSERT INTO audit_event (actor_kind, actor_name, action, detail) VALUES ('CLI', 'kiem-thu', 'EXPORT', $1)`, [
            { rows: i },
          ]);
          await em.query(`INSERT INTO audit_event (actor_kind, actor_name, action) VALUES ('CLI', 'kiem-thu', 'IMPORT')`);
        }),
      ),
    );
    const problems = () => t.sql(`SELECT * FROM audit_chain_problems()`);
    expect(await problems()).toEqual([]);
    const [counts] = await t.sql(
      `SELECT (SELECT count(*)::int FROM audit_event) AS events, (SELECT count(*)::int FROM audit_chain) AS links`,
    );
    expect(counts.links).toBe(counts.events);
    expect(counts.events).toBeGreaterThan(24);
    // The application's role can read the chain, not write it.
    expect(await ds.query(`SELECT count(*)::int AS n FROM audit_chain_problems()`)).toEqual([{ n: 0 }]);
    await expect(ds.query(`DELETE FROM audit_chain`)).rejects.toThrow(/permission denied for table audit_chain/);
    await expect(ds.query(`INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES (0, 0, '', '')`)).rejects.toThrow(
      /permission denied for table audit_chain/,
    );

    // The superuser goes around the append-only triggers: the chain still tells.
    const ids = (await t.sql<{ id: string }>(`SELECT id FROM audit_event ORDER BY id`)).map((r) => r.id);
    await withClient(t.ownerDatabaseUrl, async (c) => {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE audit_event SET actor_name = 'người khác' WHERE id = $1`, [ids[1]]);
      await c.query(`DELETE FROM audit_event WHERE id = $1`, [ids[3]]);
      await c.query(`INSERT INTO audit_event (actor_kind, actor_name, action) VALUES ('CLI', 'lén lút', 'EXPORT')`);
    });
    const found = await problems();
    expect(found.map((p) => [p.event_id, p.problem, p.message])).toEqual([
      [ids[1], 'CHANGED', 'dòng nhật ký đã bị sửa'],
      [ids[3], 'DELETED', 'dòng nhật ký đã bị xóa'],
      [expect.any(String), 'UNCHAINED', 'dòng nhật ký được ghi vòng qua chuỗi (không có mắt xích)'],
    ]);
  });

  describe('with an external DATABASE_URL', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-role-'));
    const messages: string[] = [];
    const log = (m: string) => messages.push(m);
    const config = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, LIENTHONG_KEY: t.keyText, ...env });
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('refuses a role that could rewrite the audit log, in Vietnamese and English, unless DATABASE_ALLOW_OWNER=yes', async () => {
      const owner = t.ownerDatabaseUrl;
      await expect(openDatabase(config({ DATABASE_URL: owner }), log)).rejects.toThrow(
        /vai trò cơ sở dữ liệu 'postgres' của ứng dụng là superuser, nên có thể sửa hoặc xóa nhật ký truy cập.*DATABASE_OWNER_URL.*could rewrite the audit log/,
      );
      const allowed = await openDatabase(config({ DATABASE_URL: owner, DATABASE_ALLOW_OWNER: 'yes' }), log);
      await allowed.release();
      expect(messages.join('\n')).toMatch(/CẢNH BÁO \/ WARNING: vai trò cơ sở dữ liệu 'postgres' của ứng dụng là superuser/);
    });

    it('migrates as DATABASE_OWNER_URL and grants DATABASE_URL’s role; the role alone is accepted too', async () => {
      messages.length = 0;
      const owner = await createTestDatabase();
      const app = appUrlOf(owner);
      await withClient(owner, (c) => c.query(`CREATE TABLE later_table (id int)`));
      const db = await openDatabase(config({ DATABASE_URL: app, DATABASE_OWNER_URL: owner }), log);
      expect(db.url).toBe(app);
      await db.release();
      expect((await grantsOf(owner)).later_table).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
      const alone = await openDatabase(config({ DATABASE_URL: app }), log);
      await alone.release();
      expect(messages.join('\n')).not.toContain('WARNING');
    });

    it('says that DATABASE_OWNER_URL is needed when the role alone cannot apply the migrations', async () => {
      const owner = await createTestDatabase();
      const empty = `e_${randomBytes(5).toString('hex')}`;
      await withClient(owner, (c) => c.query(`CREATE DATABASE ${empty}`));
      const u = new URL(appUrlOf(owner));
      u.pathname = `/${empty}`;
      await expect(openDatabase(config({ DATABASE_URL: u.toString() }), log)).rejects.toThrow(
        /vai trò của DATABASE_URL không được phép áp dụng bản nâng cấp cơ sở dữ liệu \(permission denied for schema public\): hãy đặt DATABASE_OWNER_URL/,
      );
    });

    it('does not let DATABASE_OWNER_URL come without DATABASE_URL', () => {
      expect(() => loadConfig({ DATABASE_OWNER_URL: `postgres://x@h/${randomBytes(2).toString('hex')}` })).toThrow(
        /đã đặt DATABASE_OWNER_URL mà chưa đặt DATABASE_URL/,
      );
    });
  });
});
