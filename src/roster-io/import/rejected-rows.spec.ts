import { randomBytes } from 'node:crypto';
import { decryptText, encryptText, keyedHash } from '../../personal-data/personal-data-cipher.js';
import { parseKey } from '../../personal-data/personal-data-key.js';
import { openRejectedRow, rejectedRowsCutoff, sealRejectedRow } from '../../personal-data/rejected-rows.js';
import { rejectedRowKeys } from '../../personal-data/tombstone-keys.js';
import { rejectedRowUnitPath } from './rejected-rows.service.js';

const key = parseKey(randomBytes(32).toString('base64'), 'test');
const vault = { hash: (v: string) => keyedHash(key, v) };

describe('a rejected import row', () => {
  it('is sealed whole (cells, value, message) and opens to the same', () => {
    const content = { value: '31/02/2002', message: "Ngày sinh: '31/02/2002' không hợp lệ", cells: ['D-1', 'Lê Thị Bình', '001302012399'] };
    const sealed = sealRejectedRow((s) => encryptText(key, s), content);
    expect(sealed.toString('latin1')).not.toContain('001302012399');
    expect(openRejectedRow((b) => decryptText(key, b), sealed)).toEqual(content);
  });

  it('is kept with the keys an erasure looks for: ID number, name + exact birth date, Mã hồ sơ', () => {
    const keys = rejectedRowKeys(vault, 'DTN', {
      externalId: 'D-1',
      fullName: 'lê thị  bình',
      birthDate: '5/3/2002',
      idNumber: '001 302 012399',
    });
    expect(keys.map((k) => k.toString('hex'))).toEqual(
      [vault.hash('001302012399'), vault.hash('name-birth:le thi binh|2002-03-05'), vault.hash('record-code:DTN|D-1')].map((k) =>
        k.toString('hex'),
      ),
    );
    // What cannot be read gives no key; a birth year alone is not a key.
    expect(rejectedRowKeys(vault, 'DTN', { fullName: 'Lê Thị Bình', birthDate: '2002', idNumber: '123' })).toEqual([]);
  });

  it("belongs to its unit's subtree when the importer's scope covers it, else to the importer's", () => {
    const unitA = { kind: 'ORGANIZATION' as const, organization: 'DTN', unitPath: 'dtn.a.' };
    expect(rejectedRowUnitPath(unitA, 'dtn.a.1.', null)).toBe('dtn.a.1.');
    expect(rejectedRowUnitPath(unitA, 'dtn.b.', 'dtn.a.2.')).toBe('dtn.a.2.');
    expect(rejectedRowUnitPath(unitA, undefined, null)).toBe('dtn.a.');
    expect(rejectedRowUnitPath({ kind: 'ALL' }, 'dtn.b.')).toBe('dtn.b.');
    expect(rejectedRowUnitPath({ kind: 'ORGANIZATION', organization: 'DTN', unitPath: null }, null)).toBeNull();
  });

  it('is deleted 30 days after it was written', () => {
    expect(rejectedRowsCutoff(new Date('2026-12-31T00:00:00Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
