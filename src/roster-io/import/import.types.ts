export interface ImportOptions {
  organization: string;
  createUnits?: boolean;
  sheet?: string | null;
  /** Rows per transaction. */
  batchSize?: number;
  /** Give rows without a Mã hồ sơ a code (from the file's hash and the row), written to `resultFile`. */
  assignIds?: boolean;
  /** With `assignIds`: the roster with every code filled in (default `<name>.ma.csv` beside the input, named by `common/files/side-files.ts`). */
  resultFile?: string | null;
  /** False: no result file is written (an upload: the codes are on the records and in the error file). */
  writeResult?: boolean;
  /** List the organization's records that the file does not contain (to end or keep). */
  full?: boolean;
  /** Plan only (the preview, `--dry-run`): nothing is written to the records; the job waits for `confirmImport` (PREVIEW). */
  preview?: boolean;
  /** Import even when most rows break the organization's rules: the secretariat's reason (kept on the job, audited). */
  acceptIneligible?: string | null;
  /** Her header → our field, overriding how the headers are read (a corrected mapping). */
  mapping?: { header: string; field: string }[] | null;
  /** The remembered mapping (`rememberMapping`) the file is first read by: kept on its job (`ImportJobs.keptMapping`). */
  rememberedMapping?: { header: string; field: string }[] | null;
  /**
   * A console preview without a mapping of its own: her secretariat's corrections of earlier imports
   * (the same headers) are read again, and the preview names the columns they changed.
   */
  rememberMapping?: boolean;
  /** Her decisions on held rows (a console preview planned again): each such row is the record she named, or someone new. */
  decisions?: HeldDecision[] | null;
}

/** A waiting job confirmed, or (`again`) planned again as a new preview with her corrections. */
export interface ConfirmOptions {
  mapping?: { header: string; field: string }[] | null;
  acceptIneligible?: string | null;
  again?: boolean;
  decisions?: HeldDecision[] | null;
  /** Planning again: create the units her file names that do not exist (she ticked it at the preview, not at the upload). */
  createUnits?: boolean;
}

/** What the secretary decided a held row is: the candidate record of that code, or (code null) someone else, a new record. */
export interface HeldDecision {
  sheet: string | null;
  /** The spreadsheet row number. */
  row: number;
  code: string | null;
  /** She took back a decision made before (the row is held again). */
  forget?: boolean;
}

export interface ImportProgress {
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows written with warnings (optional cells left empty, eligibility): kept on their records. */
  warned: number;
  /** Rows without their own code held for a decision (a doubtful match): not written. */
  held: number;
}

export interface ImportSummary extends ImportProgress {
  jobId: string;
  /** The input's format (by its content): the error and result files are written in it. */
  format: 'csv' | 'xlsx';
  /** A CSV's delimiter, as her Excel wrote it (`;` where the list separator is one): her error and result files use it. */
  delimiter: ',' | ';' | null;
  resumed: boolean;
  /** Sheets read, with the row of their header (or why they were skipped). */
  sheets: { name: string | null; headerRow: number | null; note: string | null }[];
  /** Her headers and the field each was read as (the preview's mapping). */
  mapping: { header: string; field: string }[];
  /** The job's state: DONE, or waiting (PREVIEW, NEEDS_CONFIRMATION: nothing written). */
  status: string;
  /** The plan's rows by fate (and the SKIPPED lines); null before the file is planned (a confirmation without a new plan). */
  planned: Record<string, number> | null;
  /** Why the file waits (most rows break the organization's rules), in Vietnamese; null when it does not. */
  waiting: string | null;
  /** Headers that matched no template column (ignored). */
  ignoredColumns: string[];
  /** Her columns read as nothing, named as the mapping names them (two-row headers joined): the preview offers a field for each. */
  unusedColumns: string[];
  /** Her headers the mapping read otherwise than the headers alone say (a corrected or remembered mapping). */
  remapped: string[];
  /** Heading lines among her members naming their chi hội ("I. CHI HỘI BẢN HUA THANH": sheet-reader.ts `section`). */
  sectionHeadings?: number;
  /** Lines under a header that are no member (totals, date, signature lines, an STT alone), with why: never written. Consecutive lines of one reason are one entry (`dòng 302–8001 (7700 dòng)`); at most 500 entries and one for the rest. */
  skippedRows: { place: string; reason: string }[];
  /** How many such lines there were. */
  skippedLines: number;
  /** With `full`: Mã hồ sơ of the records (in the caller's scope) that the file does not list. */
  missing: string[] | null;
  /** With `assignIds`: the file with the codes written back. */
  resultFile: string | null;
  /** The new records were linked at once (an import of at most 1,000 new records); otherwise run `lienthong link`. */
  linked: boolean;
}
