import { DomainError } from '../../common/errors/domain-error.js';
import { catchUpFailure } from './catch-up-outcome.js';

describe('catch-up failure', () => {
  it.each([
    ['the report lock refused', new DomainError('CONFLICT', 'Một báo cáo khác đang được lập', [], 'REPORT_BUSY'), 'BUSY'],
    ['another CONFLICT', new DomainError('CONFLICT', "Mã hồ sơ 'A1' đã có trong tổ chức DTN."), 'FAILED'],
    ['the link lock refused', new DomainError('CONFLICT', 'Một lần liên kết khác đang chạy', [], 'LINK_BUSY'), 'FAILED'],
    ['a bad scope', new DomainError('BAD_USER_INPUT', 'Phạm vi không hợp lệ'), 'FAILED'],
    ['a server error', new Error('connection lost'), 'FAILED'],
    ['a thrown string', 'boom', 'FAILED'],
  ])('%s → %s', (_what, error, outcome) => {
    expect(catchUpFailure(error)).toBe(outcome);
  });

  it('is STOPPED, not FAILED, when the server was stopping (its connections closed under the report)', () => {
    expect(catchUpFailure(new Error('Connection terminated'), true)).toBe('STOPPED');
    expect(catchUpFailure(new DomainError('CONFLICT', 'Một báo cáo khác đang được lập', [], 'REPORT_BUSY'), true)).toBe('BUSY');
  });
});
