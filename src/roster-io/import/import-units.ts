import type { EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { inScope, unitPathLimit, writeScope, type RecordScope } from '../../access/record-scope.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { Unit, UnitKind } from '../../membership/unit/unit.entity.js';
import { codeForUnitName } from '../../membership/unit/unit-code.js';
import { ownUnit } from '../../membership/unit/own-unit.js';
import type { UnitsService } from '../../membership/unit/units.service.js';
import { titleBranch, unitNameKey, unitPlaceKey } from '../reading/unit-cell.js';
import {
  ambiguousUnitMessage,
  branchUnderBranchMessage,
  otherCommuneUnitMessage,
  unitNeedsCommuneMessage,
  unitOutOfScopeMessage,
  unknownUnitMessage,
  type Landing,
} from './import-messages.js';

/** What creating a sheet's branch needs (`--create-units`): who creates it, where. */
export interface SheetUnitCreation {
  service: UnitsService;
  actor: Principal;
  /** The row's commune (else her own unit's). */
  communeCode: string | null;
}

/** Told of each unit an import creates (a branch, and the base unit made for it), in the creating transaction. */
export type UnitCreated = (em: EntityManager, unit: Unit, actor: Principal) => Promise<void>;

/** A row's unit cell as read (reading/unit-cell.ts), with the column it is in. */
export interface UnitCell {
  value: string;
  /** Written as a code could be: looked up by code first. */
  codeLike: boolean;
  /** The column holds codes (`Mã đơn vị`): an unknown code is created with that code, not as a name. */
  asCode: boolean;
  /** The column as the messages name it. */
  label: string;
}

/**
 * The units an import's rows name (`Mã đơn vị`, `Chi hội`…), looked up once each and, with `--create-units`,
 * created as branches. Kept between batches; a rolled-back batch puts the map back (its units are gone).
 */
export class ImportUnits {
  private readonly known = new Map<string, Unit | null>();

  constructor(
    private readonly def: OrganizationDefinition,
    private readonly scope: RecordScope,
    private readonly createUnits: boolean,
    /** Each unit created (the import audits it with its job: an undo removes it again when unused). */
    private readonly onCreated?: UnitCreated,
  ) {}

  snapshot(): Map<string, Unit | null> {
    return new Map(this.known);
  }

  restore(snapshot: Map<string, Unit | null>): void {
    this.known.clear();
    for (const [k, v] of snapshot) this.known.set(k, v);
  }

  /** The organization's units (read once, when a cell first names one), by name and by the place they are for. */
  private units: Unit[] | null = null;
  private names: Map<string, Unit[]> | null = null;
  private readonly places: Partial<Record<'unit' | 'place', Map<string, Unit[]>>> = {};
  /** The unit a secretariat kept to one unit keeps (undefined: not read yet; null: none, the whole organization). */
  private ownUnit: Unit | null | undefined = undefined;

  /** Where her new members without a unit land (`ownUnit`: a commune's office's own unit), read once. */
  async own(em: EntityManager): Promise<Unit | null> {
    if (this.ownUnit === undefined) this.ownUnit = await ownUnit(em, this.def.code, this.scope);
    return this.ownUnit;
  }

  /**
   * The unit a row's unit cell names, the same way for every unit column (`Mã đơn vị`, `Chi hội`…):
   * by code, else by name (accents, tone placement and case do not count) among the units in the
   * caller's scope, those of the row's commune first when the name is in several, else by the place
   * the name is for ("Na Sang" for "Chi hội Nông dân bản Na Sang"). A name in two units the row
   * cannot tell apart, or a code or name no unit has, leaves a member already listed in her unit
   * (`kept`: undefined is returned, the unit is not changed) and lands a new one without a unit (or in
   * the secretariat's own), with a warning saying what to write. With `--create-units` an unknown
   * cell is created as a branch: with that code (a code in a code column), else with that name.
   */
  async unit(
    cell: UnitCell,
    communeCode: string | null,
    em: EntityManager,
    service: UnitsService,
    actor: Principal,
    /** What refuses the row: a unit outside the caller's scope, a unit to create without the row's commune. */
    problems: FieldProblem[],
    /** `false` for a row already refused: a bad row creates no unit. */
    mayCreate: boolean,
    /** What does not refuse the row: an ambiguous or unknown name (the row lands without a unit). */
    warnings: FieldProblem[],
    /** The row's record, when it is listed already: the name of its unit (null: none). */
    kept?: { unitName: string | null },
  ): Promise<Unit | null | undefined> {
    const { value, label } = cell;
    const problem = (message: string) => problems.push({ field: 'unit', value, message });
    if (cell.codeLike) {
      let byCode = this.known.get(value);
      if (byCode === undefined) byCode = await service.findByCodeOrNull(this.def.code, value, em);
      if (byCode) {
        this.known.set(value, byCode);
        if (unitPathLimit(this.scope) && !inScope(this.scope, { organizationCode: this.def.code, unitPath: byCode.path }))
          problem(unitOutOfScopeMessage(label, value));
        return byCode;
      }
    }
    const key = await this.createdKey(em, value, communeCode);
    const created = this.known.get(key);
    if (created) return created;
    const { found, elsewhere } = await this.namedHere(em, value, communeCode);
    if (found.length === 1) return found[0];
    // Where a member goes whose unit the cell does not say: a listed one stays where she is.
    const landing = async (): Promise<{ unit: Unit | null | undefined; says: Landing }> => {
      if (kept) return { unit: undefined, says: { kept: kept.unitName } };
      const own = await this.own(em);
      return { unit: own, says: { own: own?.name ?? null } };
    };
    if (found.length > 1) {
      const to = await landing();
      warnings.push({ field: 'unit', value, message: ambiguousUnitMessage(label, value, found.map((u) => u.code).sort(), to.says) });
      return to.unit;
    }
    if (!this.createUnits) {
      // A branch column may be an address (a hamlet): the member is imported all the same, and told.
      const to = await landing();
      const message = elsewhere.length
        ? otherCommuneUnitMessage(label, value, elsewhere.map((u) => u.code).sort(), to.says)
        : unknownUnitMessage(label, value, this.def.code, cell.codeLike, to.says);
      warnings.push({ field: 'unit', value, message });
      return to.unit;
    }
    if (!mayCreate) return null;
    // A secretariat kept to her commune's unit creates her branches under it, in its commune.
    const own = await this.own(em);
    communeCode ??= own?.communeCode ?? null;
    if (!communeCode) {
      const to = await landing();
      warnings.push({ field: 'unit', value, message: unitNeedsCommuneMessage(label, value, to.says) });
      return to.unit;
    }
    const under = own?.kind === UnitKind.BASE || own?.kind === UnitKind.ENTERPRISE ? own : undefined;
    if (own && !under) {
      problem(branchUnderBranchMessage(label, value, own.name));
      return null;
    }
    if (cell.codeLike && cell.asCode) {
      const unit = await createBranch(em, service, this.def.code, { code: value, name: value }, communeCode, writeScope(actor), under, {
        onCreated: this.onCreated && ((u) => this.onCreated!(em, u, actor)),
      });
      this.known.set(value, unit);
      return unit;
    }
    const code = await codeForUnitName(communeCode, value, async (c) => !!(await service.findByCodeOrNull(this.def.code, c, em)));
    const unit = await createBranch(em, service, this.def.code, { code, name: value }, communeCode, writeScope(actor), under, {
      onCreated: this.onCreated && ((u) => this.onCreated!(em, u, actor)),
    });
    this.known.set(key, unit);
    return unit;
  }

  /** The one unit a unit cell names, looked up only (nothing created, nothing said): null when none or several. */
  async lookUp(
    em: EntityManager,
    service: UnitsService,
    cell: { value: string; codeLike: boolean },
    communeCode: string | null,
  ): Promise<Unit | null> {
    if (cell.codeLike) {
      const byCode = this.known.get(cell.value) ?? (await service.findByCodeOrNull(this.def.code, cell.value, em));
      if (byCode) {
        this.known.set(cell.value, byCode);
        return byCode;
      }
    }
    const { found } = await this.namedHere(em, cell.value, communeCode);
    return found.length === 1 ? found[0] : null;
  }

  /** The unit each sheet's name names (a workbook kept one sheet per chi hội), read once a sheet. */
  private readonly sheets = new Map<string, Unit | null>();

  /**
   * The unit a sheet is for, when its name ("Ngọc Khánh", "Chi hội Khu phố 2"), else the branch its
   * title names (reading/unit-cell.ts `titleBranch`), names exactly one of the caller's units: her rows
   * without a unit cell go there. With `create` (`--create-units`), a branch the sheet's name or else the
   * title names that she does not have yet is created; a sheet's name that names no branch ("Sheet1",
   * "Danh sách") never creates one.
   */
  async ofSheet(em: EntityManager, sheet: string | null, title: string | null = null, create?: SheetUnitCreation): Promise<Unit | null> {
    for (const name of [sheet, title]) {
      if (!name?.trim()) continue;
      if (!this.sheets.has(name)) {
        const found = await this.named(em, name, (await this.own(em))?.communeCode ?? null);
        this.sheets.set(name, found.length === 1 ? found[0] : null);
      }
      const unit = this.sheets.get(name);
      if (unit) return unit;
    }
    if (!create) return null;
    const bySheet = sheet ? await this.createdFor(em, sheet, `Tên trang tính "${sheet}"`, create) : null;
    if (bySheet) this.sheetsCreated.set(sheet!, bySheet.name);
    // A chi hội's own list on "Sheet1": "DANH SÁCH HỘI VIÊN CHI HỘI BẢN NÀ SANG" says whose it is.
    return bySheet ?? (title ? this.createdFor(em, title, `Tiêu đề "${title}"`, create) : null);
  }

  /**
   * With `--create-units`, a sheet's name or a title's branch that names a branch of no unit she has
   * ("Chi hội Thôn 3", "Chi đoàn Khu phố 2") is created as that branch, as a unit cell of that name would
   * be (in her commune); a name that names no branch ("Sheet1", "Danh sách", "Thôn 3") creates nothing.
   */
  private async createdFor(em: EntityManager, named: string, label: string, create: SheetUnitCreation): Promise<Unit | null> {
    const name = named.trim().replace(/\s+/g, ' ');
    if (!this.createUnits || !titleBranch(name)) return null;
    const cell = { value: name, codeLike: false, asCode: false, label };
    return (await this.unit(cell, create.communeCode, em, create.service, create.actor, [], true, [])) ?? null;
  }

  /** The sheets read as one unit's, with that unit's name (the import's summary says so). */
  sheetUnits(): Map<string, string> {
    return new Map([...[...this.sheets].flatMap(([sheet, u]) => (u ? [[sheet, u.name] as const] : [])), ...this.sheetsCreated]);
  }

  /** The sheets whose branch `--create-units` created, with its name. */
  private readonly sheetsCreated = new Map<string, string>();

  /**
   * Whether a branch's name is read within the row's commune: for a caller whose units span several
   * communes (names like "Chi hội Tổ 2" repeat in every commune: the province, or an organization's
   * office over several xã); a secretariat kept to one commune names her own branches, whatever
   * commune a member lives in.
   */
  private async byCommune(em: EntityManager): Promise<boolean> {
    if (this.communeWide === undefined) {
      const communes = new Set(
        (await this.all(em))
          .filter((u) => u.communeCode !== null && inScope(this.scope, { organizationCode: this.def.code, unitPath: u.path }))
          .map((u) => u.communeCode),
      );
      this.communeWide = unitPathLimit(this.scope) === null || communes.size > 1;
    }
    return this.communeWide;
  }
  private communeWide?: boolean;

  /** The key a unit created from a name is kept under: with its commune when names are read by commune. */
  private async createdKey(em: EntityManager, value: string, communeCode: string | null): Promise<string> {
    return `name:${(await this.byCommune(em)) ? `${communeCode ?? ''}:` : ''}${unitNameKey(value)}`;
  }

  /**
   * The units a row's name means where the row is: for a caller over several communes, a commune's
   * branch (a chi hội under a xã's cơ sở) is never taken for a row of another commune — those are
   * `elsewhere`, said in the warning — a workplace's (under an enterprise) is wherever its members live.
   */
  private async namedHere(em: EntityManager, value: string, communeCode: string | null): Promise<{ found: Unit[]; elsewhere: Unit[] }> {
    const found = await this.named(em, value, communeCode);
    if (!communeCode || !(await this.byCommune(em))) return { found, elsewhere: [] };
    const byId = (this.byId ??= new Map((await this.all(em)).map((u) => [u.id, u])));
    const ofAnother = (u: Unit) =>
      u.kind === UnitKind.BRANCH &&
      u.communeCode !== null &&
      u.communeCode !== communeCode &&
      byId.get(u.parentId ?? '')?.kind === UnitKind.BASE;
    return { found: found.filter((u) => !ofAnother(u)), elsewhere: found.filter(ofAnother) };
  }

  /**
   * The units in the caller's scope a name means: by the whole name, else by the place it is for;
   * of several, those of the row's commune.
   */
  private async named(em: EntityManager, value: string, communeCode: string | null): Promise<Unit[]> {
    const mine = (units: Unit[] | undefined) =>
      (units ?? []).filter((u) => inScope(this.scope, { organizationCode: this.def.code, unitPath: u.path }));
    let found = mine((await this.byName(em)).get(unitNameKey(value)));
    for (const depth of ['unit', 'place'] as const) {
      const place = found.length ? null : unitPlaceKey(value, depth);
      if (place) found = mine((await this.byPlace(em, depth)).get(place));
    }
    if (found.length > 1 && communeCode) {
      const there = found.filter((u) => u.communeCode === communeCode);
      if (there.length) found = there;
    }
    return found;
  }

  private async byName(em: EntityManager): Promise<Map<string, Unit[]>> {
    this.names ??= groupUnits(await this.all(em), (u) => unitNameKey(u.name));
    return this.names;
  }

  private async byPlace(em: EntityManager, depth: 'unit' | 'place'): Promise<Map<string, Unit[]>> {
    const all = await this.all(em);
    return (this.places[depth] ??= groupUnits(all, (u) => unitPlaceKey(u.name, depth)));
  }

  /** The organization's units by id (read once, as `all`): a branch's parent. */
  private byId: Map<string, Unit> | null = null;

  private async all(em: EntityManager): Promise<Unit[]> {
    this.units ??= await em.getRepository(Unit).findBy({ organizationCode: this.def.code });
    return this.units;
  }
}

function groupUnits(units: Unit[], keyOf: (u: Unit) => string | null): Map<string, Unit[]> {
  const out = new Map<string, Unit[]>();
  for (const u of units) {
    const k = keyOf(u);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), u]);
  }
  return out;
}

/**
 * A branch under the organization's base unit of the commune (the base unit is created when missing).
 * (Finding or creating a unit belongs to membership's units; it stays here while that file is not ours to change.)
 * The demo's load creates its named branches with it before importing (`seed --demo --load`).
 */
export async function createBranch(
  em: EntityManager,
  service: UnitsService,
  org: string,
  branch: { code: string; name: string },
  communeCode: string,
  scope: RecordScope,
  /** The base unit to create it under (a secretariat's own), else the commune's. */
  under?: Unit,
  /** Told of each unit created: the branch, and the base unit when it had to be made. */
  tell: { onCreated?: (unit: Unit) => Promise<void> } = {},
): Promise<Unit> {
  const repo = em.getRepository(Unit);
  let base = under ?? (await repo.findOne({ where: { organizationCode: org, kind: UnitKind.BASE, communeCode }, order: { code: 'ASC' } }));
  if (!base) {
    // Named by its commune ("Cơ sở Phường Ba Đình"), as a secretary would look for it.
    const [commune] = await em.query<{ name: string }[]>(`SELECT name FROM commune WHERE code = $1`, [communeCode]);
    const name = `Cơ sở ${commune?.name ?? `xã ${communeCode}`}`;
    base = await service.create({ organization: org, code: `${org}-${communeCode}`, name, kind: UnitKind.BASE, communeCode }, scope, em);
    await tell.onCreated?.(base);
  }
  const created = await service.create({ organization: org, ...branch, kind: UnitKind.BRANCH, parent: base.code }, scope, em);
  await tell.onCreated?.(created);
  return created;
}
