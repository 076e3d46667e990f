// The names of the demo province: Kinh, Thái and H'Mông family, middle and given names with how
// common each is, and the lowland ethnic mix. Data, and the pools a population's rates cut from it.
import type { PopulationRates } from './demo-profile.js';

/** Values with their relative weights. */
export type Weighted = [string, number][];

const KINH_FAMILY: Weighted = [
  ['Nguyễn', 35], ['Trần', 11], ['Lê', 9.5], ['Phạm', 6.5], ['Hoàng', 4], ['Huỳnh', 1.5], ['Phan', 4], ['Vũ', 3.5], ['Võ', 1.5],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.5], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 1], ['Trịnh', 1], ['Lương', 0.8],
]; // prettier-ignore
export const KINH_MIDDLE_M: Weighted = [
  ['Văn', 45],
  ['Hữu', 8],
  ['Đức', 10],
  ['Minh', 10],
  ['Quang', 8],
  ['Thanh', 6],
  ['Công', 5],
  ['Xuân', 4],
  ['Ngọc', 4],
];
export const KINH_MIDDLE_F: Weighted = [
  ['Thị', 55],
  ['Ngọc', 8],
  ['Thu', 8],
  ['Thanh', 7],
  ['Kim', 6],
  ['Minh', 5],
  ['Hồng', 5],
  ['Thúy', 3],
  ['Phương', 3],
];
const KINH_GIVEN_M =
  'An Bình Cường Dũng Đạt Đức Giang Hải Hiếu Hòa Hoàng Hùng Hưng Huy Khánh Khoa Kiên Lâm Long Mạnh Minh Nam Nghĩa Phong Phúc Quân Quang Sơn Tài Thắng Thành Thịnh Toàn Trung Tuấn Tùng Việt Vinh'.split(
    ' ',
  );
const KINH_GIVEN_F =
  'Anh Chi Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hòa Hồng Huệ Hương Lan Liên Linh Loan Mai My Nga Ngân Ngọc Nhung Oanh Phương Quyên Tâm Thảo Thoa Thu Thủy Trang Tuyết Uyên Vân Yến'.split(
    ' ',
  );
const THAI_FAMILY: Weighted = [
  ['Lò', 30],
  ['Quàng', 18],
  ['Cà', 15],
  ['Lường', 12],
  ['Tòng', 10],
  ['Lù', 6],
  ['Điêu', 5],
  ['Vì', 4],
];
const THAI_GIVEN_M = 'Thành Pâng Xôm Hoan Chung Thắng Ánh Bun Phong Thiêm'.split(' ');
const THAI_GIVEN_F = 'Ín Xuân Ơn Pánh Lả Ương Hoa Phương Xiêm Bích'.split(' ');
const HMONG_FAMILY: Weighted = [
  ['Giàng', 28],
  ['Vàng', 20],
  ['Sùng', 15],
  ['Mùa', 12],
  ['Thào', 10],
  ['Lý', 8],
  ['Hờ', 4],
  ['Lầu', 3],
];
const HMONG_GIVEN_M = 'Páo Chứ Sính Dế Lử Chá Tráng Pó Dình Sềnh'.split(' ');
const HMONG_GIVEN_F = 'Mỷ Dua Pà Mai Sua Dợ Chứ Say Mỉ Dở'.split(' ');
export const LOWLAND_ETHNIC: Weighted = [
  ['Kinh', 92],
  ['Tày', 3],
  ['Thái', 3],
  ['Mường', 2],
];

/** The family names as concentrated, and the given names as many, as the population's rates say. */
export interface NamePools {
  kinhFamily: Weighted;
  thaiFamily: Weighted;
  hmongFamily: Weighted;
  given: { kinhM: string[]; kinhF: string[]; thaiM: string[]; thaiF: string[]; hmongM: string[]; hmongF: string[] };
}

export function namePools(pop: Pick<PopulationRates, 'familyConcentration' | 'namePool'>): NamePools {
  const concentrated = (xs: Weighted): Weighted =>
    pop.familyConcentration === 1 ? xs : xs.map(([v, w]) => [v, w ** pop.familyConcentration]);
  const pool = (xs: string[]): string[] => xs.slice(0, Math.max(3, Math.ceil(xs.length * pop.namePool)));
  return {
    kinhFamily: concentrated(KINH_FAMILY),
    thaiFamily: concentrated(THAI_FAMILY),
    hmongFamily: concentrated(HMONG_FAMILY),
    given: {
      kinhM: pool(KINH_GIVEN_M),
      kinhF: pool(KINH_GIVEN_F),
      thaiM: pool(THAI_GIVEN_M),
      thaiF: pool(THAI_GIVEN_F),
      hmongM: pool(HMONG_GIVEN_M),
      hmongF: pool(HMONG_GIVEN_F),
    },
  };
}

export const fullName = (family: string, middle: string, given: string) => [family, middle, given].filter(Boolean).join(' ');
