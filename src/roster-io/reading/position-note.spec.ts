import { positionIn } from './position-note.js';

describe('positionIn: the office a Ghi chú or a bracket after the name gives', () => {
  it.each([
    ['Chi hội trưởng', 'Chi hội trưởng'],
    ['chi hoi pho', 'chi hoi pho'],
    ['Tổ trưởng', 'Tổ trưởng'],
    ['Bí thư chi đoàn', 'Bí thư chi đoàn'],
    ['Phó Bí thư', 'Phó Bí thư'],
    ['Chủ tịch Hội', 'Chủ tịch Hội'],
    ['UV BCH', 'UV BCH'],
    ['Ủy viên Ban Chấp hành', 'Ủy viên Ban Chấp hành'],
    ['Chi hội trưởng, cùng là hội viên Hội ND', 'Chi hội trưởng'],
    ['đã mất 2025; Tổ phó', 'Tổ phó'],
    ['Thủ quỹ', 'Thủ quỹ'],
    // Shortened: the deputy is no secretary.
    ['P.Bí thư', 'Phó Bí thư'],
    ['P. Bí thư chi đoàn', 'Phó Bí thư chi đoàn'],
    ['PBT', 'Phó Bí thư'],
    ['CHT phó', 'Chi hội phó'],
    ['CHT', 'Chi hội trưởng'],
    ['Chi hội trưởng. Đảng viên', 'Chi hội trưởng'],
  ])('%s → %s', (note, office) => expect(positionIn(note)).toBe(office));

  it.each(['Trưởng thôn', 'đã mất', 'hộ nghèo', 'Chi hội trưởng cũ đã chuyển đi', 'Đi làm ăn xa', '', 'Đảng viên', 'Bí thư chi bộ'])(
    '%s: no office of hers',
    (note) => expect(positionIn(note)).toBeNull(),
  );
});
