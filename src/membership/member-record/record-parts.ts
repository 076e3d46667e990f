import { Injectable } from '@nestjs/common';

/**
 * A member's page in one statement (issue 19): the record, its unit, its history and what the
 * features above the core add to a record (the linker's flags) read together, instead of one
 * round trip each. Each part is a field of `MemberRecord` and an SQL expression of the record's id
 * giving that field's JSON; the core registers its history, a feature its own fields (the core
 * cannot import them). The parts read with a record are kept beside its GraphQL object, for that
 * object's field resolvers (`partOf`); an object without them (a roster page's rows, a mutation's
 * answer) is resolved field by field as before.
 */
@Injectable()
export class RecordParts {
  private readonly sql = new Map<string, (recordId: string) => string>();

  constructor() {
    this.register('history', historyJson);
  }

  /** `field`'s JSON for the record whose id is the SQL expression `recordId`. */
  register(field: string, sqlOf: (recordId: string) => string): void {
    this.sql.set(field, sqlOf);
  }

  /** The registered fields among those a request asks for. */
  asked(asks: (field: string) => boolean): string[] {
    return [...this.sql.keys()].filter(asks);
  }

  sqlOf(field: string, recordId: string): string {
    const of = this.sql.get(field);
    if (!of) throw new Error(`no record part '${field}'`);
    return `(${of(recordId)})`;
  }
}

/** One history event as the page's statement gives it (units by code and name, times as JSON text). */
export interface HistoryJson {
  id: string;
  kind: string;
  effectiveDate: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromUnit: { code: string; name: string } | null;
  toUnit: { code: string; name: string } | null;
  reason: string | null;
  recordedAt: string;
  voids: string | null;
}

/** The record's history in the order `MemberRecordsService.history` reads it, with its units' codes and names. */
const historyJson = (recordId: string) =>
  `SELECT json_agg(json_build_object('id', e.id, 'kind', e.kind, 'effectiveDate', e.effective_date, 'fromStatus', e.from_status,
            'toStatus', e.to_status, 'reason', e.reason, 'recordedAt', e.recorded_at, 'voids', e.voids,
            'fromUnit', CASE WHEN fu.id IS NULL THEN NULL ELSE json_build_object('code', fu.code, 'name', fu.name) END,
            'toUnit', CASE WHEN tu.id IS NULL THEN NULL ELSE json_build_object('code', tu.code, 'name', tu.name) END)
          ORDER BY e.recorded_at, e.id)
     FROM membership_event e LEFT JOIN unit fu ON fu.id = e.from_unit_id LEFT JOIN unit tu ON tu.id = e.to_unit_id
    WHERE e.record_id = ${recordId}`;

const kept = new WeakMap<object, Map<string, unknown>>();

/** Keeps the parts read with a record beside its GraphQL object. */
export function keepParts(record: object, parts: Map<string, unknown>): void {
  kept.set(record, parts);
}

/** A part read with the record (`{ value }`, null when it has none), or undefined when it was not. */
export function partOf<T>(record: object, field: string): { value: T | null } | undefined {
  const parts = kept.get(record);
  return parts?.has(field) ? { value: (parts.get(field) ?? null) as T | null } : undefined;
}
