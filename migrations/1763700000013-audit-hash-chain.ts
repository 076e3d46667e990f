import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hash chain over the audit log, kept by the database itself.
 *
 * `audit_chain` holds one link per audit line, in commit order: `hash = sha256(prev_hash ||
 * canonical line)`, the first `prev_hash` empty. The canonical line is the row as JSON with its
 * NULL fields left out and times in UTC (a column added later as nullable leaves old lines as
 * they were). A deferred trigger adds the link when the writing transaction commits, serialized by
 * an advisory lock held only for that commit; it runs as the owner (SECURITY DEFINER): the
 * application's role may only read `audit_chain` (app-role.ts).
 *
 * `SELECT * FROM audit_chain_problems()` checks the whole chain: no row means intact; else one row
 * per problem (a line changed, deleted or written around the trigger, a link missing or broken),
 * even when made by the superuser. Lines removed from the end together with their links are not
 * detectable from the database alone: keep the latest hash elsewhere (README).
 */
export class AuditHashChain1763700000013 implements MigrationInterface {
  name = 'AuditHashChain1763700000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_chain" ("seq" bigint NOT NULL, "event_id" bigint NOT NULL, "prev_hash" bytea NOT NULL, "hash" bytea NOT NULL,
        "chained_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_audit_chain" PRIMARY KEY ("seq"), CONSTRAINT "uq_audit_chain_event" UNIQUE ("event_id"))`,
    );
    await q.query(`CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_chain_no_update_delete BEFORE UPDATE OR DELETE ON "audit_chain" FOR EACH ROW EXECUTE FUNCTION append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON "audit_chain" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`,
    );

    await q.query(`CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS bytea
      LANGUAGE sql STABLE SET timezone TO 'UTC' SET search_path TO pg_catalog, public AS $$
        SELECT convert_to(COALESCE((SELECT jsonb_object_agg(k, v) FROM jsonb_each(to_jsonb(e)) AS f(k, v) WHERE v <> 'null'::jsonb), '{}')::text, 'UTF8')
      $$`);

    // The lines already written, in id order.
    await q.query(`DO $$
      DECLARE e audit_event; prev bytea := '\\x'; n bigint := 0; h bytea;
      BEGIN
        FOR e IN SELECT * FROM audit_event ORDER BY id LOOP
          n := n + 1;
          h := sha256(prev || audit_event_canonical(e));
          INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES (n, e.id, prev, h);
          prev := h;
        END LOOP;
      END $$`);

    await q.query(`CREATE FUNCTION audit_chain_append() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path TO pg_catalog, public AS $$
      DECLARE last_seq bigint; last_hash bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('lienthong:audit-chain'));
        SELECT seq, hash INTO last_seq, last_hash FROM audit_chain ORDER BY seq DESC LIMIT 1;
        last_hash := COALESCE(last_hash, '\\x'::bytea);
        INSERT INTO audit_chain (seq, event_id, prev_hash, hash)
          VALUES (COALESCE(last_seq, 0) + 1, NEW.id, last_hash, sha256(last_hash || audit_event_canonical(NEW)));
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_chain_append() FROM PUBLIC`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER audit_event_chain AFTER INSERT ON "audit_event" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_append()`,
    );

    await q.query(`CREATE FUNCTION audit_chain_problems()
      RETURNS TABLE (seq bigint, event_id bigint, problem text, message text)
      LANGUAGE sql STABLE SET search_path TO pg_catalog, public AS $$
        WITH c AS (
          SELECT ch.*, row_number() OVER (ORDER BY ch.seq) AS n, lag(ch.hash, 1, '\\x'::bytea) OVER (ORDER BY ch.seq) AS before
            FROM audit_chain ch
        ), checked AS (
          SELECT c.seq, c.event_id,
                 CASE WHEN c.seq <> c.n THEN 'GAP'
                      WHEN c.prev_hash <> c.before THEN 'BROKEN_LINK'
                      WHEN e.id IS NULL THEN 'DELETED'
                      WHEN sha256(c.prev_hash || audit_event_canonical(e)) <> c.hash THEN 'CHANGED' END AS problem
            FROM c LEFT JOIN audit_event e ON e.id = c.event_id
        )
        SELECT seq, event_id, problem,
               CASE problem WHEN 'GAP' THEN 'thiếu mắt xích trước mắt xích này'
                            WHEN 'BROKEN_LINK' THEN 'mắt xích không nối với mắt xích trước'
                            WHEN 'DELETED' THEN 'dòng nhật ký đã bị xóa'
                            ELSE 'dòng nhật ký đã bị sửa' END
          FROM checked WHERE problem IS NOT NULL
        UNION ALL
        SELECT NULL, a.id, 'UNCHAINED', 'dòng nhật ký được ghi vòng qua chuỗi (không có mắt xích)'
          FROM audit_event a WHERE NOT EXISTS (SELECT 1 FROM audit_chain ch WHERE ch.event_id = a.id)
        ORDER BY 1 NULLS LAST, 2
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain_problems()`);
    await q.query(`DROP TRIGGER audit_event_chain ON "audit_event"`);
    await q.query(`DROP FUNCTION audit_chain_append()`);
    await q.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
    await q.query(`DROP TABLE "audit_chain"`);
    await q.query(`DROP FUNCTION append_only()`);
  }
}
