import type { ImportSummary } from './import.types.js';
import { rowPlace, type SkippedRow } from './sheet-reader.js';

/**
 * Lines kept one by one (`importJob { skipped }`, the result file). A file with more (a template
 * numbered down to row 50,000, a million stray cells) is counted and listed in runs, never held
 * whole: the server reads it in bounded memory.
 */
export const SKIPPED_KEPT = 10_000;
/** Entries of the summary's list (the CLI prints each); a run of one reason on consecutive rows is one entry. */
export const SKIPPED_LISTED = 500;

/** The lines under a header that are no member, as the reading meets them: counted, listed in runs, the first ones kept. */
export class SkippedLines {
  /** The first `SKIPPED_KEPT` lines, in file order. */
  readonly kept: SkippedRow[] = [];
  total = 0;
  private run: { sheet: string | null; from: number; to: number; reason: string; entry: { place: string; reason: string } } | null = null;
  private unlisted = 0;

  constructor(private readonly listed: ImportSummary['skippedRows']) {}

  add(line: SkippedRow): void {
    this.total++;
    if (this.kept.length < SKIPPED_KEPT) this.kept.push(line);
    const { sheet, row } = line.source;
    const run = this.run;
    if (run && run.sheet === sheet && run.reason === line.reason && row === run.to + 1) {
      run.to = row;
      run.entry.place = `dòng ${run.from}–${row} (${row - run.from + 1} dòng${sheet ? `, trang ${sheet}` : ''})`;
      return;
    }
    this.run = null;
    if (this.listed.length >= SKIPPED_LISTED) {
      this.unlisted++;
      return;
    }
    const entry = { place: rowPlace(line.source), reason: line.reason };
    this.listed.push(entry);
    this.run = { sheet, from: row, to: row, reason: line.reason, entry };
  }

  /** Ends the list: the lines it does not name, counted in one last entry. */
  finish(): void {
    if (this.unlisted)
      this.listed.push({ place: `${this.unlisted} dòng khác`, reason: 'cũng không phải hội viên (không liệt kê từng dòng)' });
  }
}
