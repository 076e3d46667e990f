/**
 * The console speaks to each organization in its own words: text.ts is written as a Hội says it
 * (hội viên, chi hội, hội phí), and a Đoàn secretariat reads đoàn viên, chi đoàn, đoàn phí; a Công
 * đoàn one đoàn viên công đoàn, tổ công đoàn. The words come with her session (the server's
 * organization modules say them); an account without an organization reads the Hội's.
 */
export interface Terms {
  member: string;
  branch: string;
  dues: string;
}

const HOI: Terms = { member: 'hội viên', branch: 'chi hội', dues: 'hội phí' };
let current: Terms = HOI;

/** The words of the signed-in account's organization from now on (none: the Hội's). */
export function speakAs(terms: Terms | null | undefined): void {
  current = terms ?? HOI;
}

const WORD = /([Hh])ội viên|([Cc])hi hội|([Hh])ội phí/g;
const KEY: Record<string, keyof Terms> = { 'hội viên': 'member', 'chi hội': 'branch', 'hội phí': 'dues' };
const capitalized = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** A text of the console in the current organization's words, capitals kept where a sentence starts. */
export function inTerms(text: string): string {
  if (current === HOI) return text;
  return text.replace(WORD, (m) => {
    const word = current[KEY[m.toLowerCase()]];
    return m.charAt(0) === m.charAt(0).toLowerCase() ? word : capitalized(word);
  });
}

/**
 * `base` read through `inTerms`: every string, every function's string result, at the moment it is
 * read (a screen drawn after log-in reads her organization's words). `keep` names top-level keys
 * said as they are (the product's tagline names both kinds of members).
 */
export function spoken<T extends object>(base: T, keep: ReadonlySet<string> = new Set()): T {
  const proxies = new WeakMap<object, unknown>();
  const read = (o: object, k: string | symbol, top: boolean): unknown => {
    const value: unknown = Reflect.get(o, k);
    // What an array or object inherits (map, length…) is the language's, not a text.
    if (!Object.prototype.hasOwnProperty.call(o, k) || (top && typeof k === 'string' && keep.has(k))) return value;
    return wrap(value);
  };
  const wrap = (value: unknown): unknown => {
    if (typeof value === 'string') return inTerms(value);
    if (typeof value === 'function')
      return cached(
        value,
        () =>
          (...args: unknown[]) =>
            wrapResult((value as (...a: unknown[]) => unknown)(...args)),
      );
    if (value && typeof value === 'object') return cached(value, () => new Proxy(value, { get: (o, k) => read(o, k, false) }));
    return value;
  };
  const wrapResult = (r: unknown) => (typeof r === 'string' ? inTerms(r) : r);
  const cached = (o: object, make: () => unknown) => {
    if (!proxies.has(o)) proxies.set(o, make());
    return proxies.get(o);
  };
  return new Proxy(base, { get: (o, k) => read(o, k, true) });
}
