import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import { positionalReader, readEntryHead, readZipDirectory } from './zip-directory.js';

/**
 * The sheets of a workbook as its program named and ordered them, read from xl/workbook.xml and
 * its relationships, never from the order of the zip's parts: writers lay parts out differently
 * (openpyxl puts the sheets before the workbook and gives absolute targets), and a streaming
 * parser that only knows what it has met so far would call a sheet `Sheet1`.
 */
export interface WorkbookSheet {
  name: string;
  /** The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml`; null when its relationship is missing. */
  part: string | null;
  /** Hidden in the workbook (`state="hidden"` or `"veryHidden"`): a sheet she put out of sight. */
  hidden?: true;
}

/** workbook.xml or its relationships, at most (both are a few KB; a sheet name is at most 31 characters). */
const PART_BYTES = 1024 * 1024;
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

const unescapeXml = (t: string) =>
  t.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

/** The attributes of each element `tag` (any namespace prefix) in `xml`, by local name (`r:id` → `id`). */
function elements(xml: string, tag: string): Map<string, string>[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, 'g'))].map(
    (m) => new Map([...m[1].matchAll(/(?:[\w-]+:)?([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => [a[1], unescapeXml(a[2] ?? a[3])])),
  );
}

/** The sheet names a workbook.xml lists, in order. Pure. */
export function sheetNames(workbookXml: string): string[] {
  return elements(workbookXml, 'sheet')
    .map((a) => a.get('name'))
    .filter((n): n is string => n !== undefined);
}

/**
 * Each sheet workbook.xml lists, in its order, with the part its relationship points to: a target
 * is relative to xl/ (`worksheets/sheet1.xml`, as Excel and LibreOffice write) or absolute in the
 * package (`/xl/worksheets/sheet1.xml`, as openpyxl writes). Pure.
 */
export function workbookSheets(workbookXml: string, relsXml: string): WorkbookSheet[] {
  const targets = new Map(elements(relsXml, 'Relationship').map((a) => [a.get('Id'), a.get('Target')]));
  return elements(workbookXml, 'sheet')
    .filter((a) => a.has('name'))
    .map((a) => {
      const target = targets.get(a.get('id'));
      const part = target === undefined ? null : target.startsWith('/') ? target.slice(1) : posix.join('xl', target);
      const hidden = a.get('state') === 'hidden' || a.get('state') === 'veryHidden';
      return { name: a.get('name')!, part: part && posix.normalize(part), ...(hidden ? { hidden: true as const } : {}) };
    });
}

/** Whether a workbook.xml counts its dates from 1904 (`<workbookPr date1904="1"/>`, old Mac Excel, some writers). Pure. */
export function isDate1904(workbookXml: string): boolean {
  const value = elements(workbookXml, 'workbookPr')[0]?.get('date1904');
  return value === '1' || value === 'true';
}

/** The sheets of an .xlsx (see workbookSheets); empty when its workbook part is missing or unreadable. */
export async function readWorkbookSheets(file: string): Promise<WorkbookSheet[]> {
  return (await readWorkbook(file)).sheets;
}

/**
 * The part of the workbook's shared strings or styles, as its relationships name it (relative to
 * xl/ or absolute), or where Excel puts it when they do not say. Pure.
 */
export function workbookPart(relsXml: string, kind: 'sharedStrings' | 'styles'): string {
  const target = elements(relsXml, 'Relationship')
    .find((a) => a.get('Type')?.endsWith(`/${kind}`))
    ?.get('Target');
  if (target === undefined) return `xl/${kind}.xml`;
  return posix.normalize(target.startsWith('/') ? target.slice(1) : posix.join('xl', target));
}

/** What a parser needs to know of an .xlsx before reading its sheets, from xl/workbook.xml and its relationships. */
export interface WorkbookOutline {
  sheets: WorkbookSheet[];
  /** Dates counted from 1904 (old Mac Excel, some writers) rather than 1900. */
  date1904: boolean;
  sharedStrings: string;
  styles: string;
}

/** The outline of an .xlsx; no sheets when its workbook part is missing or unreadable (the parser then reports it). */
export async function readWorkbook(file: string): Promise<WorkbookOutline> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const readAt = positionalReader(fh);
    const entries = await readZipDirectory(size, readAt);
    const text = async (name: string) => {
      const entry = entries.find((e) => e.name === name);
      return entry ? (await readEntryHead(entry, PART_BYTES, readAt)).toString('utf8') : '';
    };
    const [workbook, rels] = [await text(WORKBOOK), await text(WORKBOOK_RELS)];
    return {
      sheets: workbookSheets(workbook, rels),
      date1904: isDate1904(workbook),
      sharedStrings: workbookPart(rels, 'sharedStrings'),
      styles: workbookPart(rels, 'styles'),
    };
  } catch {
    return { sheets: [], date1904: false, sharedStrings: 'xl/sharedStrings.xml', styles: 'xl/styles.xml' };
  } finally {
    await fh.close();
  }
}
