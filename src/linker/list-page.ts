/** Rows of a list of the linker's results (pairs to review, flagged records): 50 unless asked, 1 to 500. */
export function listPageSize(first: number | null | undefined): number {
  return Math.min(500, Math.max(1, first ?? 50));
}
