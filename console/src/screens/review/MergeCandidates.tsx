import { Button, List, Spin, Typography } from 'antd';
import { useQuery } from 'urql';
import { T } from '../../text.ts';
import { DUPLICATES } from '../member/member-api.ts';
import { useOrganizationName } from '../useOrganizationName.ts';

/** One of the person's records, as the duplicate check takes it. */
interface Probe {
  fullName: string;
  birthDate: string | null;
  communeCode: string | null;
}

/**
 * The persons the duplicate check finds like this one (its first record she may read), each with the
 * evidence in words and a button to merge it in: she picks a person by what she sees, not by its id.
 */
export function MergeCandidates(props: {
  personId: string;
  probe: Probe | null;
  /** The persons a review said are not this one: by whom and when (listed last, and said so — the check finds them or not). */
  apart: Map<string, { by: string; when: string; fullName: string | null; organization: string }>;
  /** The persons a pair still waiting for review joins to this one (the model weighed more than the name the check searches). */
  pending: { personId: string; fullName: string | null; organization: string; probabilityText: string }[];
  disabled: boolean;
  onMerge: (other: string) => void;
}) {
  const { probe } = props;
  const orgName = useOrganizationName();
  const [found] = useQuery({
    query: DUPLICATES,
    variables: {
      input: {
        fullName: probe?.fullName ?? '',
        birthDate: probe?.birthDate ?? undefined,
        communeCode: probe?.communeCode ?? undefined,
        namesakes: true,
      },
    },
    pause: !probe,
  });
  // One line per other person (a person in two organizations is found twice).
  const others = [
    ...new Map(
      (found.data?.possibleDuplicates ?? []).filter((c) => c.personId && c.personId !== props.personId).map((c) => [c.personId!, c]),
    ).values(),
  ].sort((a, b) => Number(props.apart.has(a.personId!)) - Number(props.apart.has(b.personId!)));
  // A person decided apart whom the check does not find (another spelling): still here, said so, to merge if that was a mistake.
  const decidedOnly = [...props.apart].filter(([id]) => !others.some((c) => c.personId === id));
  // A pair waiting for review: its other person first, with the model's chance, whether the name search finds her or not.
  const pending = [...new Map(props.pending.map((p) => [p.personId, p])).values()].filter((p) => !props.apart.has(p.personId));
  const items = [
    ...pending.map((p) => ({ personId: p.personId, fullName: p.fullName, organization: p.organization, found: null, pending: p })),
    ...others
      .filter((c) => !pending.some((p) => p.personId === c.personId))
      .map((c) => ({ personId: c.personId!, fullName: c.fullName ?? null, organization: c.organization, found: c, pending: null })),
    ...decidedOnly.map(([personId, d]) => ({ personId, fullName: d.fullName, organization: d.organization, found: null, pending: null })),
  ];
  if (!probe) return null;
  if (found.fetching) return <Spin size="small" />;
  if (!items.length) return <Typography.Paragraph type="secondary">{T.person.noCandidates}</Typography.Paragraph>;
  return (
    <List
      size="small"
      itemLayout="vertical"
      header={T.person.candidates}
      dataSource={items}
      renderItem={(c) => {
        const apart = props.apart.get(c.personId);
        return (
          <List.Item
            style={{ paddingInline: 0 }}
            actions={[
              <Button key="merge" size="small" danger={!!apart} disabled={props.disabled} onClick={() => props.onMerge(c.personId)}>
                {apart ? T.person.mergeAnyway : T.person.mergeThis}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                c.pending
                  ? T.person.pendingPair(c.fullName, orgName(c.organization), c.pending.probabilityText)
                  : apart || !c.found
                    ? T.person.decidedApart(c.fullName, orgName(c.organization), apart?.by ?? '', apart?.when ?? '')
                    : T.form.candidate(c.fullName, orgName(c.organization), c.found.statusLabel, c.found.probabilityText)
              }
              description={
                c.found ? `${apart ? `${c.found.probabilityText}. ` : ''}${c.found.evidence.map((e) => e.sentence).join(' ')}` : undefined
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
