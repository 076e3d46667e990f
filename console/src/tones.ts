/**
 * Colours of tags, dark enough for white text at WCAG AA (the library's light presets are not):
 * one place for the roster's flags and the import's fates.
 */
const GREEN = '#1b5e20';
const BLUE = '#0d47a1';
const AMBER = '#7a4100';
const RED = '#b71c1c';
const GREY = '#455a64';

export const SEVERITY_TONE: Record<string, string> = { PHANTOM: RED, WARNING: AMBER, INFO: GREY };
export const FATE_TONE: Record<string, string> = {
  CREATED: GREEN,
  UPDATED: BLUE,
  HELD: AMBER,
  REFUSED: RED,
  UNCHANGED: GREY,
  SKIPPED: GREY,
};
/** Rows an import writes with a warning (a cell left empty): among the written, not a fate of their own. */
export const WARNED_TONE = AMBER;
/** A past import: done, undone, stopped by an error, under way or waiting. */
export const IMPORT_JOB_TONE: Record<string, string> = {
  DONE: GREEN,
  UNDONE: GREY,
  FAILED: RED,
  RUNNING: BLUE,
  NEEDS_CONFIRMATION: AMBER,
  PREVIEW: AMBER,
};
/** A transfer waiting for the receiving unit. */
export const PENDING_TONE = AMBER;
/** A transfer she sent: waiting, accepted, declined. */
export const TRANSFER_TONE: Record<string, string> = { PENDING: AMBER, ACCEPTED: GREEN, DECLINED: RED };

/** A report's state: final, or provisional (its figures can still move). */
export const REPORT_STATE_TONE: Record<string, string> = { FINAL: GREEN, PROVISIONAL: AMBER };
/** An account in use. */
export const USER_TONE = GREEN;
/** A disabled account. */
export const DISABLED_TONE = GREY;
/** Two records of a pair under review: a field that agrees, differs, or says nothing. */
export const COMPARE_TONE: Record<string, string> = { agree: GREEN, near: AMBER, differ: RED, neutral: GREY, unknown: GREY, other: GREY };

/** A data subject's request: due within three days (or overdue), or later. */
export const DUE_TONE = { soon: RED, later: GREY };

/** A link run: under way, done, stopped by an error. */
export const LINK_RUN_TONE: Record<string, string> = { RUNNING: BLUE, DONE: GREEN, FAILED: RED };
