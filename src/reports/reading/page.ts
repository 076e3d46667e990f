/** A page of a report's rows or phantoms: `first` (none: all of them, capped at `max`) from `offset`. */
export interface PageArgs {
  first?: number | null;
  offset?: number | null;
}

/** `LIMIT … OFFSET $n`: the limit written in (a checked integer or ALL), the offset as the next parameter. */
export function pageClause(f: PageArgs, max: number, params: unknown[]): string {
  const limit = f.first === undefined || f.first === null ? 'ALL' : String(Math.min(max, Math.max(1, f.first)));
  return `LIMIT ${limit} OFFSET $${params.push(Math.max(0, f.offset ?? 0))}`;
}
