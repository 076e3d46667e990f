import { Alert, App, Button, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { CloseIcon } from '../icons.tsx';
import type { Session } from '../session.ts';
import { T } from '../text.ts';
import { LabeledField } from './LabeledField.tsx';

/** The roles the server lets take clear data (src/access/clear-data.ts): the button is not offered to others. */
const CLEAR_DATA_TAKERS = ['ADMIN', 'SECRETARIAT'];
const MIN_REASON = 10;

export interface RosterFilter {
  organization: string;
  unit?: string;
  commune?: string;
  status?: string;
  /** A flag code, AO (suspected phantoms) or NOTES: the print is that list, with each one's warnings. */
  flag?: string;
}

/** The print view's address: the screen and the filters (codes only, never a person). */
export function printHref(f: RosterFilter): string {
  const q = new URLSearchParams({ org: f.organization });
  if (f.unit) q.set('unit', f.unit);
  if (f.commune) q.set('commune', f.commune);
  if (f.status) q.set('status', f.status);
  if (f.flag) q.set('flag', f.flag);
  return `#/in?${q.toString()}`;
}

/** The báo cáo tăng, giảm of the organization (and the unit she filtered by). */
export function movementHref(f: RosterFilter): string {
  const q = new URLSearchParams({ org: f.organization });
  if (f.unit) q.set('unit', f.unit);
  return `#/tang-giam?${q.toString()}`;
}

/** The roster as Excel (CCCD masked), with the unit, commune and status she filtered by. */
export function exportHref(f: RosterFilter): string {
  const q = new URLSearchParams();
  if (f.unit) q.set('unit', f.unit);
  if (f.commune) q.set('commune', f.commune);
  if (f.status) q.set('status', f.status);
  const query = q.toString();
  return `/exports/${encodeURIComponent(f.organization)}.xlsx${query ? `?${query}` : ''}`;
}

/** The roster screen's printable roster, its báo cáo tăng, giảm and, for a roster writer, the export with the full CCCD numbers. */
export function RosterOutputs({ session, filter }: { session: Session; filter: RosterFilter }) {
  const [open, setOpen] = useState(false);
  // The dialog gone (its file saved, or left), the keyboard's focus goes back to the button that opened it, once the
  // dialog is off the page: given back before, the dialog's own focus trap took it, and lost it to the page with itself.
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!filter.organization) return null;
  return (
    <>
      <Button href={printHref(filter)}>{T.outputs.print}</Button>
      <Button href={movementHref(filter)}>{T.movement.action}</Button>
      {CLEAR_DATA_TAKERS.includes(session.user.role) && (
        <>
          <Button ref={opener} onClick={() => setOpen(true)}>
            {T.outputs.clearExport}
          </Button>
          {open && <ClearExportDialog session={session} filter={filter} onClose={() => setOpen(false)} />}
        </>
      )}
    </>
  );
}

/**
 * Asks the reason, then POSTs it (with the session's CSRF header: the reason never goes in a URL)
 * and saves the file the server returns. The server decides who may, and logs it.
 */
function ClearExportDialog({ session, filter, onClose }: { session: Session; filter: RosterFilter; onClose: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/exports/${encodeURIComponent(filter.organization)}/cccd.xlsx`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ reason, unit: filter.unit ?? null, status: filter.status ?? null, commune: filter.commune ?? null }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string | string[] };
        setError([body.message ?? T.error.generic].flat().join(' '));
        return;
      }
      saveBlob(await res.blob(), `${filter.organization}-cccd.xlsx`);
      void message.success(T.outputs.done);
      onClose();
    } catch {
      setError(T.error.network);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={T.outputs.clearTitle}
      okText={T.outputs.submit}
      cancelText={T.outputs.cancel}
      okButtonProps={{ disabled: reason.trim().length < MIN_REASON, loading: busy }}
      closable={{ 'aria-label': T.outputs.cancel, closeIcon: <CloseIcon /> }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>{T.outputs.clearBody}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <LabeledField id="unmask-reason" label={T.outputs.reason}>
        <Input.TextArea
          id="unmask-reason"
          value={reason}
          maxLength={500}
          autoSize={{ minRows: 2 }}
          onChange={(e) => setReason(e.target.value)}
        />
      </LabeledField>
    </Modal>
  );
}

/** Saves a downloaded file under a name (a link clicked in the page: works offline, without a second request). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
