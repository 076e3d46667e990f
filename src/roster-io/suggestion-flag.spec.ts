import type { RecordSuggestion } from './record-suggestion.entity.js';
import { endsAs, flagOfSuggestion } from './suggestion-flag.js';

const suggestion = (s: Partial<RecordSuggestion>): RecordSuggestion =>
  ({ id: 'S1', recordId: 'R1', happenedOn: null, happenedPrecision: null, detail: null, status: 'OPEN', ...s }) as RecordSuggestion;

describe('the flag an accepted Ghi chú suggestion raises', () => {
  it.each([
    [
      'a death, with its month',
      { kind: 'DIED', evidence: 'đã mất tháng 8/2026', happenedOn: '2026-08-01', happenedPrecision: 'MONTH' },
      'DECEASED',
      'PHANTOM',
      'Ghi chú trên danh sách: người này đã mất, tháng 8/2026; hpn-vp đã chấp nhận',
    ],
    [
      'a move, with where to and its day',
      {
        kind: 'MOVED_AWAY',
        evidence: 'Đã chuyển đi Lai Châu 3/6/2026',
        detail: 'Lai Châu',
        happenedOn: '2026-06-03',
        happenedPrecision: 'DAY',
      },
      'MOVED_AWAY',
      'WARNING',
      'Ghi chú trên danh sách: người này đã chuyển đi (Lai Châu), ngày 3/6/2026; hpn-vp đã chấp nhận',
    ],
    [
      'an old CMND',
      { kind: 'OLD_ID_CARD', evidence: 'CMND cũ' },
      'INVALID_ID',
      'WARNING',
      'Ghi chú trên danh sách: số giấy tờ là CMND cũ: cần số định danh 12 chữ số; hpn-vp đã chấp nhận',
    ],
    [
      'a member elsewhere, in a year',
      {
        kind: 'ALSO_MEMBER',
        evidence: 'cùng là hội viên Hội ND từ 2019',
        detail: 'Hội ND',
        happenedOn: '2019-01-01',
        happenedPrecision: 'YEAR',
      },
      'MULTI_ORG',
      'INFO',
      'Ghi chú trên danh sách: người này cũng sinh hoạt ở tổ chức khác (Hội ND), năm 2019; hpn-vp đã chấp nhận',
    ],
  ] as const)('%s', (_why, s, code, severity, message) => {
    const flag = flagOfSuggestion(suggestion(s), 'hpn-vp');
    expect([flag.code, flag.severity, flag.message]).toEqual([code, severity, message]);
    expect(flag.evidence).toMatchObject({ note: s.evidence, suggestion: 'S1', acceptedBy: 'hpn-vp' });
  });

  it('masks a number in the note it keeps as evidence', () => {
    const flag = flagOfSuggestion(suggestion({ kind: 'OLD_ID_CARD', evidence: 'CMND cũ 040123456, số mới 011185012345' }), 'hpn-vp');
    expect(flag.evidence.note).toBe('CMND cũ 040****56, số mới 0111******45');
  });
});

describe('the ending a Ghi chú says happened (the end dialog opens with it)', () => {
  it.each([
    ['DIED', 'DECEASED'],
    // "Đã chuyển đi Hà Nội": her membership moves with her (chuyển sinh hoạt), as the roster's own "Đã chuyển đi" status reads.
    ['MOVED_AWAY', 'TRANSFERRED'],
    ['LEFT_WORK', 'LEFT'],
    ['AWAY', null],
    ['OLD_ID_CARD', null],
  ])('%s ends as %s', (kind, status) => {
    expect(endsAs(kind)).toBe(status);
  });
});
