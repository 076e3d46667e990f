import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CommuneDirectory, type CommuneResolution, type LegacyCommuneRef } from './commune-directory.js';
import { communeReader, type CommuneFromAddress } from './commune-from-address.js';
import { Commune, LegacyCommune, LegacyCommuneSuccessor, LegacyProvince, Province } from './admin-unit.entities.js';

/** Administrative units, held in memory (a few thousand rows) for lookups that cost no query. */
@Injectable()
export class GeographyService implements OnModuleInit {
  private built: CommuneDirectory | null = null;
  private provinces: Province[] = [];
  private communes = new Map<string, Commune>();
  private legacy = new Map<string, LegacyCommuneRef>();
  private legacyProvinces: LegacyProvince[] = [];
  /** A current commune's code → the names of the old communes merged wholly into it. */
  private former = new Map<string, string[]>();

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // Plain rows, not entities: some 24,000 of them at every start (the server's, each CLI command's).
    const rows = <T>(sql: string): Promise<T[]> => this.db.query(sql);
    this.provinces = await rows<Province>(`SELECT code, name, kind FROM province ORDER BY code`);
    if (this.config.province && !this.provinces.some((p) => p.code === this.config.province))
      throw new Error(
        `PROVINCE=${this.config.province} không phải mã một tỉnh, thành phố hiện nay; các mã đúng: ${this.provinces.map((p) => `${p.code} ${p.name}`).join(', ')}`,
      );
    const [communes, legacy, successors, legacyProvinces] = await Promise.all([
      rows<Commune>(`SELECT code, name, kind, province_code AS "provinceCode" FROM commune ORDER BY code`),
      rows<LegacyCommune>(`SELECT code, name, legacy_province_code AS "legacyProvinceCode" FROM legacy_commune`),
      rows<Pick<LegacyCommuneSuccessor, 'legacyCode' | 'communeCode'>>(
        `SELECT legacy_code AS "legacyCode", commune_code AS "communeCode" FROM legacy_commune_successor`,
      ),
      rows<LegacyProvince>(`SELECT code, name, successor_codes AS "successorCodes" FROM legacy_province`),
    ]);
    this.legacyProvinces = legacyProvinces;
    const succ = new Map<string, string[]>();
    for (const s of successors) succ.set(s.legacyCode, [...(succ.get(s.legacyCode) ?? []), s.communeCode]);
    this.communes = new Map(communes.map((c) => [c.code, c]));
    this.legacy = new Map(
      legacy.map((l) => [
        l.code,
        { code: l.code, name: l.name, legacyProvinceCode: l.legacyProvinceCode, successorCodes: succ.get(l.code) ?? [] },
      ]),
    );
    // Only an old commune that went wholly into one new one is a name of it: a split one's name would offer both halves.
    for (const l of this.legacy.values())
      if (l.successorCodes.length === 1) this.former.set(l.successorCodes[0], [...(this.former.get(l.successorCodes[0]) ?? []), l.name]);
  }

  /** The names' index, built when a name is first looked up (a tenth of a second; many commands never look one up). */
  private get directory(): CommuneDirectory {
    return (this.built ??= new CommuneDirectory(
      [...this.communes.values()],
      [...this.legacy.values()],
      new Map(this.legacyProvinces.map((p) => [p.code, p.successorCodes])),
      this.config.province,
    ));
  }

  listProvinces(): Province[] {
    return this.provinces;
  }

  /** A current province's name (`Tỉnh Phú Thọ`); the code itself when unknown. */
  provinceName(code: string): string {
    return this.provinces.find((p) => p.code === code)?.name ?? code;
  }

  /** Whether a current province is the one this deployment serves (PROVINCE; none set: no). */
  inHomeProvince(provinceCode: string): boolean {
    return this.config.province !== null && provinceCode === this.config.province;
  }

  commune(code: string): Commune | null {
    return this.communes.get(code) ?? null;
  }

  /** The old communes merged wholly into a current one, by their names (`Phường Liễu Giai`): what people still call it. */
  formerNames(code: string): string[] {
    return this.former.get(code) ?? [];
  }

  legacyCommune(code: string): LegacyCommuneRef | null {
    return this.legacy.get(code) ?? null;
  }

  /** Current communes of a province and/or matching a name (best first); old names lead to their successors. */
  listCommunes(opts: { province?: string | null; search?: string | null; limit: number }): Commune[] {
    if (opts.search) {
      return this.directory.search(opts.search, opts.limit, opts.province ?? null).map((h) => this.communes.get(h.commune.code)!);
    }
    return [...this.communes.values()].filter((c) => !opts.province || c.provinceCode === opts.province).slice(0, opts.limit);
  }

  /** The commune of an address text (communeFromAddress, the deployment's province first): one reader per import, it caches. */
  addressReader(): (text: string) => CommuneFromAddress {
    return communeReader(this.directory, { provinces: this.provinces, legacyProvinces: this.legacyProvinces });
  }

  resolve(input: { code?: string | null; name?: string | null }): CommuneResolution {
    return this.directory.resolve(input);
  }
}
