import { decisionsByPlace, placeKey, settleHeld } from './held-decisions.js';
import type { KnownMatch } from './known-members.js';

const held = (...codes: string[]): KnownMatch => ({
  kind: 'HOLD',
  reason: 'trùng họ tên, năm sinh',
  candidates: codes.map((c) => ({ recordId: `id-${c}`, externalId: c })),
});

describe('settleHeld: her decisions on held rows', () => {
  const rows = [1, 2, 3].map((ordinal) => ({ ordinal, place: placeKey(null, ordinal + 1), row: ordinal + 1 }));

  it('makes a held row the candidate she named, or a new record; a row she did not decide stays held', () => {
    const matches = new Map<number, KnownMatch>([
      [1, held('A', 'B')],
      [2, held('C')],
      [3, held('D')],
    ]);
    settleHeld(
      matches,
      rows,
      decisionsByPlace([
        { sheet: null, row: 2, code: 'B' },
        { sheet: null, row: 3, code: null },
      ]),
    );
    expect(matches.get(1)).toEqual({ kind: 'RECORD', recordId: 'id-B', externalId: 'B', how: 'DECIDED' });
    expect(matches.has(2)).toBe(false);
    expect(matches.get(3)?.kind).toBe('HOLD');
  });

  it('keeps a row held when she names a record it was not held for, and holds both rows she gave one record with all their candidates', () => {
    const matches = new Map<number, KnownMatch>([
      [1, held('A', 'B')],
      [2, held('A', 'B')],
      [3, held('E')],
    ]);
    settleHeld(
      matches,
      rows,
      decisionsByPlace([
        { sheet: null, row: 2, code: 'A' },
        { sheet: null, row: 3, code: 'A' },
        { sheet: null, row: 4, code: 'Z' },
      ]),
    );
    expect([...matches.values()].map((m) => m.kind)).toEqual(['HOLD', 'HOLD', 'HOLD']);
    expect(matches.get(1)).toEqual({
      ...held('A', 'B'),
      reason: "bạn đã chọn hồ sơ 'A' cho dòng 2, 3: một hồ sơ chỉ ứng với một dòng — chọn lại",
    });
    expect(matches.get(2)).toMatchObject({ kind: 'HOLD', candidates: [{ externalId: 'A' }, { externalId: 'B' }] });
  });

  it('names a row matched without her apart from the row she chose for that record', () => {
    const matches = new Map<number, KnownMatch>([
      [1, { kind: 'RECORD', recordId: 'id-A', externalId: 'A', how: 'SAME_LINE' }],
      [2, held('A', 'B')],
    ]);
    settleHeld(matches, rows, decisionsByPlace([{ sheet: null, row: 3, code: 'A' }]));
    expect(matches.get(1)).toMatchObject({ kind: 'RECORD', externalId: 'A' });
    expect(matches.get(2)).toMatchObject({
      kind: 'HOLD',
      reason: "bạn đã chọn hồ sơ 'A' cho dòng 3; dòng 2 đã tự khớp với hồ sơ này: một hồ sơ chỉ ứng với một dòng — chọn lại",
    });
  });

  it('forgets a decision she took back', () => {
    expect([
      ...decisionsByPlace([
        { sheet: null, row: 2, code: 'A' },
        { sheet: null, row: 2, code: null, forget: true },
      ]),
    ]).toEqual([]);
  });

  it('reads a place by its sheet as well as its row, the later decision on one row kept', () => {
    const byPlace = decisionsByPlace([
      { sheet: 'Chi hội 1', row: 5, code: 'A' },
      { sheet: 'Chi hội 2', row: 5, code: 'B' },
      { sheet: 'Chi hội 1', row: 5, code: null },
    ]);
    expect([...byPlace]).toEqual([
      ['Chi hội 1|5', null],
      ['Chi hội 2|5', 'B'],
    ]);
  });
});
