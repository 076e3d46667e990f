/** Dates as Vietnamese lists write them: dd/mm/yyyy, times in Vietnam time. */
const VN_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `1990` → 1990, `1990-05` → 05/1990, `1990-05-06` → 06/05/1990; nothing → —. */
export function partialDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [y, m, d] = value.split('-');
  if (d) return `${d}/${m}/${y}`;
  if (m) return `${m}/${y}`;
  return y;
}

/** An instant as Vietnam time: 02/12/2026 23:05. */
export function vnTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(VN_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** A file's size in 1024-based units, the Vietnamese way: 512 B, 12,3 MB, 1,5 GB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  for (; value >= 1024 && unit < units.length - 1; unit++) value /= 1024;
  return `${value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** Today in Vietnam as yyyy-mm-dd (UTC+7 all year: no summer time), as the server's todayInVietnam. */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Vietnamese text without its marks and case (`Cơ Mận` → `co man`, `Đoàn` → `doan`): what she may type without accents. */
export function foldVi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** A searchable list's filter: the option's label holds what she typed, with or without accents. */
export const byFoldedLabel = (typed: string, option?: { label?: unknown }): boolean =>
  typeof option?.label === 'string' && foldVi(option.label).includes(foldVi(typed.trim()));

export type UnitPlace = {
  code: string;
  name: string;
  parentCode: string | null;
  commune: { name: string; formerNames?: readonly string[] } | null;
};

/**
 * A unit as a list of units names it (a transfer's receiving unit, an account's unit): many communes have a "Chi hội Thôn 1", so its parent unit
 * and its commune go beside its name (the commune left out when the parent's name already says it),
 * and she may type any of them, with or without accents.
 */
export function unitPlaceLabel(u: UnitPlace, parent: UnitPlace | undefined): string {
  const commune = u.commune?.name;
  const place = [parent?.name, commune && !(parent && foldVi(parent.name).includes(foldVi(commune))) ? commune : null];
  const where = place.filter(Boolean).join(', ');
  return where ? `${u.name} (${u.code}) — ${where}` : `${u.name} (${u.code})`;
}

/** A transfer's unit as a sentence names it: "Chi hội 1 (Xã Na Sang)", its commune where its name does not say it (the server's choice). */
export const unitRefLabel = (u: { name: string; commune?: string | null }): string => (u.commune ? `${u.name} (${u.commune})` : u.name);

/** Vietnamese order, numbers as numbers: "Thôn 2" before "Thôn 10", "Ấp Bắc" among the A's. */
export const viOrder = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Units as a list shows them: by name in Vietnamese order. */
export const byUnitName = <U extends { name: string }>(units: readonly U[] | undefined): U[] =>
  [...(units ?? [])].sort((a, b) => viOrder.compare(a.name, b.name));

/**
 * Units as a tree reads: each unit before the units under it, siblings by name — the organization's own
 * office first, not last among its chi hội because its name sorts after theirs.
 */
export const byUnitTree = <U extends { code: string; name: string; parentCode?: string | null }>(units: readonly U[] | undefined): U[] => {
  const all = byUnitName(units);
  const known = new Set(all.map((u) => u.code));
  const under = new Map<string | null, U[]>();
  for (const u of all) {
    const parent = u.parentCode && known.has(u.parentCode) ? u.parentCode : null;
    under.set(parent, [...(under.get(parent) ?? []), u]);
  }
  const out: U[] = [];
  const walk = (parent: string | null) => {
    for (const u of under.get(parent) ?? []) {
      out.push(u);
      walk(u.code);
    }
  };
  walk(null);
  return out;
};
