/** What a reader gets of a report beyond its stored figures: its rows and its suspected phantoms (counting, reading and the documents share them). */

export interface ReportRowView {
  organizationCode: string;
  communeCode: string | null;
  communeName: string | null;
  memberships: number;
  people: number;
  duplicateRecords: number;
  withoutIdNumber: number;
  suspectedPhantoms: number;
  joiners: number;
  leavers: number;
  /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); null in a report made before it was kept. */
  struck: number | null;
  eligible: number | null;
  /** The row's people not suspected of being phantoms, where `eligible` is known. */
  reached: number | null;
  /** `reached` against the commune's eligible population (null: the register cannot say). */
  rate: number | null;
}

/** A row as counted and stored: the commune's name and the rate are added when it is read. */
export type CountedRow = Omit<ReportRowView, 'communeName' | 'rate'>;

export interface ReportPhantomView {
  recordId: string;
  organizationCode: string;
  externalId: string;
  fullName: string;
  birthYear: number | null;
  communeCode: string | null;
  communeName: string | null;
  unitCode: string | null;
  unitName: string | null;
  reasons: string[];
}
