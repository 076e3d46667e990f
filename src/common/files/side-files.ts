// The default names of the files written beside an input: rejected rows, the roster with its codes,
// the records a whole roster lacks. The one place these names are made (CLI, import, HTTP download, register).
import path from 'node:path';

/** The Vietnamese word each side file adds before `.csv`: lỗi (errors), mã (codes), thiếu (missing). */
export const SIDE_FILES = { errors: 'loi', result: 'ma', missing: 'thieu' } as const;

export type SideFileKind = keyof typeof SIDE_FILES;

/** `ds.xlsx` → `ds.loi.csv` (or `ds.loi.xlsx`, asked for a workbook): the file name alone, from a path or an uploaded file's name. */
export function sideFileName(sourceName: string, kind: SideFileKind, ext: 'csv' | 'xlsx' = 'csv'): string {
  return `${path.basename(sourceName, path.extname(sourceName))}.${SIDE_FILES[kind]}.${ext}`;
}

/** `/data/ds.xlsx` → `/data/ds.loi.csv` (or `.loi.xlsx`): the side file beside the input. */
export function sideFile(input: string, kind: SideFileKind, ext: 'csv' | 'xlsx' = 'csv'): string {
  return path.join(path.dirname(input), sideFileName(input, kind, ext));
}
