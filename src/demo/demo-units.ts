// The demo's branches named as real ones are ("Chi hội Phụ nữ bản Na Sang", "Chi đoàn thôn Đông",
// "Tổ công đoàn Trạm Y tế xã Mường Phăng"), not by their codes. Drawn from a stream of their own (the
// seed and the commune), so the rosters of a seed stay byte for byte as they were (demo-golden.spec.ts).
import type { AdminUnitsData } from '../geography/admin-units-data.js';
import { dice, shuffle } from './demo-dice.js';
import type { DemoOrg } from './demo-world.js';

/** Villages (bản) of Thái and H'Mông upland communes. */
const UPLAND = [
  'Na Sang', 'Huổi Lóng', 'Pá Khoang', 'Nà Nhạn', 'Bản Mới', 'Co Mận', 'Huổi Chan', 'Nậm Ty', 'Pú Nhi', 'Nà Tấu',
  'Hua Pe', 'Phiêng Lơi', 'Kéo Lôm', 'Xá Nhè', 'Tà Lèng', 'Nậm Khẩu Hu', 'Sam Mứn', 'Noong Hẹt', 'Bản Phủ', 'Phì Cao',
]; // prettier-ignore
/** Hamlets (thôn) of the lowland communes. */
const LOWLAND = [
  'Đông', 'Đoài', 'Trung', 'Thượng', 'Hạ', 'Tân Lập', 'Tân Thanh', 'Hòa Bình', 'Thanh Xuân', 'Đồng Tâm',
  'Quyết Tiến', 'Thắng Lợi', 'Hồng Quân', 'Độc Lập', 'Tân Tiến', 'Bình Minh',
]; // prettier-ignore
/** Workplaces of a commune where a trade union has its groups (tổ công đoàn). */
const WORKPLACES = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trạm Y tế', 'UBND', 'Trường THPT'];

const BRANCH: Record<Exclude<DemoOrg, 'CD'>, string> = {
  HPN: 'Chi hội Phụ nữ',
  HND: 'Chi hội Nông dân',
  CCB: 'Chi hội Cựu chiến binh',
  NCT: 'Chi hội Người cao tuổi',
  DTN: 'Chi đoàn',
};

/** A demo branch's code: `<ORG>-<commune>-<nn>` (demo-world.ts). */
const CODE = /^([A-Z]+)-(\d{5})-(\d{2})$/;

/** A number of its own for each commune and seed: its places do not depend on how many draws came before. */
const placeSeed = (seed: number, commune: string): number => (Math.imul(seed, 0x9e3779b1) ^ Number(commune)) >>> 0;

/**
 * The names of the demo's branches by code (only codes of the demo's shape). Branch n of every
 * organization in a commune is in the commune's n-th place, as a village's chi hội and chi đoàn are:
 * a ward's places are its tổ dân phố, an upland commune's its bản, another commune's its thôn.
 */
export function demoUnitNames(
  codes: Iterable<string>,
  opts: { data: AdminUnitsData; seed: number; upland: Set<string> },
): Map<string, string> {
  const communes = new Map(opts.data.communes.map((c) => [c.code, c]));
  const places = new Map<string, string[]>();
  const placesOf = (commune: string): string[] => {
    let list = places.get(commune);
    if (!list) {
      const c = communes.get(commune);
      const rand = dice(placeSeed(opts.seed, commune)).rand;
      list =
        c?.kind === 'Phường'
          ? shuffle(
              Array.from({ length: 12 }, (_, i) => `tổ dân phố ${i + 1}`),
              rand,
            )
          : opts.upland.has(commune)
            ? // A bản named "Bản Mới" is not "bản Bản Mới".
              shuffle(UPLAND, rand).map((p) => (p.startsWith('Bản ') ? p : `bản ${p}`))
            : shuffle(LOWLAND, rand).map((p) => `thôn ${p}`);
      places.set(commune, list);
    }
    return list;
  };
  const names = new Map<string, string>();
  for (const code of codes) {
    const m = CODE.exec(code);
    if (!m) continue;
    const [, org, commune, nn] = m;
    const n = Number(nn) - 1;
    const communeName = communes.get(commune)?.name ?? `xã ${commune}`;
    if (org === 'CD') {
      const where = communeName.replace(/^(Xã|Phường|Thị trấn|Đặc khu)/, (k) => k.toLowerCase());
      names.set(code, `Tổ công đoàn ${WORKPLACES[n % WORKPLACES.length]} ${where}`);
    } else if (org in BRANCH) {
      const list = placesOf(commune);
      names.set(code, `${BRANCH[org as keyof typeof BRANCH]} ${list[n % list.length]}`);
    }
  }
  return names;
}
