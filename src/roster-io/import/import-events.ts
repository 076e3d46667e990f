import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../../common/sql/bulk-sql.js';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { MembershipEventKind } from '../../membership/member-record/membership-event.entity.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/member-status.js';
import type { ImportContext } from './import-context.js';

/** A record an import created, as its INSERT returns it. */
export interface InsertedRecord {
  id: string;
  unit_id: string | null;
  status: string;
  join_date: string | null;
}

/** A record an import changes: the record as it was, and the columns the row sets. */
export interface RecordUpdate {
  before: MemberRecord;
  after: Record<string, unknown>;
}

/** The history of the records an import created: one ADMITTED event each. */
export async function admittedEvents(em: EntityManager, inserted: InsertedRecord[], ctx: ImportContext): Promise<void> {
  await bulkInsert(
    em,
    'membership_event',
    [
      ['record_id', 'uuid'],
      ['kind', 'varchar'],
      ['effective_date', 'date'],
      ['to_status', 'varchar'],
      ['to_unit_id', 'uuid'],
      ['reason', 'text'],
    ],
    inserted.map((r) => [r.id, MembershipEventKind.ADMITTED, r.join_date, r.status, r.unit_id, `Nhập tệp ${ctx.fileName}`]),
  );
}

/** The history of the records an import changed: a status change (ENDED when the status ends the membership), a transfer. */
export async function changeEvents(em: EntityManager, updates: RecordUpdate[], ctx: ImportContext): Promise<void> {
  const events: unknown[][] = [];
  for (const { before, after } of updates) {
    const status = (after.status as MemberStatus | undefined) ?? before.status;
    if (status !== before.status)
      events.push([
        before.id,
        MEMBER_STATUS_INFO[status].ends ? MembershipEventKind.ENDED : MembershipEventKind.STATUS_CHANGED,
        ctx.today,
        before.status,
        status,
        null,
        null,
        `Nhập tệp ${ctx.fileName}`,
      ]);
    if (after.unitId !== undefined && after.unitId !== before.unitId)
      events.push([
        before.id,
        MembershipEventKind.TRANSFERRED,
        ctx.today,
        status,
        status,
        before.unitId,
        after.unitId,
        `Nhập tệp ${ctx.fileName}`,
      ]);
  }
  if (events.length)
    await bulkInsert(
      em,
      'membership_event',
      [
        ['record_id', 'uuid'],
        ['kind', 'varchar'],
        ['effective_date', 'date'],
        ['from_status', 'varchar'],
        ['to_status', 'varchar'],
        ['from_unit_id', 'uuid'],
        ['to_unit_id', 'uuid'],
        ['reason', 'text'],
      ],
      events,
    );
}
