import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

/**
 * Date cells written as ISO text (`<c t="d"><v>2003-07-10T00:00:00.000Z</v></c>`: SheetJS with
 * `cellDates`, Strict Open XML) — which the parser reads as the number 2003, i.e. a day of 1905 —
 * rewritten as text cells holding the day (`2003-07-10`), which the roster's date reading takes.
 */

const DATE_CELL = /<((?:[\w-]+:)?)c\b([^>]*?)\st\s*=\s*(["'])d\3([^>]*)>(\s*)<\1v>([^<]*)<\/\1v>/g;

/**
 * The day an ISO timestamp names, to the nearest midnight: a writer stores a local midnight in UTC
 * (Vietnam's 00:00 is 17:00 the day before). Text that is no timestamp is kept as it is. Pure.
 */
export function isoDay(text: string): string {
  const t = Date.parse(text.trim());
  if (Number.isNaN(t)) return text;
  const day = new Date(Math.round(t / 86_400_000) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** A sheet's XML with its ISO date cells made text cells of their day. Pure. */
export function isoDateCellsAsText(xml: string): string {
  return xml.replace(
    DATE_CELL,
    (_, p: string, before: string, _q: string, after: string, space: string, value: string) =>
      `<${p}c${before} t="str"${after}>${space}<${p}v>${isoDay(value)}</${p}v>`,
  );
}

/** Where to stop in `text` so that no tag, and no date cell before its value's end, is cut in two. */
function safeEnd(text: string): number {
  let end = text.length;
  const open = text.lastIndexOf('<');
  if (open > text.lastIndexOf('>')) end = open;
  const cell = text.slice(0, end).search(/<(?:[\w-]+:)?c\b[^>]*\st\s*=\s*["']d["'][^>]*>(?:(?!<\/(?:[\w-]+:)?v>)[\s\S])*$/);
  return cell >= 0 ? cell : end;
}

/** The sheet's XML as it streams, with isoDateCellsAsText applied (a cell cut between chunks kept for the next). */
export function isoDateCellStream(): Transform {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const text = carry + decoder.write(chunk);
      const end = safeEnd(text);
      carry = text.slice(end);
      done(null, isoDateCellsAsText(text.slice(0, end)));
    },
    flush(done) {
      done(null, isoDateCellsAsText(carry + decoder.end()));
    },
  });
}
