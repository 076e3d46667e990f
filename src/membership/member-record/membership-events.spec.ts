import { MemberStatus } from '../status/member-status.js';
import { MembershipEventKind } from './membership-event.entity.js';
import {
  membershipEventRows,
  membershipEvents,
  type EventRules,
  type MembershipChange,
  type MembershipState,
} from './membership-events.js';

const { ACTIVE, SUSPENDED, LEFT } = MemberStatus;
const { ADMITTED, STATUS_CHANGED, ENDED, TRANSFERRED } = MembershipEventKind;
const FORM: EventRules = { endedNamesUnitLeft: true };
const IMPORT: EventRules = { endedNamesUnitLeft: false };
const note = { date: '2026-11-21', reason: 'Nhập tệp a.csv' };
const inUnitA: MembershipState = { status: ACTIVE, unitId: 'A' };

/** [kind, effectiveDate, fromStatus, toStatus, fromUnitId, toUnitId] of each event. */
type Row = [MembershipEventKind, string | null, MemberStatus | null, MemberStatus | null, string | null, string | null];

describe('membershipEvents: one rule for the history a change makes (form and import)', () => {
  it.each<[string, MembershipState | null, MembershipChange, EventRules, Row[]]>([
    [
      'a new record is admitted into its unit on its join date',
      null,
      { status: ACTIVE, unitId: 'A', joinDate: '2020-05-01' },
      FORM,
      [[ADMITTED, '2020-05-01', null, ACTIVE, null, 'A']],
    ],
    [
      'a new record without unit or join date',
      null,
      { status: SUSPENDED, unitId: null },
      IMPORT,
      [[ADMITTED, null, null, SUSPENDED, null, null]],
    ],
    ['nothing that the history follows changes', inUnitA, {}, FORM, []],
    ['the same status and unit again', inUnitA, { status: ACTIVE, unitId: 'A' }, IMPORT, []],
    ['a status that does not end', inUnitA, { status: SUSPENDED }, FORM, [[STATUS_CHANGED, note.date, ACTIVE, SUSPENDED, null, null]]],
    [
      'an ending status, by the form: the unit left is named',
      inUnitA,
      { status: LEFT },
      FORM,
      [[ENDED, note.date, ACTIVE, LEFT, 'A', null]],
    ],
    ['an ending status, by the import: no unit (today)', inUnitA, { status: LEFT }, IMPORT, [[ENDED, note.date, ACTIVE, LEFT, null, null]]],
    ['a new unit', inUnitA, { unitId: 'B' }, FORM, [[TRANSFERRED, note.date, ACTIVE, ACTIVE, 'A', 'B']]],
    [
      'a unit given where there was none',
      { status: ACTIVE, unitId: null },
      { unitId: 'B' },
      IMPORT,
      [[TRANSFERRED, note.date, ACTIVE, ACTIVE, null, 'B']],
    ],
    [
      'status and unit at once: the status first, the transfer with the new status',
      inUnitA,
      { status: SUSPENDED, unitId: 'B' },
      IMPORT,
      [
        [STATUS_CHANGED, note.date, ACTIVE, SUSPENDED, null, null],
        [TRANSFERRED, note.date, SUSPENDED, SUSPENDED, 'A', 'B'],
      ],
    ],
  ])('%s', (_name, before, after, rules, expected) => {
    const events = membershipEvents(before, after, note, rules);
    expect(events.map((e) => [e.kind, e.effectiveDate, e.fromStatus, e.toStatus, e.fromUnitId, e.toUnitId])).toEqual(expected);
    for (const e of events) expect(e.reason).toBe(note.reason);
  });

  it('gives the events as rows of the bulk insert, the record first', () => {
    const [event] = membershipEvents(inUnitA, { unitId: 'B' }, note, IMPORT);
    expect(membershipEventRows('r1', [event])).toEqual([['r1', TRANSFERRED, note.date, ACTIVE, ACTIVE, 'A', 'B', note.reason]]);
  });
});
