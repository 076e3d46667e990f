import { addressQuery } from '../address-query.ts';

/** What Cảnh báo shows, as its address says it (codes only, never a person). */
export interface FlagsFilter {
  /** A flag code, or AO for the suspected phantoms. */
  code?: string;
  /** Suspected for this reason (with AO). */
  reason?: string;
  organization?: string;
  /** A unit of the organization, with its chi hội. */
  unit?: string;
  commune?: string;
  /** The records without a commune ("Chưa rõ xã"; a commune given wins). */
  noCommune?: boolean;
  /** Only those the Ban Dân vận asked the secretariat to look at ("đề nghị chú ý"), undecided. */
  attention?: boolean;
  /** Only those suspected since this moment (ISO; her previous log-in, "since your last visit"). */
  since?: string;
}

/** Cảnh báo's address: `#/canh-bao?loai=<mã cảnh báo|AO>&ly-do=<lý do>&xa=<mã xã>` (or `chua-ro-xa=1`) `&to-chuc=<mã tổ chức>&don-vi=<mã đơn vị>&chu-y=1&moi-tu=<thời điểm ISO>`. */
export function flagsHref(f: FlagsFilter): string {
  const q = new URLSearchParams();
  if (f.code) q.set('loai', f.code);
  if (f.reason) q.set('ly-do', f.reason);
  if (f.commune) q.set('xa', f.commune);
  else if (f.noCommune) q.set('chua-ro-xa', '1');
  if (f.organization) q.set('to-chuc', f.organization);
  if (f.unit) q.set('don-vi', f.unit);
  if (f.attention) q.set('chu-y', '1');
  if (f.since) q.set('moi-tu', f.since);
  return `#/canh-bao${q.size ? `?${q.toString()}` : ''}`;
}

/** The filters an address of Cảnh báo gives (`flagsHref` read back). */
export function flagsFilterOf(hash: string): FlagsFilter {
  const q = addressQuery(hash);
  const commune = q.get('xa') ?? undefined;
  return {
    code: q.get('loai') ?? undefined,
    reason: q.get('ly-do') ?? undefined,
    organization: q.get('to-chuc') ?? undefined,
    unit: q.get('don-vi') ?? undefined,
    commune,
    noCommune: !commune && q.get('chua-ro-xa') === '1',
    attention: q.get('chu-y') === '1',
    since: q.get('moi-tu') ?? undefined,
  };
}
