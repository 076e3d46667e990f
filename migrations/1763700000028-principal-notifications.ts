import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The server caches who a bearer token is (src/accounts/principal-cache.ts). Whatever changes that
 * answer — a token revoked, expired by hand or deleted; a user disabled or given another role,
 * organization or unit; a unit moved or renamed — notifies `lienthong_principals` when its
 * transaction commits, from any process (the CLI, psql), and every server clears its cache. One
 * notification a statement, and only for the columns a principal is made of (a log-in's
 * `last_login_at` does not clear the cache).
 */
export class PrincipalNotifications1763700000028 implements MigrationInterface {
  name = 'PrincipalNotifications1763700000028';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "notify_principals"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('lienthong_principals', TG_TABLE_NAME); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER "access_token_principals" AFTER UPDATE OF "revoked_at", "expires_at", "user_id", "role",
      "organization_code", "unit_id", "name" OR DELETE ON "access_token" FOR EACH STATEMENT EXECUTE FUNCTION "notify_principals"()`);
    await q.query(`CREATE TRIGGER "app_user_principals" AFTER UPDATE OF "disabled_at", "role", "organization_code", "unit_id", "username"
      OR DELETE ON "app_user" FOR EACH STATEMENT EXECUTE FUNCTION "notify_principals"()`);
    await q.query(`CREATE TRIGGER "unit_principals" AFTER UPDATE OF "path", "code" OR DELETE ON "unit"
      FOR EACH STATEMENT EXECUTE FUNCTION "notify_principals"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "unit_principals" ON "unit"`);
    await q.query(`DROP TRIGGER "app_user_principals" ON "app_user"`);
    await q.query(`DROP TRIGGER "access_token_principals" ON "access_token"`);
    await q.query(`DROP FUNCTION "notify_principals"()`);
  }
}
