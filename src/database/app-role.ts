/**
 * What the application's own database role may do (README "Security": the database role).
 *
 * Migrations run as the owner of the schema (the embedded cluster's superuser, or
 * DATABASE_OWNER_URL); the server and the CLI connect as a role that owns nothing. After every
 * migration run the owner grants that role exactly what this file says, on every table of the
 * schema, so a table added by a later migration cannot be forgotten:
 * - SELECT, INSERT, UPDATE, DELETE on every table;
 * - only SELECT and INSERT on the append-only tables (the audit log): the role cannot change,
 *   remove or truncate a line, nor alter the table or its triggers (it owns nothing);
 * - TRUNCATE only on the tables the linker rebuilds in one go;
 * - MAINTAIN (PostgreSQL 17+: ANALYZE, VACUUM) only on the tables the application writes wholesale
 *   and analyzes at once, for the planner (the persons, the person-level figures, a period's statuses,
 *   the member records after an import made their statistics stale),
 *   and on the figures' marks, which the link run empties and vacuums (their dead rows slowed the next reader);
 * - SELECT only on the migrations table and on the audit log's hash chain;
 * - USAGE and SELECT on sequences (never UPDATE, so no `setval`).
 */

/** The LOGIN role the embedded cluster creates for the server and the CLI. */
export const APP_ROLE = 'lienthong_app';

/** Tables the application may only add to and read. */
export const APPEND_ONLY_TABLES: readonly string[] = ['audit_event'];

/** Tables the linker empties with TRUNCATE before it stores a new run. */
export const TRUNCATED_BY_APP: readonly string[] = ['record_link', 'record_person', 'record_flag'];

/**
 * Tables the application writes wholesale and then analyzes itself (else, with no autovacuum pass in
 * between, the planner guesses) — or, the figures' marks, empties and vacuums.
 */
export const ANALYZED_BY_APP: readonly string[] = [
  'member_record',
  'person_figure',
  'person_figure_dirty',
  'person_unit',
  'period_status',
  'record_person',
];

/** Tables the application reads but never writes (the audit chain is written by its trigger, as the owner). */
export const READ_ONLY_TABLES: readonly string[] = ['migrations', 'audit_chain'];

/** The privileges the application's role gets on one relation. */
export function privilegesFor(table: string, sequence = false): string[] {
  if (sequence) return ['SELECT', 'USAGE'];
  if (APPEND_ONLY_TABLES.includes(table)) return ['INSERT', 'SELECT'];
  if (READ_ONLY_TABLES.includes(table)) return ['SELECT'];
  const writes = TRUNCATED_BY_APP.includes(table)
    ? ['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']
    : ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
  return ANALYZED_BY_APP.includes(table) ? [...writes, 'MAINTAIN'].sort() : writes;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A table or sequence of `public` and what the role (and PUBLIC) hold on it now. */
export interface RelationAcl {
  name: string;
  sequence: boolean;
  /** The role's privileges, sorted. */
  granted: string[];
  publicHasAny: boolean;
}

/** The statements that give `role` exactly its privileges; none for a relation already right. */
export function grantStatements(role: string, relations: readonly RelationAcl[]): string[] {
  const r = quoteIdent(role);
  const out: string[] = [];
  for (const rel of relations) {
    const want = privilegesFor(rel.name, rel.sequence);
    if (!rel.publicHasAny && want.join() === [...rel.granted].sort().join()) continue;
    const what = `${rel.sequence ? 'SEQUENCE' : 'TABLE'} public.${quoteIdent(rel.name)}`;
    out.push(`REVOKE ALL ON ${what} FROM PUBLIC, ${r}`, `GRANT ${want.join(', ')} ON ${what} TO ${r}`);
  }
  return out;
}

/** Runs SQL and answers its rows (a TypeORM EntityManager, QueryRunner or DataSource). */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Run by the owner after migrations, in one transaction (serialized: processes starting together
 * do not race on the catalog). Refuses when `role` is the owner itself (revoking would take the
 * owner's own rights) or does not exist.
 */
export async function grantAppRole(q: Sql, role: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('lienthong:app-role-grants'))`);
  const [me] = (await q.query(
    `SELECT current_user AS me, r.oid, r.oid IS NOT NULL AND has_schema_privilege(r.oid, 'public', 'USAGE') AS usage
       FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = $1`,
    [role],
  )) as { me: string; oid: number | null; usage: boolean }[];
  if (me.oid === null) throw new Error(`the database role '${role}' does not exist: create it first (README "Vai trò cơ sở dữ liệu")`);
  if (me.me === role) throw new Error(`the database role '${role}' runs the migrations: it cannot also be the application's role`);
  const relations = (await q.query(
    `SELECT c.relname AS name, c.relkind = 'S' AS sequence,
            COALESCE(ARRAY(SELECT a.privilege_type FROM aclexplode(c.relacl) a WHERE a.grantee = $1 ORDER BY 1), '{}') AS granted,
            EXISTS (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantee = 0) AS "publicHasAny"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY c.relname`,
    [me.oid],
  )) as RelationAcl[];
  if (!me.usage) await q.query(`GRANT USAGE ON SCHEMA public TO ${quoteIdent(role)}`);
  for (const s of grantStatements(role, relations)) await q.query(s);
}

/** What a connection's role could do to the audit log beyond adding to it and reading it. */
export interface RoleRights {
  role: string;
  superuser: boolean;
  ownsAuditLog: boolean;
  canRewriteAuditLog: boolean;
}

export async function roleRights(q: Sql): Promise<RoleRights> {
  const [r] = (await q.query(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            pg_has_role(current_user, c.relowner, 'USAGE') AS owns,
            has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE') AS rewrite
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = 'public.audit_event'::regclass`,
  )) as { role: string; superuser: boolean; owns: boolean; rewrite: boolean }[];
  return { role: r.role, superuser: r.superuser, ownsAuditLog: r.owns, canRewriteAuditLog: r.superuser || r.owns || r.rewrite };
}

/** Why the application's role must not be used as it is: one line, Vietnamese then English. */
export function rewriteProblem(r: RoleRights): string {
  const what = r.superuser ? 'là superuser' : r.ownsAuditLog ? 'sở hữu bảng nhật ký' : 'có quyền sửa/xóa nhật ký';
  const whatEn = r.superuser ? 'is a superuser' : r.ownsAuditLog ? 'owns the audit table' : 'may update or delete the audit log';
  return (
    `vai trò cơ sở dữ liệu '${r.role}' của ứng dụng ${what}, nên có thể sửa hoặc xóa nhật ký truy cập; ` +
    `hãy đặt DATABASE_URL là một vai trò riêng không sở hữu bảng nào và DATABASE_OWNER_URL là vai trò sở hữu (README "Vai trò cơ sở dữ liệu") / ` +
    `the application's database role '${r.role}' ${whatEn}, so it could rewrite the audit log: ` +
    `set DATABASE_URL to a role that owns nothing and DATABASE_OWNER_URL to the owner`
  );
}
