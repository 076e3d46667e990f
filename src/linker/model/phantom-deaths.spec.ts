import { linkDate } from '../../common/identity/identity-compare.js';
import { couldBe, deathThroughNamesakes, type DeathEvidence, type RecordForDeath, type RegisterEntry } from './phantom-deaths.js';

/** A register entry of "Lò Thị Phương" born in 1966: who she is decided by the other fields. */
const entry = (birth: string, commune: string, alive: boolean, sex = 'FEMALE', precision = 'DAY'): RegisterEntry => ({
  alive,
  deathDate: alive ? null : '2025-03-16',
  birth: linkDate(birth, precision),
  sex,
  communes: [commune],
});
const record = (birth: string, commune: string, precision = 'DAY', sex: string | null = 'FEMALE'): RecordForDeath => ({
  birth: linkDate(birth, precision),
  sex,
  communes: [commune],
});

describe('which namesakes a record without an ID number can be', () => {
  it.each<[string, RecordForDeath, RegisterEntry, boolean]>([
    ['the same full date', record('1966-11-13', '03370'), entry('1966-11-13', '03368', true), true],
    ['another day of the same year', record('1966-11-13', '03370'), entry('1966-04-02', '03370', true), false],
    ['day and month swapped', record('1966-11-03', '03370'), entry('1966-03-11', '03370', true), true],
    ['a year alone on the record', record('1966-01-01', '03370', 'YEAR'), entry('1966-04-02', '03370', true), true],
    ['the 01/01 placeholder on the record', record('1966-01-01', '03370'), entry('1966-04-02', '03370', true), true],
    ['the other sex', record('1966-11-13', '03370', 'DAY', 'MALE'), entry('1966-11-13', '03370', true), false],
    ['no sex on the record', record('1966-11-13', '03370', 'DAY', null), entry('1966-11-13', '03370', true), true],
  ])('%s', (_, rec, e, expected) => {
    expect(couldBe(rec, e)).toBe(expected);
  });
});

describe('a death found through namesakes', () => {
  const dead = (birth: string, commune: string, precision = 'DAY') => entry(birth, commune, false, 'FEMALE', precision);
  const alive = (birth: string, commune: string) => entry(birth, commune, true);
  it.each<[string, RecordForDeath, RegisterEntry[], DeathEvidence | null]>([
    [
      'settled by the commune and the day, a living namesake elsewhere',
      record('1966-11-13', '03370'),
      [alive('1966-01-01', '03368'), dead('1966-11-13', '03370')],
      { kind: 'SETTLED', deathDate: '2025-03-16', namesakes: 2, by: 'COMMUNE' },
    ],
    [
      'settled by the commune for a year-only record',
      record('1966-01-01', '03370', 'YEAR'),
      [alive('1966-05-05', '03151'), dead('1966-11-13', '03370')],
      { kind: 'SETTLED', deathDate: '2025-03-16', namesakes: 2, by: 'COMMUNE' },
    ],
    [
      'settled by the full birth date for a member listed in another commune',
      record('1969-07-28', '03193'),
      [dead('1969-07-28', '03181')],
      { kind: 'SETTLED', deathDate: '2025-03-16', namesakes: 1, by: 'BIRTH_DATE' },
    ],
    [
      'not the dead namesake: the living one in the record’s own commune',
      record('1966-01-01', '03368', 'YEAR'),
      [alive('1966-01-01', '03368'), dead('1966-11-13', '03370')],
      null,
    ],
    ['not the dead namesake: another day of birth', record('1951-12-23', '03166'), [dead('1951-09-22', '03166')], null],
    [
      'two in the commune, one dead, one living, a year alone: a signal',
      record('1962-01-01', '03172', 'YEAR'),
      [alive('1962-03-03', '03172'), dead('1962-08-08', '03172')],
      { kind: 'UNSETTLED', dead: 1, alive: 1 },
    ],
    [
      'a year alone and the only dead namesake elsewhere: a signal, not a certainty',
      record('1960-01-01', '03325', 'YEAR'),
      [dead('1960-06-06', '03316')],
      { kind: 'UNSETTLED', dead: 1, alive: 0 },
    ],
    ['no namesake dead', record('1966-11-13', '03370'), [alive('1966-11-13', '03370')], null],
  ])('%s', (_, rec, namesakes, expected) => {
    expect(deathThroughNamesakes(rec, namesakes)).toEqual(expected);
  });
});
