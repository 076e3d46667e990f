import { CD } from '../../organizations/cd/cd.organization.js';
import { DTN } from '../../organizations/dtn/dtn.organization.js';
import { changedLabels } from './changed-labels.js';

describe('changedLabels: what a row changes, in her columns’ words', () => {
  it('names each changed field by its column once, the unit by the organization’s word for its branch', () => {
    expect(changedLabels(CD, ['phone', 'profile', 'unitId', 'profile.position'])).toEqual([
      'Số điện thoại',
      'Tổ công đoàn / đơn vị',
      'Chức vụ',
    ]);
  });

  it('reads a date’s precision as its date, the commune’s columns as one, the ID number’s hash as the number', () => {
    expect(changedLabels(DTN, ['birthDate', 'birthDatePrecision', 'communeCode', 'communeName', 'idNumberHash'])).toEqual([
      'Ngày sinh',
      'Xã/Phường',
      'Số CCCD',
    ]);
  });

  it('says "Thông tin riêng của tổ chức" for the organization’s own fields when it cannot name them', () => {
    expect(changedLabels(DTN, ['profile'])).toEqual(['Thông tin riêng của tổ chức']);
  });
});
