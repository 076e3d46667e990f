import { unitPathLimit, type RecordScope } from '../../access/record-scope.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { ImportUnits, type UnitCreated } from './import-units.js';
import type { NewRows } from './known-members.js';
import type { PrepareWorkers } from './prepare-workers.js';

/** Up to this many new records an import links at once; beyond, one batch run links them all. */
const INCREMENTAL_LINK_LIMIT = 1000;

/**
 * What an apply chunk changes in the context (the records it created, to link), to be put back when
 * its transaction is rolled back. Only that: the apply reads no code and creates no unit, and a copy
 * of the codes seen (a million at a province's size) for every chunk made the apply quadratic.
 */
export interface ContextCheckpoint {
  created: number;
  linkNow: boolean;
}

/** What one import keeps between batches: the codes seen, the units known or created, the records to link. */
export class ImportContext {
  /** Each Mã hồ sơ read so far, with where it was first (a second one in the file is rejected). */
  readonly seen = new Map<string, string>();
  readonly units: ImportUnits;
  /** Whether anyone was ever erased: when not, no row needs its tombstone keys (two HMACs) computed. */
  anyTombstone = true;
  /** The new members so far, with where each is: the same member written again is held (`known-members.ts`). */
  readonly newRows: NewRows = new Map();
  /** Her decisions on held rows, by place (`held-decisions.ts`): set from the run's options. */
  decisions = new Map<string, string | null>();

  /** Whether a line of her file is the record of that code: a line of this batch, or one read before. */
  claimed(batch: { row: { externalId: string } }[]): (code: string) => boolean {
    const here = new Set(batch.map((p) => p.row.externalId));
    return (code) => here.has(code) || this.seen.has(code);
  }
  /** Records created, linked at the end while the import stays small. */
  readonly createdIds: string[] = [];
  linkNow = true;
  /** A preview found units to create (`--create-units`; rolled back): its confirmation plans again, creating them. */
  unitsPlanned = false;
  /** The units the run creates (a preview's: those it would create), their names by id. */
  readonly unitsCreated = new Map<string, string>();
  /** About how many rows its file holds, by its size (0: unknown): a long file prepares its rows in worker threads from the first. */
  expectedRows = 0;
  /** The worker threads preparing its rows, as they start (undefined: not started yet; null: none, prepared in the importing thread). */
  workers: Promise<PrepareWorkers | null> | undefined = undefined;
  /** The subtree of a secretariat kept to one unit (null: the whole organization). */
  readonly ownUnitPath: string | null;

  constructor(
    readonly def: OrganizationDefinition,
    readonly scope: RecordScope,
    readonly createUnits: boolean,
    readonly today: string,
    readonly fileName: string,
    /** Each unit `--create-units` creates, told in its transaction (the import audits it with its job). */
    onUnitCreated?: UnitCreated,
  ) {
    this.units = new ImportUnits(def, scope, createUnits, (em, unit, by) => {
      this.unitsCreated.set(unit.id, unit.name);
      return onUnitCreated?.(em, unit, by) ?? Promise.resolve();
    });
    this.ownUnitPath = unitPathLimit(scope);
  }

  /** The linking policy: a small import is linked as it lands; a large one waits for one batch run (`lienthong link`). */
  noteCreated(ids: string[]): void {
    if (this.linkNow && this.createdIds.length + ids.length <= INCREMENTAL_LINK_LIMIT) this.createdIds.push(...ids);
    else this.linkNow = false;
  }

  /** What an apply chunk changes here, to be put back when its transaction is rolled back. */
  checkpoint(): ContextCheckpoint {
    return { created: this.createdIds.length, linkNow: this.linkNow };
  }

  restore(c: ContextCheckpoint): void {
    this.createdIds.length = c.created;
    this.linkNow = c.linkNow;
  }
}
