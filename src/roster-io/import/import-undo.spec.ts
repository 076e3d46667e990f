import { randomBytes } from 'node:crypto';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import { decryptText, encryptText } from '../../personal-data/personal-data-cipher.js';
import { parseKey } from '../../personal-data/personal-data-key.js';
import { openUndoImage, sealUndoImage } from '../../personal-data/undo-images.js';
import { ImportJobStatus, type ImportJob } from '../import-job.entity.js';
import { changedColumns } from './import-undo.js';
import { jobRefusal, recordsRefusal } from './undo-refusals.js';
import type { KeptImage } from './undo-steps.js';

const key = parseKey(randomBytes(32).toString('base64'), 'test');

const record = {
  id: 'r1',
  fullName: 'Lò Thị Xuân',
  phone: '0912345678',
  status: 'ACTIVE',
  unitId: 'u1',
  idNumberHash: Buffer.from('hash-1'),
  importDigest: Buffer.from('digest-1'),
  profile: {},
  raw: { fullName: 'Lò Thị Xuân' },
  importWarnings: [],
} as unknown as MemberRecord;

describe('the before-image of an import', () => {
  it('holds only the columns the import changes, as the record had them', () => {
    const image = changedColumns(record, {
      fullName: 'Lò Thị Xuân',
      phone: '0987654321',
      status: 'STRUCK_OFF',
      importDigest: Buffer.from('digest-2'),
    });
    expect(image).toEqual({ phone: '0912345678', status: 'ACTIVE', import_digest: Buffer.from('digest-1') });
  });

  it('is sealed whole and opens to the same, bytes included', () => {
    const image = { full_name: 'Lò Thị Xuân', id_number_hash: Buffer.from('hash-1'), import_digest: null };
    const sealed = sealUndoImage((s) => encryptText(key, s), image);
    expect(sealed.toString('latin1')).not.toContain('Xu');
    expect(openUndoImage((b) => decryptText(key, b), sealed)).toEqual(image);
  });
});

describe('an undo refused', () => {
  const job = { id: 'j1', status: ImportJobStatus.DONE, startedAt: new Date('2026-11-20T00:00:00Z'), created: 1, updated: 2 } as ImportJob;
  const image = (code: string, kept: number, current: number | null): KeptImage => ({
    recordId: `id-${code}`,
    externalId: code,
    kept,
    current,
    erased: false,
    beforeSealed: null,
  });

  it('after 30 days, and when already undone, each day as lived in Vietnam', () => {
    expect(jobRefusal(job, new Date('2026-12-19T00:00:00Z'))).toBeNull();
    expect(jobRefusal(job, new Date('2026-12-21T00:00:00Z'))).toContain('đã quá 30 ngày kể từ lượt nhập ngày 20/11/2026');
    // 18:19 UTC on the 21st is 01:19 on the 22nd in Vietnam.
    expect(jobRefusal({ ...job, status: ImportJobStatus.UNDONE, undoneAt: new Date('2026-11-21T18:19:00Z') }, new Date())).toContain(
      'đã được hoàn tác ngày 22/11/2026',
    );
  });

  it('naming how many records were changed since, and which', () => {
    expect(recordsRefusal(job, [image('A-1', 1, 1), image('A-2', 4, 4), image('A-3', 2, 2)], [])).toBeNull();
    const byHand = recordsRefusal(job, [image('A-1', 1, 2), image('A-2', 4, 4), image('A-3', 2, null)], ['mã A-2']);
    expect(byHand).toContain(': 3 hồ sơ đã được sửa sau lượt nhập — mã A-1, mã A-2, mã A-3.');
    // Her members by name, where the record has one.
    const named = [{ ...image('A-1', 1, 2), fullName: 'Lường Thị Minh' }, image('A-2', 4, 4), image('A-3', 2, 2)];
    expect(recordsRefusal(job, named, [])).toContain('— Lường Thị Minh (mã A-1).');
    // Changed on screen: what she can do instead.
    expect(byHand).toContain('dòng nào của tệp sai thì sửa hồ sơ đó trên màn hình (hoặc sửa tệp rồi nhập lại');
    const later = [
      { sourceName: 'ds-tuan-3.xlsx', startedAt: new Date('2026-11-27T18:00:00Z'), records: ['id-A-1'] },
      { sourceName: 'ds-tuan-2.xlsx', startedAt: new Date('2026-11-21T02:00:00Z'), records: ['id-A-1'] },
    ];
    expect(recordsRefusal(job, [image('A-1', 1, 2), image('A-2', 4, 4), image('A-3', 2, 2)], [], later)).toContain(
      '2 lượt nhập sau (tệp ds-tuan-3.xlsx ngày 28/11/2026; tệp ds-tuan-2.xlsx ngày 21/11/2026) đã sửa các hồ sơ này: hoàn tác các lượt đó, lượt mới nhất trước, rồi hoàn tác lượt này.',
    );
    // Who ran each: one made on the server's command line is not in her list of imports, and she is told who undoes it.
    const byWhom = [
      { ...later[0], by: 'cli:root' },
      { ...later[1], by: 'vp.ccb.thanh-an' },
    ];
    expect(recordsRefusal(job, [image('A-1', 1, 2), image('A-2', 4, 4), image('A-3', 2, 2)], [], byWhom)).toContain(
      '(tệp ds-tuan-3.xlsx ngày 28/11/2026 — nhập bằng dòng lệnh trên máy chủ: nhờ người vận hành hoàn tác; tệp ds-tuan-2.xlsx ngày 21/11/2026, do vp.ccb.thanh-an nhập)',
    );
  });

  it('says so when records were changed another way too: undoing the later imports would not be enough', () => {
    const later = [{ sourceName: 'ds-sua.xlsx', startedAt: new Date('2026-11-27T18:00:00Z'), records: ['id-A-1'] }];
    const refusal = recordsRefusal(job, [image('A-1', 1, 2), image('A-2', 4, 5), image('A-3', 2, 3)], [], later)!;
    expect(refusal).toContain(
      'Lượt nhập sau (tệp ds-sua.xlsx ngày 28/11/2026) đã sửa 1 trong các hồ sơ này; 2 hồ sơ còn lại đã được sửa trực tiếp',
    );
    expect(refusal).not.toContain('rồi hoàn tác lượt này');
    // A suggestion of her Ghi chú decided on a record no import changed: among the rest, so the counts add up to the codes named.
    const decided = recordsRefusal(job, [image('A-1', 1, 2), image('A-2', 4, 4), image('A-3', 2, 2)], ['A-2', 'A-3'], later)!;
    expect(decided).toContain(': 3 hồ sơ đã được sửa sau lượt nhập');
    expect(decided).toContain('đã sửa 1 trong các hồ sơ này; 2 hồ sơ còn lại đã được sửa trực tiếp');
  });
});
