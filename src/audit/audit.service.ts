import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../access/principal.js';
import type { RecordScope } from '../access/record-scope.js';
import { AuditAction, AuditEvent, AuditNote, type AuditDetail } from './audit-event.entity.js';
import { AuditBatcher } from './audit-batch.js';
import { personCodesOf, reportNamesOf, recordCodesOf, subjectIdsOf } from './audit-subjects.js';

export interface AuditEntry {
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  organization?: string | null;
  /** Free text (a reason, a decision note): kept in `audit_note`, which an erasure can delete. */
  reason?: string | null;
  /** Ids and figures only: never names, ID numbers, phones or free text. */
  detail?: AuditDetail;
}

/**
 * Writes the append-only audit log (in the caller's transaction when given) and reads it for ADMIN.
 * A line holds ids and figures; its free text goes to `audit_note`, the line points to it. A line
 * outside any transaction and without free text — a read's — goes through a group commit
 * (audit-batch.ts): the caller still waits until it is written.
 */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly batcher: AuditBatcher;

  constructor(private readonly db: DataSource) {
    this.batcher = new AuditBatcher((sql, params) => db.query(sql, params));
  }

  /** Lines still queued are written before the connection closes (a graceful stop loses none). */
  async onModuleDestroy(): Promise<void> {
    await this.batcher.flush();
  }

  async record(
    actor: Pick<Principal, 'kind' | 'id' | 'name'> & { role: Principal['role'] | null; clientIp?: string | null },
    entry: AuditEntry,
    em?: EntityManager,
  ) {
    const manager = em ?? this.db.manager;
    const repo = manager.getRepository(AuditEvent);
    const text = entry.reason?.trim() || null;
    if (!em && !text) return this.batched(actor, entry);
    const note = text ? manager.getRepository(AuditNote).create({ text }) : null;
    if (note) await manager.getRepository(AuditNote).insert(note);
    const row = repo.create({
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name.slice(0, 80),
      actorRole: actor.role,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      organizationCode: entry.organization ?? null,
      reason: null,
      noteId: note?.id ?? null,
      detail: entry.detail ?? {},
      clientIp: actor.clientIp ?? null,
    });
    await repo.insert(row);
    return row;
  }

  private async batched(actor: Parameters<AuditService['record']>[0], entry: AuditEntry): Promise<AuditEvent> {
    const line = {
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name.slice(0, 80),
      actor_role: actor.role,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      organization_code: entry.organization ?? null,
      detail: entry.detail ?? {},
      client_ip: actor.clientIp ?? null,
    };
    await this.batcher.add(line);
    return Object.assign(new AuditEvent(), {
      actorKind: line.actor_kind,
      actorId: line.actor_id,
      actorName: line.actor_name,
      actorRole: line.actor_role,
      action: entry.action,
      subjectType: line.subject_type,
      subjectId: line.subject_id,
      organizationCode: line.organization_code,
      reason: null,
      noteId: null,
      detail: line.detail,
      clientIp: line.client_ip,
    });
  }

  /**
   * A page of the log, newest first. `subject` is what she typed: a raw id, a username or a Mã hồ
   * sơ (`subjectIdsOf`, records within `scope`); `codes` gives the Mã hồ sơ of the page's records.
   */
  async list(
    f: {
      first: number;
      before?: string | null;
      action?: AuditAction | null;
      actorName?: string | null;
      subject?: string | null;
      from?: Date | null;
      to?: Date | null;
    },
    scope: RecordScope,
  ): Promise<{ rows: AuditEvent[]; hasNextPage: boolean; codes: Map<string, string> }> {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('e');
    if (f.before) qb.andWhere('e.id < :before', { before: f.before });
    if (f.action) qb.andWhere('e.action = :action', { action: f.action });
    if (f.actorName) qb.andWhere('e.actor_name = :actor', { actor: f.actorName });
    if (f.subject?.trim()) qb.andWhere('e.subject_id IN (:...subjects)', { subjects: await subjectIdsOf(this.db, f.subject, scope) });
    if (f.from) qb.andWhere('e.at >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.at < :to', { to: f.to });
    const rows = await qb
      .orderBy('e.id', 'DESC')
      .take(f.first + 1)
      .getMany();
    const page = rows.slice(0, f.first);
    const noteIds = page.map((e) => e.noteId).filter((id) => id !== null);
    const notes = new Map(
      noteIds.length ? (await this.db.getRepository(AuditNote).findBy({ id: In(noteIds) })).map((n) => [n.id, n.text]) : [],
    );
    // A line's reason: its note (null once erased), or the text written in lines older than audit_note.
    for (const e of page) if (e.noteId !== null) e.reason = notes.get(e.noteId) ?? null;
    const ofType = (type: string) => page.filter((e) => e.subjectType === type && e.subjectId).map((e) => e.subjectId!);
    // A pair's line names its two records (the second in its detail): read by both codes, not an id.
    const pairs = page.filter((e) => e.subjectType === 'RECORD_PAIR').map((e) => (e.detail as { recordB?: unknown } | null)?.recordB);
    const codes = new Map([
      ...(await recordCodesOf(this.db, [
        ...ofType('MEMBER_RECORD'),
        ...ofType('RECORD_PAIR'),
        ...pairs.filter((b) => typeof b === 'string'),
      ])),
      ...(await personCodesOf(this.db, ofType('PERSON'))),
      ...(await reportNamesOf(this.db, ofType('REPORT'))),
    ]);
    return { rows: page, hasNextPage: rows.length > f.first, codes };
  }
}
