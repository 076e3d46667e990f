import { DomainError } from './domain-error.js';

describe('DomainError', () => {
  it('sends a long value back cut, with the message whole', () => {
    const e = DomainError.invalidInput([
      { field: 'ethnicity', value: 'K'.repeat(100_000), message: 'Dân tộc: dài 100000 ký tự, tối đa 60: hãy rút ngắn' },
      { field: 'fullName', value: 'Lò Thị Ín', message: 'Họ tên: …' },
    ]);
    expect(e.problems[0].value).toBe(`${'K'.repeat(200)}…`);
    expect(e.problems[0].message).toBe('Dân tộc: dài 100000 ký tự, tối đa 60: hãy rút ngắn');
    expect(e.problems[1].value).toBe('Lò Thị Ín');
  });
});
