import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official 2025 mapping shipped in `data/admin-units/` (MIT, from the public dvhcvn mapping:
 * see data/admin-units/LICENSE): `merges.json` (new → old with full/partial) and `splits.json`
 * (old → new).
 */
export interface AdminUnitsData {
  provinces: { code: string; name: string; kind: string }[];
  communes: { code: string; name: string; kind: string; provinceCode: string }[];
  legacyProvinces: { code: string; name: string; successorCodes: string[] }[];
  legacyCommunes: { code: string; name: string; legacyProvinceCode: string }[];
  successors: { legacyCode: string; communeCode: string; coverage: 'FULL' | 'PARTIAL' }[];
}

interface MergesFile {
  data: {
    level1_id: string;
    name: string;
    level2s: { level2_id: string; name: string; merges: { old_id: string; name: string; type: string }[] }[];
  }[];
}
interface SplitsFile {
  data: {
    level1_id: string;
    name: string;
    splits: { new_id: string }[];
    level3s: { level3_id: string; name: string; splits: { new_id: string }[] }[];
  }[];
}

/** Finds `data/admin-units` above this file (works from `src/` and from `dist/src/`). */
export function adminUnitsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'data', 'admin-units');
    if (fs.existsSync(path.join(candidate, 'merges.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('data/admin-units/merges.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** `Thành phố Hà Nội` → `Thành phố`; `Phường Ba Đình` → `Phường`. */
export function unitKind(name: string): string {
  const m = name.match(/^(Thành phố|Tỉnh|Phường|Xã|Đặc khu|Thị trấn)\s/);
  return m ? m[1] : '';
}

export function loadAdminUnitsData(dir = adminUnitsDir()): AdminUnitsData {
  const merges = JSON.parse(fs.readFileSync(path.join(dir, 'merges.json'), 'utf8')) as MergesFile;
  const splits = JSON.parse(fs.readFileSync(path.join(dir, 'splits.json'), 'utf8')) as SplitsFile;
  const provinces = merges.data.map((p) => ({ code: p.level1_id, name: p.name.normalize('NFC'), kind: unitKind(p.name) }));
  const communes = merges.data.flatMap((p) =>
    p.level2s.map((c) => ({ code: c.level2_id, name: c.name.normalize('NFC'), kind: unitKind(c.name), provinceCode: p.level1_id })),
  );
  const legacyProvinces = splits.data.map((p) => ({
    code: p.level1_id,
    name: p.name.normalize('NFC'),
    successorCodes: p.splits.map((s) => s.new_id),
  }));
  const legacyCommunes = splits.data.flatMap((p) =>
    p.level3s.map((c) => ({ code: c.level3_id, name: c.name.normalize('NFC'), legacyProvinceCode: p.level1_id })),
  );
  const coverage = new Map<string, 'FULL' | 'PARTIAL'>();
  for (const p of merges.data)
    for (const c of p.level2s) for (const m of c.merges) coverage.set(`${m.old_id}>${c.level2_id}`, m.type === 'full' ? 'FULL' : 'PARTIAL');
  const successors = splits.data.flatMap((p) =>
    p.level3s.flatMap((c) =>
      c.splits.map((s) => ({
        legacyCode: c.level3_id,
        communeCode: s.new_id,
        coverage: coverage.get(`${c.level3_id}>${s.new_id}`) ?? (c.splits.length === 1 ? 'FULL' : 'PARTIAL'),
      })),
    ),
  );
  return { provinces, communes, legacyProvinces, legacyCommunes, successors };
}
