import { Alert, Button, List, Typography } from 'antd';
import { useQuery } from 'urql';
import { errorText } from '../../client.ts';
import type { VariablesOf } from '../../graphql.ts';
import { T } from '../../text.ts';
import { useDebounced } from '../../useDebounced.ts';
import { DUPLICATES, ELIGIBILITY } from './member-api.ts';
import { useOrganizationName } from '../useOrganizationName.ts';

/** What the form holds so far, as the checks read it. */
export interface Draft {
  organization: string;
  fullName?: string;
  birthDate?: string;
  sex?: 'MALE' | 'FEMALE';
  idNumber?: string;
  phone?: string;
  communeCode?: string;
  joinDate?: string;
  /** Her Chức vụ and the organization's own fields, as typed (an officer may stay past the age limit). */
  profile?: Record<string, string | undefined>;
}

type DuplicateInput = VariablesOf<typeof DUPLICATES>['input'];

/** The check waits this long after the last keystroke (the issue's 400 ms). */
export const CHECK_DELAY_MS = 400;

/**
 * A birth date whole enough to compare: a year, a month/year or a day, written as secretaries write
 * them and the server reads them (`12/8/1985`, `12.8.1985`, `12-8-1985`, `3/2010`, `T3/2010`,
 * `1985-08-12`); a two-digit year waits (`20/3/19` may be the start of `20/3/1985`).
 */
export const BIRTH_READY = /^((t|tháng)\s*)?(\d{1,2}\s*[/.-]\s*){0,2}\d{4}$|^\d{4}-\d{2}(-\d{2})?$/i;
const blankless = (d: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(d)
      .filter(([, v]) => v !== undefined && v.trim() !== '')
      .map(([k, v]) => [k, v!.trim()]),
  );

/**
 * The duplicate warning as she types: once a name and a birth date are there, 400 ms after the last
 * keystroke, candidates from every organization with the evidence in words (names only within her rights).
 */
export function DuplicateWarning({ draft, exclude, onOpen }: { draft: Draft; exclude?: string; onOpen: (id: string) => void }) {
  const ready = !!draft.fullName?.trim().includes(' ') && BIRTH_READY.test(draft.birthDate?.trim() ?? '');
  const probe = ready
    ? JSON.stringify(
        blankless({
          fullName: draft.fullName,
          birthDate: draft.birthDate,
          sex: draft.sex,
          idNumber: draft.idNumber,
          phone: draft.phone,
          communeCode: draft.communeCode,
          organization: draft.organization,
        }),
      )
    : '';
  const settled = useDebounced(probe, CHECK_DELAY_MS);
  const [result] = useQuery({
    query: DUPLICATES,
    variables: { input: (settled ? JSON.parse(settled) : {}) as DuplicateInput },
    pause: !settled,
  });
  // Each candidate's organization by its name (the list the roster already asked for: no new request).
  const orgName = useOrganizationName();
  if (!ready) return <Typography.Paragraph type="secondary">{T.form.duplicateCheckNeeds}</Typography.Paragraph>;
  // Her name with what tells two namesakes apart: born when, in which chi hội (within her rights).
  const withWho = (c: { fullName?: string | null; birthDate?: string | null; unitName?: string | null }) =>
    c.fullName ? [c.fullName, c.birthDate && T.form.bornOn(c.birthDate), c.unitName].filter(Boolean).join(', ') : null;
  if (result.error) return <Alert type="error" showIcon title={errorText(result.error, T.error.network)} />;
  if (settled !== probe || result.fetching || !result.data)
    return (
      <Typography.Paragraph type="secondary" aria-live="polite">
        {T.form.checking}
      </Typography.Paragraph>
    );
  // Her own organization's candidates first (a second record of hers is what she must not make); while she
  // edits a record, only those: the same person's records elsewhere are his memberships, shown on his page.
  const own = (c: { organization: string }) => Number(c.organization === draft.organization);
  const found = result.data.possibleDuplicates
    .filter((c) => !exclude || (c.recordId !== exclude && own(c)))
    .sort((a, b) => own(b) - own(a));
  if (!found.length)
    return (
      <Typography.Paragraph type="secondary" aria-live="polite">
        {exclude ? T.form.noOtherDuplicates : T.form.noDuplicates}
      </Typography.Paragraph>
    );
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="duplicate-warning"
      title={T.form.duplicatesTitle(found.length)}
      description={
        <>
          <Typography.Paragraph>{found.some(own) ? T.form.duplicatesHint : T.form.elsewhereHint}</Typography.Paragraph>
          {/* Vertical: the button under the candidate, whose name and evidence keep the whole width (a phone's 390 px too). */}
          <List
            size="small"
            itemLayout="vertical"
            dataSource={found}
            renderItem={(c) => (
              <List.Item
                style={{ paddingInline: 0 }}
                actions={
                  c.recordId
                    ? [
                        <Button key="open" size="small" onClick={() => onOpen(c.recordId!)}>
                          {T.form.openCandidate}
                        </Button>,
                      ]
                    : []
                }
              >
                {/* Her own organization's record: what agrees, without the linker's chance of two organizations' records being one
                    person (which counts one organization against it: "0,4%" under "Có thể đã có người này" said two things at once). */}
                <List.Item.Meta
                  title={
                    own(c)
                      ? T.form.ownCandidate(withWho(c), c.statusLabel)
                      : T.form.candidate(withWho(c), orgName(c.organization), c.statusLabel, c.probabilityText)
                  }
                  // One line for each field's evidence: run together, where one reason ended and the next began was lost.
                  description={
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {c.evidence
                        .filter((e) => !own(c) || e.field !== 'organization')
                        .map((e) => (
                          <li key={e.field}>{e.sentence}</li>
                        ))}
                    </ul>
                  }
                />
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}

/** The organization's rules on what she has typed (age, sex), before she saves. */
export function EligibilityWarning({ draft }: { draft: Draft }) {
  const profile = Object.entries(draft.profile ?? {}).flatMap(([key, value]) => (value?.trim() ? [{ key, value: value.trim() }] : []));
  const input = JSON.stringify({
    ...blankless({ organization: draft.organization, birthDate: draft.birthDate, sex: draft.sex, joinDate: draft.joinDate }),
    ...(profile.length ? { profile } : {}),
  });
  const settled = useDebounced(input, CHECK_DELAY_MS);
  const any = !!(draft.birthDate?.trim() || draft.sex);
  const [result] = useQuery({
    query: ELIGIBILITY,
    variables: { input: JSON.parse(settled) as VariablesOf<typeof ELIGIBILITY>['input'] },
    pause: !any,
  });
  const issues = any ? (result.data?.eligibilityCheck ?? []) : [];
  if (!issues.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      title={T.form.eligibilityTitle}
      description={issues.map((i) => i.message).join(' ')}
    />
  );
}
