import { MEMBER_STATUS_INFO, type MemberStatus } from '../status/member-status.js';
import type { SqlColumn } from '../../common/sql/bulk-sql.js';
import { MembershipEventKind, type MembershipEvent } from './membership-event.entity.js';

/**
 * The one rule for which history events a change of a membership makes — for the form (create,
 * update, transfer, end) and for the import. Pure: the state before (none: a new record) and
 * after in, the events out, in the order they are stored.
 */

/** What the history follows of a record. */
export interface MembershipState {
  status: MemberStatus;
  unitId: string | null;
  joinDate?: string | null;
}

/** The state after a change: `undefined` leaves status or unit as they were. */
export type MembershipChange = Partial<MembershipState>;

/** When the change took effect and why (an admission takes effect on the join date). */
export interface ChangeNote {
  date: string | null;
  reason: string | null;
}

export interface EventRules {
  /**
   * Whether an ENDED event names the unit the member left. The form's `endMembership` does; the
   * import does not (today its ENDED event has no from_unit).
   */
  endedNamesUnitLeft: boolean;
}

export type NewMembershipEvent = Pick<
  MembershipEvent,
  'kind' | 'effectiveDate' | 'fromStatus' | 'toStatus' | 'fromUnitId' | 'toUnitId' | 'reason'
> &
  Partial<Pick<MembershipEvent, 'voids'>>;

/**
 * A new record is ADMITTED (into its unit, on its join date). A stored one makes a status event
 * when its status changes (ENDED for an ending status, STATUS_CHANGED otherwise), then a
 * TRANSFERRED event when its unit changes (both statuses the one after the change).
 */
export function membershipEvents(
  before: MembershipState | null,
  after: MembershipChange,
  note: ChangeNote,
  rules: EventRules,
): NewMembershipEvent[] {
  const status = after.status ?? before?.status;
  if (!status) throw new Error('membershipEvents: a new record needs its status');
  const event = (e: Partial<NewMembershipEvent> & Pick<NewMembershipEvent, 'kind'>): NewMembershipEvent => ({
    effectiveDate: note.date,
    fromStatus: null,
    toStatus: null,
    fromUnitId: null,
    toUnitId: null,
    reason: note.reason,
    ...e,
  });
  if (!before)
    return [
      event({
        kind: MembershipEventKind.ADMITTED,
        effectiveDate: after.joinDate ?? null,
        toStatus: status,
        toUnitId: after.unitId ?? null,
      }),
    ];
  const events: NewMembershipEvent[] = [];
  if (status !== before.status) {
    const ends = MEMBER_STATUS_INFO[status].ends;
    events.push(
      event({
        kind: ends ? MembershipEventKind.ENDED : MembershipEventKind.STATUS_CHANGED,
        fromStatus: before.status,
        toStatus: status,
        fromUnitId: ends && rules.endedNamesUnitLeft ? before.unitId : null,
      }),
    );
  }
  if (after.unitId !== undefined && after.unitId !== before.unitId)
    events.push(
      event({
        kind: MembershipEventKind.TRANSFERRED,
        fromStatus: status,
        toStatus: status,
        fromUnitId: before.unitId,
        toUnitId: after.unitId,
      }),
    );
  return events;
}

/** membership_event columns, in the order of `membershipEventRow` (for a bulk insert). */
export const MEMBERSHIP_EVENT_COLUMNS: SqlColumn[] = [
  ['record_id', 'uuid'],
  ['kind', 'varchar'],
  ['effective_date', 'date'],
  ['from_status', 'varchar'],
  ['to_status', 'varchar'],
  ['from_unit_id', 'uuid'],
  ['to_unit_id', 'uuid'],
  ['reason', 'text'],
];

/** The events of one record as rows of `MEMBERSHIP_EVENT_COLUMNS`. */
export function membershipEventRows(recordId: string, events: NewMembershipEvent[]): unknown[][] {
  return events.map((e) => [recordId, e.kind, e.effectiveDate, e.fromStatus, e.toStatus, e.fromUnitId, e.toUnitId, e.reason]);
}
