import type { CommuneFromAddress } from '../../geography/commune-from-address.js';

export interface BareAddress {
  text: string;
  column: string;
  communeCode: string | null;
  warning?: string;
}

/** What reading a row needs beyond its cells: today (dates), and the commune of an address (one reader per import). */
export interface RowReadingContext {
  today: string;
  /** The organization's membership goes with the job: `nghỉ việc`, `nghỉ hưu` in a Ghi chú are facts (note-facts.ts). */
  workplace?: boolean;
  address?: (text: string) => CommuneFromAddress;
}

/** A row's cells as Excel stored them (`values`, .xlsx) and as text (`cells`): typed readers take the first. */
export interface RowCells {
  cells: string[];
  values?: unknown[];
}
