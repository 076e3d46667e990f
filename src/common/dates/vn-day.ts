/**
 * `dd/mm/yyyy`, as Vietnamese papers and rosters write a day: `2026-12-31` → `31/12/2026`. The one
 * place for this format; it reads the `yyyy-mm-dd` at the start of an ISO text as it is (no time zone).
 */
export const formatVnDay = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
