import { DomainError } from '../../common/errors/domain-error.js';
import type { GeographyService } from '../../geography/geography.service.js';

/** The records a commune filter keeps: today's codes it stands for, and an old code still on records not yet settled. */
export interface CommuneFilter {
  codes: string[];
  enteredCode: string | null;
}

/**
 * A roster's commune filter (the list's and the export's alike): a code today's or from before the
 * 2025 merger; an old code split between communes stands for each of them. An unknown one is refused.
 */
export function communeFilter(communes: Pick<GeographyService, 'resolve'>, code: string): CommuneFilter {
  const r = communes.resolve({ code });
  if (r.kind === 'NOT_FOUND')
    throw DomainError.invalidInput([
      { field: 'commune', value: code, message: `Không có xã/phường mã '${code}': chọn xã trong danh sách, hoặc bỏ lọc theo xã` },
    ]);
  return { codes: r.commune ? [r.commune.code] : r.candidates.map((c) => c.code), enteredCode: r.legacy ? r.enteredCode : null };
}

/** SQL over `r` (member_record) for a commune filter, its two parameters numbered `codes` and `entered`. */
export const communeCondition = (f: CommuneFilter, codes: string, entered: string): string =>
  f.enteredCode
    ? `(r.commune_code = ANY(${codes}) OR (r.commune_code IS NULL AND r.commune_entered_code = ${entered}))`
    : `r.commune_code = ANY(${codes})`;
