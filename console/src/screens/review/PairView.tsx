import { Grid, Table, Tag, Typography } from 'antd';
import { T } from '../../text.ts';
import { COMPARE_TONE } from '../../tones.ts';
import type { Pair, Side } from './review-api.ts';

type Compare = 'agree' | 'near' | 'differ' | 'neutral' | 'unknown' | 'other';

/** A row of the side-by-side table: a field of both records, and which evidence (by its field) compares them. */
const ROWS: { key: string; evidence?: string; value: (s: Side) => string | null }[] = [
  { key: 'name', evidence: 'name', value: (s) => s.fullName },
  { key: 'birth', evidence: 'birth', value: (s) => s.birthDate },
  { key: 'sex', evidence: 'sex', value: (s) => s.sex },
  { key: 'id', evidence: 'id', value: (s) => s.idNumberMasked },
  { key: 'phone', evidence: 'phone', value: (s) => s.phoneMasked },
  { key: 'organization', evidence: 'organization', value: (s) => s.organizationName },
  { key: 'commune', evidence: 'commune', value: (s) => s.communeName ?? s.communeCode },
  { key: 'unit', value: (s) => s.unitName ?? s.unitCode },
  { key: 'code', value: (s) => s.externalId },
  { key: 'status', value: (s) => s.statusLabel },
  { key: 'flags', value: (s) => (s.flagLabels ? s.flagLabels.join(', ') || T.dash : null) },
];

/** The rows shown masked, compared by their evidence's level, never by the masked text. */
const MASKED = ['id', 'phone'];
const MASKED_LEVEL: Record<string, Compare> = { SAME: 'agree', SAME_CMND: 'agree', ONE_SLIP: 'near', DIFFERENT: 'differ' };

/** Evidence this close to nothing says neither one person nor two (a 01/01 placeholder, a missing value). */
const SAYS_LITTLE = 0.05;

/**
 * Whether the two values agree, as the field's evidence weighs them, so that the word never
 * contradicts the sentence beneath: the same (agree); not the same but leaning towards one person
 * (near: a tone mark apart, a year against a full date, a neighbouring commune); saying little
 * either way (neutral: two days of one year, a 01/01 placeholder against a full date — "Không rõ" read
 * as if a value were missing); otherwise they differ. A value outside her rights, or missing, on either side: unknown.
 */
function compareOf(pair: Pair, row: (typeof ROWS)[number]): Compare | null {
  // A record's own code, unit, status and flags are no evidence of one person or two: nothing to say.
  if (!row.evidence) return null;
  const [a, b] = [row.value(pair.a), row.value(pair.b)];
  if (a === null || b === null) return 'unknown';
  // A number or a phone is shown masked: two numbers can look alike (0113******35) and differ. Its evidence says.
  const level = pair.evidence.find((x) => x.field === row.evidence)?.level;
  if (MASKED.includes(row.key) && level) return MASKED_LEVEL[level] ?? 'unknown';
  if (a === b) return 'agree';
  // Two organizations: what a person in several is — not evidence against, not "unknown".
  if (row.key === 'organization') return 'other';
  const e = pair.evidence.find((x) => x.field === row.evidence);
  if (!e) return 'differ';
  // A neighbouring commune, as the sentence beneath says it ("xã lân cận"): where a person who moved is found, not another place.
  if (row.key === 'commune' && e.level === 'NEAR') return 'near';
  return e.bar > SAYS_LITTLE ? 'near' : e.bar < -SAYS_LITTLE ? 'differ' : 'neutral';
}

/**
 * The two records side by side (each field within her rights), each row saying in words whether they agree:
 * in a column of its own, or on a phone under the field's name (four columns do not fit 390 px).
 */
export function PairSides({ pair }: { pair: Pair }) {
  const shown = (s: Side, v: string | null) => v ?? (s.recordId ? T.dash : T.review.hidden);
  const narrow = Grid.useBreakpoint().sm === false;
  const tag = (c: Compare | null) => c && <Tag color={COMPARE_TONE[c]}>{T.review[c]}</Tag>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={ROWS.map((r) => ({ ...r, compare: compareOf(pair, r) }))}
      columns={[
        {
          title: T.review.field,
          render: (_, r) => (
            <>
              <strong>{T.review.rows[r.key]}</strong>
              {narrow && r.compare && <div>{tag(r.compare)}</div>}
            </>
          ),
        },
        { title: T.review.sideA, render: (_, r) => shown(pair.a, r.value(pair.a)) },
        { title: T.review.sideB, render: (_, r) => shown(pair.b, r.value(pair.b)) },
        ...(narrow ? [] : [{ title: T.review.compare, render: (_: unknown, r: { compare: Compare | null }) => tag(r.compare) }]),
      ]}
    />
  );
}

/** Each field's evidence: a bar signed from the centre (right: one person; left: two) and its sentence. */
export function FieldEvidence({ pair }: { pair: Pair }) {
  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {T.review.evidence}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{T.review.evidenceHint}</Typography.Paragraph>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {pair.evidence.map((e) => (
          <li key={e.field} style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8, flexWrap: 'wrap' }}>
            <Bar value={e.bar} />
            <span style={{ flex: '1 1 240px' }}>
              <strong>{e.label}:</strong> {e.sentence}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** −1…+1 as a bar from the centre line (hidden from screen readers: the sentence says it). */
function Bar({ value }: { value: number }) {
  const width = `${Math.min(1, Math.abs(value)) * 50}%`;
  const tone = value >= 0 ? COMPARE_TONE.agree : COMPARE_TONE.differ;
  return (
    <span aria-hidden style={{ position: 'relative', display: 'inline-block', width: 160, height: 12, background: '#eceff1' }}>
      <span style={{ position: 'absolute', left: '50%', top: -2, bottom: -2, width: 1, background: '#263238' }} />
      <span
        style={{
          position: 'absolute',
          top: 0,
          bottom: 0,
          width,
          background: tone,
          ...(value >= 0 ? { left: '50%' } : { right: '50%' }),
        }}
      />
    </span>
  );
}
