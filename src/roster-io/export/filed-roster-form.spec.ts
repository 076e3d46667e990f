import { MemberStatus as S } from '../../membership/status/member-status.js';
import { DTN } from '../../organizations/dtn/dtn.organization.js';
import { CD } from '../../organizations/cd/cd.organization.js';
import { HND } from '../../organizations/hnd/hnd.organization.js';
import { NCT } from '../../organizations/nct/nct.organization.js';
import { HPN } from '../../organizations/hpn/hpn.organization.js';
import { filedFoot, provinceIssuer, totalLine } from './filed-roster-form.js';

describe('a filed roster’s foot', () => {
  it.each([
    ['one status', DTN, [[S.ACTIVE, 3]], 'Tổng số: 3 đoàn viên; trong đó: Đang sinh hoạt: 3.'],
    [
      'sinh hoạt tạm thời apart from đang sinh hoạt',
      HND,
      [
        [S.TEMPORARY, 1],
        [S.ACTIVE, 1200],
      ],
      'Tổng số: 1.201 hội viên; trong đó: Đang sinh hoạt: 1.200, Sinh hoạt tạm thời: 1.',
    ],
    [
      'Đoàn’s trưởng thành',
      DTN,
      [
        [S.MATURED, 2],
        [S.ACTIVE, 1],
      ],
      'Tổng số: 3 hồ sơ: 1 đoàn viên (Đang sinh hoạt: 1) và 2 hồ sơ đã kết thúc (Đã trưởng thành: 2).',
    ],
    [
      'the dead and the struck off counted apart from the members (whoever reads it never takes them for members)',
      NCT,
      [
        [S.DECEASED, 2],
        [S.ACTIVE, 146],
        [S.STRUCK_OFF, 2],
      ],
      'Tổng số: 150 hồ sơ: 146 hội viên (Đang sinh hoạt: 146) và 4 hồ sơ đã kết thúc (Xóa tên: 2, Đã mất: 2).',
    ],
    ['no trưởng thành for Người cao tuổi', NCT, [[S.MATURED, 1]], 'Tổng số: 1 hồ sơ đã kết thúc; trong đó: Đã thôi sinh hoạt: 1.'],
    ['an empty roster', HND, [], 'Tổng số: 0 hội viên.'],
  ] as const)('%s', (_, def, counts, line) => {
    expect(totalLine(def, new Map(counts))).toBe(line);
  });

  it('says how many of the members are women, as a roster’s foot does (not where every one is: a Hội Phụ nữ’s list)', () => {
    expect(totalLine(DTN, new Map([[S.ACTIVE, 40]]), 22)).toBe('Tổng số: 40 đoàn viên; trong đó: Đang sinh hoạt: 40; nữ: 22.');
    expect(
      totalLine(
        HND,
        new Map([
          [S.ACTIVE, 10],
          [S.DECEASED, 1],
        ]),
        4,
      ),
    ).toBe('Tổng số: 11 hồ sơ: 10 hội viên (Đang sinh hoạt: 10; nữ: 4) và 1 hồ sơ đã kết thúc (Đã mất: 1).');
    expect(totalLine(HPN, new Map([[S.ACTIVE, 5]]), 5)).toBe('Tổng số: 5 hội viên; trong đó: Đang sinh hoạt: 5.');
  });

  it.each([
    [DTN, ['TM. BAN CHẤP HÀNH', 'BÍ THƯ']],
    [HND, ['TM. BAN CHẤP HÀNH', 'CHỦ TỊCH']],
  ])('is signed for the Ban Chấp hành by its head (%#)', (def, signer) => {
    const foot = filedFoot(def, new Map(), 'Xã Thanh Nưa', new Date('2026-02-04T20:00:00Z'));
    expect(foot.signer).toEqual(signer);
    // 5 February in Vietnam (UTC+7), the month with its leading zero.
    expect(foot.placeAndDate).toBe('Xã Thanh Nưa, ngày 05 tháng 02 năm 2026');
    expect(filedFoot(def, new Map(), null, new Date('2026-12-04T03:00:00Z')).placeAndDate).toBe('……………, ngày 04 tháng 12 năm 2026');
  });

  it.each([
    [DTN, ['TM. BAN CHẤP HÀNH', 'BÍ THƯ']],
    [HND, ['CHI HỘI TRƯỞNG']],
    [CD, ['TỔ TRƯỞNG']],
  ])("a branch's roster is signed as its organization says (%#)", (def, signer) => {
    expect(filedFoot(def, new Map(), null, new Date('2026-12-04T03:00:00Z'), true).signer).toEqual(signer);
  });
});

describe('a roster issued for the province', () => {
  it('is issued by the province as its name says it, the date line naming the place alone', () => {
    expect(provinceIssuer({ name: 'Tỉnh Điện Biên', kind: 'Tỉnh' }, null)).toEqual({ name: 'Tỉnh Điện Biên', place: 'Điện Biên' });
    expect(provinceIssuer({ name: 'Thành phố Hà Nội', kind: 'Thành phố' }, null)).toEqual({ name: 'Thành phố Hà Nội', place: 'Hà Nội' });
  });

  it('is issued by the organization’s provincial committee when it has one', () => {
    expect(provinceIssuer({ name: 'Tỉnh Điện Biên', kind: 'Tỉnh' }, 'Tỉnh Đoàn Điện Biên')).toEqual({
      name: 'Tỉnh Đoàn Điện Biên',
      place: 'Điện Biên',
    });
  });
});
