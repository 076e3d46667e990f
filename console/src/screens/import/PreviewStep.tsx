import { Affix, Alert, Button, Checkbox, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { errorText } from '../../client.ts';
import { byFoldedLabel, partialDate } from '../../format.ts';
import { T } from '../../text.ts';
import { inTerms } from '../../terms.ts';
import { FATE_TONE, WARNED_TONE } from '../../tones.ts';
import { AbsentNotice } from './AbsentMembers.tsx';
import { SkippedLines } from './SkippedLines.tsx';
import { HeldChoice, type HeldDecision } from './HeldChoice.tsx';
import { COLUMNS, CONFIRM, DISCARD, PREVIEW, PREVIEW_AGAIN, type Preview } from './import-api.ts';

type Row = Preview['rows'][number];

/** The columns' reading shown a page at a time beyond this many (her columns first, then those not used). */
const MAPPING_PAGE = 30;
/** The fates in the order she reads them: what is added and changed first, what is set aside last. */
const FATE_ORDER = ['CREATED', 'UPDATED', 'UNCHANGED', 'HELD', 'REFUSED', 'SKIPPED'];
/** The rows a confirmation writes (an unchanged one is still hers: its unit's absent members are listed after). */
const WRITTEN = ['CREATED', 'UPDATED', 'UNCHANGED'];

/** Step 2: what the import will do — counts, the column mapping she may correct, every row's fate and reason. */
/** The server's advice after a number that lost its leading 0 (the same on each such row): shown once for the file. */
const FORMAT_AS_TEXT_HINT = /\.? ?Để lần sau không mất số 0, hãy định dạng cột này là Văn bản \([^)]*\)/;

export function PreviewStep(props: {
  organization: string;
  /** The unit her account keeps (a commune's office), where rows without a unit land; null: the whole organization. */
  ownUnit: string | null;
  jobId: string;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const client = useClient();
  const [after, setAfter] = useState<number | null>(null);
  // The rows read so far, by ordinal: a page read twice (the cache, then the server) replaces itself, never repeats.
  const [loaded, setLoaded] = useState<Map<number, Row>>(new Map());
  const [mapping, setMapping] = useState<{ header: string; field: string }[] | null>(null);
  // Her decisions on held rows made since the plan was read, by ordinal (undefined: for later, taking back one
  // kept on the job): planned again ("Xem lại") before anything is imported.
  const [decisions, setDecisions] = useState<Map<number, { row: Row; d: HeldDecision }>>(new Map());
  // Only the held rows, or only those she has to look at (held, refused, warned of more than a leading 0 put back), asked of the
  // server (a long file's are not all on its first pages).
  const [only, setOnly] = useState<'HELD' | 'TO_LOOK' | null>(null);
  const onlyHeld = only === 'HELD';
  // The units her file names that do not exist, created after all (she did not tick it at the upload): planned again first.
  const [createUnits, setCreateUnits] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Read from the server each time (a plan can be made again with her corrected mapping), the cache shown meanwhile.
  const [preview, readAgain] = useQuery({
    query: PREVIEW,
    variables: { jobId: props.jobId, after, fate: onlyHeld ? 'HELD' : null, toLook: only === 'TO_LOOK' || null },
    requestPolicy: 'cache-and-network',
  });
  const [columns] = useQuery({ query: COLUMNS, variables: { organization: props.organization } });
  const p = preview.data?.importPreview;
  useEffect(() => {
    if (!p) return;
    setLoaded((old) => {
      const next = new Map(after === null ? [] : old);
      for (const r of p.rows) next.set(r.ordinal, r);
      return next;
    });
  }, [p, after]);
  const rows = [...loaded.values()].sort((a, b) => a.ordinal - b.ordinal);
  const showOnly = (which: typeof only) => {
    setOnly(which);
    setAfter(null);
  };
  // Every column of her file: those read as a field, then those read as nothing ('': không dùng), each hers to change.
  const fileMapping = p ? [...p.mapping, ...p.unusedColumns.map((header) => ({ header, field: '' }))] : [];
  const shownMapping = mapping ?? fileMapping;
  const fieldOptions = [
    { value: '', label: T.imports.notUsed },
    ...(columns.data?.rosterColumns.map((c) => ({ value: c.field, label: c.field === 'unit' ? T.imports.unitField : c.header })) ?? []),
  ];
  // A name's or a birth date's correction by its column's Vietnamese header (what else changes, the server names: changedLabels).
  const headerOf = new Map(columns.data?.rosterColumns.map((c) => [c.field, c.header]));
  const changedMapping = mapping !== null && JSON.stringify(mapping) !== JSON.stringify(fileMapping);
  // What the row's choice shows: hers since the plan was read, else the one kept on the job.
  const decisionOf = (r: Row): HeldDecision =>
    decisions.has(r.ordinal) ? decisions.get(r.ordinal)!.d : r.decision ? r.decision.code : undefined;
  const decide = (row: Row, d: HeldDecision) =>
    setDecisions((old) => {
      const next = new Map(old);
      // Back to what the job keeps: nothing to send.
      if (d === (row.decision ? row.decision.code : undefined)) next.delete(row.ordinal);
      else next.set(row.ordinal, { row, d });
      return next;
    });
  const heldChoice = (r: Row) =>
    r.fate === 'HELD' ? <HeldChoice row={r} value={decisionOf(r)} narrow={narrow} onChange={(d) => decide(r, d)} /> : null;
  const heldCount = p?.counts.find((c) => c.fate === 'HELD')?.count ?? 0;
  const anyHeld = rows.some((r) => r.fate === 'HELD');
  const pending = changedMapping || decisions.size > 0 || createUnits;
  // The server's reasons are written as a Hội says them: read in her organization's words (terms.ts).
  const reasonOf = (r: Row) =>
    inTerms(
      [
        r.reason,
        r.changedLabels.length ? `${T.imports.changes}: ${r.changedLabels.join(', ')}` : null,
        // Her name, dates, phone and village changes shown as they are: she checks a correction at a glance.
        ...r.edits.map((e) => {
          const shown = (v: string | null) => (v && (e.field === 'birthDate' || e.field === 'joinDate') ? partialDate(v) : v);
          return T.imports.edit(headerOf.get(e.field) ?? e.field, shown(e.before), shown(e.after));
        }),
        r.unitBefore !== null || r.unitAfter !== null ? T.imports.unitMove(r.unitBefore, r.unitAfter, r.unitCreated) : null,
        r.unitNew ? T.imports.unitNew(r.unitNew, r.unitCreated) : null,
        r.warnings && r.warnings.replace(FORMAT_AS_TEXT_HINT, ''),
        r.noteKinds.length ? T.imports.noteSays(r.noteKinds.map((k) => T.notes.kind[k] ?? k)) : null,
        r.said ? T.imports.held.said(r.said) : null,
        r.decision && r.fate !== 'HELD' ? T.imports.held.byYou : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ) || T.dash;
  const narrow = Grid.useBreakpoint().sm === false;
  const sheets = new Set(rows.map((r) => r.sheet)).size;

  // Her corrected mapping and her decisions are planned and shown before anything is written: "Nhập" applies only a plan she has seen.
  const previewAgain = async () => {
    setBusy(true);
    setError(null);
    const decided = [...decisions.values()].map(({ row, d }) =>
      d === undefined ? { sheet: row.sheet, row: row.row, code: null, forget: true } : { sheet: row.sheet, row: row.row, code: d },
    );
    const variables = {
      jobId: props.jobId,
      mapping: changedMapping ? mapping : null,
      decisions: decided.length ? decided : null,
      createUnits: createUnits || null,
    };
    const r = await client.mutation(PREVIEW_AGAIN, variables, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (r.error) return setError(errorText(r.error, T.error.network));
    // The new plan read afresh (not from the cache), from its first page.
    setMapping(null);
    setDecisions(new Map());
    setCreateUnits(false);
    // The new plan in full: what her decisions changed is there to check (no held row may be left to filter by);
    // "only the rows to look at" stays as she ticked it (it holds the rows her decisions changed).
    setLoaded(new Map());
    showOnly(only === 'TO_LOOK' ? 'TO_LOOK' : null);
    readAgain({ requestPolicy: 'network-only' });
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const r = await client
      .mutation(CONFIRM, {
        jobId: props.jobId,
        // Her mapping is the plan's once she has seen it (previewImportAgain keeps it on the job).
        mapping: null,
        acceptIneligible: p?.wrongOrganization ? reason.trim() : null,
      })
      .toPromise();
    setBusy(false);
    if (r.error) setError(errorText(r.error, T.error.network));
    else props.onConfirmed();
  };

  // "Hủy": this plan is dropped (it leaves her list of imports), then back to choosing a file.
  const discard = async () => {
    setBusy(true);
    const r = await client.mutation(DISCARD, { jobId: props.jobId }).toPromise();
    setBusy(false);
    if (r.error) setError(errorText(r.error, T.error.network));
    else props.onCancel();
  };

  if (preview.error)
    return <Alert type="error" showIcon role="alert" title={T.error.generic} description={errorText(preview.error, T.error.network)} />;
  if (!p) return null;
  // Every row refused or waiting for her: nothing to write (the button would record an empty import).
  const nothing = !p.counts.some((c) => WRITTEN.includes(c.fate) && c.count > 0);
  const actions = (
    <Space style={{ marginTop: 24, padding: '8px 0', background: 'var(--ant-color-bg-container, #fff)' }} wrap>
      <Button
        type="primary"
        loading={busy}
        disabled={nothing || pending || !!p.overtaken || (!!p.wrongOrganization && reason.trim().length < 10)}
        onClick={() => void confirm()}
      >
        {T.imports.confirm}
      </Button>
      {nothing && <Typography.Text type="secondary">{T.imports.nothingToImport}</Typography.Text>}
      <Button disabled={busy} onClick={() => void discard()}>
        {T.imports.cancel}
      </Button>
    </Space>
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }} aria-label={T.imports.counts}>
        {[...p.counts]
          .sort((a, b) => FATE_ORDER.indexOf(a.fate) - FATE_ORDER.indexOf(b.fate))
          .map((c) => (
            <Tag key={c.fate} color={FATE_TONE[c.fate]}>
              {T.imports.fate[c.fate] ?? c.fate}: {c.count.toLocaleString('vi-VN')}
            </Tag>
          ))}
        {p.warned > 0 && <Tag color={WARNED_TONE}>{`${T.imports.warnedAhead}: ${p.warned.toLocaleString('vi-VN')}`}</Tag>}
      </Space>
      <SkippedLines jobId={props.jobId} count={p.counts.find((c) => c.fate === 'SKIPPED')?.count ?? 0} />
      {rows.some((r) => r.warnings && FORMAT_AS_TEXT_HINT.test(r.warnings)) && (
        // Said once for the file, not again on every row whose number lost its 0.
        <Alert type="info" showIcon title={T.imports.formatAsText} style={{ marginBottom: 12 }} data-testid="format-as-text" />
      )}
      {p.overtaken && (
        // A later import changed her list: this plan is planned again before anything is written.
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={p.overtaken}
          action={
            <Button type="primary" loading={busy} onClick={() => void previewAgain()}>
              {T.imports.previewAgain}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {p.wrongOrganization && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={T.imports.wrongOrganization}
          description={p.wrongOrganization}
          style={{ marginBottom: 16 }}
        ></Alert>
      )}
      {p.wrongOrganization && (
        <Input.TextArea
          aria-label={T.imports.acceptReason}
          placeholder={T.imports.acceptReason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ marginBottom: 16 }}
        />
      )}
      {p.withoutUnit > 0 && (
        <Alert
          type="warning"
          showIcon
          role="status"
          title={T.imports.withoutUnit(p.withoutUnit)}
          description={
            <>
              {/* Creating them was asked already: say why they are still without one, not "tick the box" again. */}
              <div>
                {shownMapping.some((m) => m.field === 'unit') || p.sectionHeadings > 0
                  ? p.createUnits
                    ? T.imports.withoutUnitNotCreated
                    : p.sectionHeadings > 0
                      ? T.imports.withoutUnitHeadingBody
                      : T.imports.withoutUnitMappedBody
                  : props.ownUnit
                    ? T.imports.withoutUnitOwnBody(props.ownUnit)
                    : T.imports.withoutUnitBody}
              </div>
              {/* Here too, not only before the upload: a branch her sheets or her title name is made when she ticks it. */}
              {p.unitsToCreate.length === 0 && !p.createUnits && (
                <Checkbox checked={createUnits} onChange={(e) => setCreateUnits(e.target.checked)} style={{ marginTop: 8 }}>
                  {T.imports.createUnits}
                </Checkbox>
              )}
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <AbsentNotice jobId={props.jobId} />
      {p.unitsToCreate.length > 0 && (
        <Alert type="info" showIcon role="status" title={T.imports.unitsToCreate(p.unitsToCreate)} style={{ marginBottom: 16 }} />
      )}
      {p.sheetNotes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="status"
          title={T.imports.sheetNotes}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {p.sheetNotes.map((n, i) => (
                <li key={i}>{inTerms(T.imports.sheetNote(n.sheet, n.note))}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 17 }}>
        {T.imports.mapping}
      </Typography.Title>
      {p.rememberedColumns.length > 0 && (
        <Alert type="info" showIcon role="status" title={T.imports.remembered(p.rememberedColumns)} style={{ marginBottom: 12 }} />
      )}
      {p.unusedColumns.length > 0 && <Typography.Paragraph type="secondary">{T.imports.unusedHint}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey="header"
        // A file of thousands of columns (a sheet filled across) draws a page of them at a time, not a choice per column at once.
        pagination={shownMapping.length > MAPPING_PAGE ? { pageSize: MAPPING_PAGE, showSizeChanger: false } : false}
        dataSource={shownMapping}
        columns={[
          {
            title: T.imports.header,
            render: (_, m: { header: string; field: string }) => (
              <Space wrap size={4}>
                <span>{m.header}</span>
                {m.field === '' && <Tag>{T.imports.notUsedTag}</Tag>}
              </Space>
            ),
          },
          {
            title: T.imports.readAs,
            render: (_, m: { header: string; field: string }) => (
              <Select
                aria-label={`${T.imports.readAs}: ${m.header}`}
                style={{ minWidth: narrow ? 140 : 200, maxWidth: '100%' }}
                value={m.field}
                // Some twenty fields: she types part of one, with or without accents ("dien thoai").
                showSearch={{ filterOption: byFoldedLabel }}
                options={fieldOptions}
                onChange={(field: string) => setMapping(shownMapping.map((x) => (x.header === m.header ? { ...x, field } : x)))}
              />
            ),
          },
        ]}
        style={{ marginBottom: 24 }}
      />
      {(changedMapping || createUnits) && (
        <Alert
          type="info"
          showIcon
          role="status"
          title={T.imports.mappingChanged}
          action={
            <Button type="primary" loading={busy} onClick={() => void previewAgain()}>
              {T.imports.previewAgain}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 17 }}>
        {T.imports.rows}
      </Typography.Title>
      {heldCount > 0 && (
        <Alert
          type="warning"
          showIcon
          role="status"
          title={T.imports.held.banner(heldCount)}
          // The switch under the text (an alert's action squeezes the text to a sliver on a phone).
          description={
            <>
              <div>{T.imports.held.bannerBody(narrow)}</div>
              <Checkbox checked={onlyHeld} onChange={(e) => showOnly(e.target.checked ? 'HELD' : null)} style={{ marginTop: 8 }}>
                {T.imports.held.onlyHeld}
              </Checkbox>
            </>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Checkbox checked={only === 'TO_LOOK'} onChange={(e) => showOnly(e.target.checked ? 'TO_LOOK' : null)} style={{ marginBottom: 8 }}>
        {T.imports.onlyToLook}
      </Checkbox>
      <Table<Row>
        size="small"
        rowKey="ordinal"
        pagination={false}

        dataSource={onlyHeld ? rows.filter((r) => r.fate === 'HELD') : rows}
        columns={[
          // A workbook's sheets each count their rows: "dòng 8" is named with its sheet.
          { title: T.imports.row, width: 70, render: (_, r) => (sheets > 1 && r.sheet ? T.imports.sheetRow(r.sheet, r.row) : r.row) },
          { title: T.imports.fateTitle, render: (_, r) => <Tag color={FATE_TONE[r.fate]}>{T.imports.fate[r.fate] ?? r.fate}</Tag> },
          {
            title: T.column.name,
            // On a phone the reason goes under the name: four columns squeezed it to a sliver.
            render: (_, r) =>
              narrow ? <NameAndReason name={r.fullName ?? T.dash} reason={reasonOf(r)} choice={heldChoice(r)} /> : (r.fullName ?? T.dash),
          },
          { title: T.column.code, responsive: ['sm'], render: (_, r) => r.code ?? T.dash },
          { title: T.imports.reason, responsive: ['sm'], render: (_, r) => reasonOf(r) },
          // A held row's decision beside its reason (on a phone, under it).
          ...(anyHeld
            ? [{ title: T.imports.held.title, responsive: ['sm' as const], width: 280, render: (_: unknown, r: Row) => heldChoice(r) }]
            : []),
        ]}
      />
      {decisions.size > 0 && (
        // Kept in sight at the bottom of the screen while she goes down the rows.
        <Affix offsetBottom={8}>
          <Alert
            type="info"
            showIcon
            role="status"
            title={T.imports.held.decided(decisions.size)}
            action={
              <Button type="primary" loading={busy} onClick={() => void previewAgain()}>
                {T.imports.previewAgain}
              </Button>
            }
            style={{ marginTop: 16 }}
          />
        </Affix>
      )}
      {p.next !== null && (
        <Button onClick={() => setAfter(p.next)} style={{ marginTop: 12 }}>
          {T.imports.more}
        </Button>
      )}
      {error && <Alert type="error" showIcon role="alert" title={T.error.generic} description={error} style={{ marginTop: 16 }} />}
      {/* Kept in sight at the bottom of the screen down a long preview (a phone's is thousands of pixels), unless her decisions' bar is there. */}
      {decisions.size > 0 ? actions : <Affix offsetBottom={0}>{actions}</Affix>}
    </>
  );
}

/** A row's name over its reason, changes and warnings, and a held row's decision (a phone's one cell for all). */
function NameAndReason({ name, reason, choice }: { name: string; reason: string; choice: React.ReactNode }) {
  return (
    <>
      <div style={{ fontWeight: 600 }}>{name}</div>
      <Typography.Text type="secondary">{reason}</Typography.Text>
      {/* Width 0, stretched to the cell: the choice never widens the cell past the screen. */}
      {choice && <div style={{ marginTop: 6, width: 0, minWidth: '100%' }}>{choice}</div>}
    </>
  );
}
