import { MemberStatus } from '../../membership/status/member-status.js';
import { confirmationDate, endsOnConfirm, evidencedEnding } from './flag-ending.js';

const TODAY = '2026-05-20';

describe('confirmationDate: the day a confirmed flag ends the membership from', () => {
  it.each([
    ['the register’s death date, for a death', 'DECEASED', { deathDate: '2025-06-15' }, MemberStatus.DECEASED, null, '2025-06-15'],
    [
      'a death settled through the person',
      'DECEASED',
      { kind: 'SETTLED', deathDate: '2024-01-02', by: 'PERSON' },
      MemberStatus.DECEASED,
      undefined,
      '2024-01-02',
    ],
    ['a roster note’s day, for a death', 'DECEASED', { when: '2026-03-08', note: 'đã mất' }, MemberStatus.DECEASED, '', '2026-03-08'],
    ['a roster note’s day, for a move away', 'MOVED_AWAY', { when: '2026-02-01' }, MemberStatus.TRANSFERRED, null, '2026-02-01'],
    ['the day she gives, over the evidence', 'DECEASED', { deathDate: '2025-06-15' }, MemberStatus.DECEASED, '01/07/2025', '01/07/2025'],
    ['today, when the register gives no day', 'DECEASED', { deathDate: null }, MemberStatus.DECEASED, null, TODAY],
    ['today, when the note gives only a month', 'MOVED_AWAY', { when: '2026-02' }, MemberStatus.TRANSFERRED, null, TODAY],
    ['today, when she confirms it as something else', 'DECEASED', { deathDate: '2025-06-15' }, MemberStatus.STRUCK_OFF, null, TODAY],
    ['today, for a flag with no dated event', 'INACTIVE', { lastKnown: '2023-01-01' }, MemberStatus.STRUCK_OFF, null, TODAY],
  ])('%s', (_why, code, evidence, outcome, given, expected) => {
    expect(confirmationDate(code, evidence, outcome, given, TODAY)).toBe(expected);
  });

  it('says what the evidence says happened, for the console to suggest', () => {
    expect(evidencedEnding('DECEASED', { deathDate: '2025-06-15' })).toEqual({
      outcome: MemberStatus.DECEASED,
      date: '2025-06-15',
      when: '2025-06-15',
    });
    expect(evidencedEnding('MOVED_AWAY', {})).toEqual({ outcome: MemberStatus.TRANSFERRED, date: null, when: null });
    // A note's month: no day to end on, but said to her (she types the day).
    expect(evidencedEnding('DECEASED', { when: '2026-03' })).toEqual({ outcome: MemberStatus.DECEASED, date: null, when: '2026-03' });
    expect(evidencedEnding('SHARED_PHONE', { persons: 6 })).toBeNull();
  });
});

describe('what confirming a flag does', () => {
  it.each([
    ['DECEASED', 'PHANTOM', true],
    ['INACTIVE', 'PHANTOM', true],
    // Too old now: out of the rules for good — struck off when confirmed.
    ['INELIGIBLE_AGE', 'PHANTOM', true],
    // Too young on the day of admission (a date typed wrong, most often): corrected on the record, never ended.
    ['INELIGIBLE_AGE', 'WARNING', false],
    ['NO_IDENTITY', 'WARNING', false],
    ['INVALID_ID', 'WARNING', false],
  ])('%s (%s) ends the membership: %s', (code, severity, ends) => {
    expect(endsOnConfirm(code, severity)).toBe(ends);
  });
});
