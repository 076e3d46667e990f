import { graphql, type ResultOf } from '../../graphql.ts';
import { T } from '../../text.ts';

/** POST /imports?preview=true: the file is read and planned, nothing written; the job waits for confirmImport. */
export async function uploadForPreview(file: File, organization: string, createUnits: boolean, csrfToken: string): Promise<string> {
  const body = new FormData();
  body.append('file', file);
  // assignIds: a row whose Mã hồ sơ cell she left empty is a row without a code (matched to the member it names, or given a code).
  const query = new URLSearchParams({ organization, preview: 'true', createUnits: String(createUnits), assignIds: 'true' });
  const res = await fetch(`/imports?${query}`, {
    method: 'POST',
    body,
    headers: { 'X-CSRF-Token': csrfToken },
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => ({}))) as { jobId?: string; message?: string; problems?: { message: string }[] };
  const problems = json.problems?.map((p) => p.message).join(' ');
  if (!res.ok || !json.jobId) throw new Error(problems || json.message || (res.status === 413 ? T.imports.tooLarge : res.statusText));
  return json.jobId;
}

export const JOB = graphql(`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id
      status
      sourceName
      rowsRead
      created
      updated
      unchanged
      held
      rejected
      warned
      failure
      waiting
      errorFileUrl
      resultFileUrl
      undo {
        at
        reason
      }
    }
  }
`);
export type Job = ResultOf<typeof JOB>['importJob'];

/** Her corrected column mapping, or her decisions on held rows, planned as a new preview: it answers once the job waits again. */
export const DISCARD = graphql(`
  mutation DiscardImportPreview($jobId: ID!) {
    discardImportPreview(jobId: $jobId)
  }
`);

export const PREVIEW_AGAIN = graphql(`
  mutation PreviewImportAgain($jobId: ID!, $mapping: [ColumnMappingInput!], $decisions: [HeldRowDecisionInput!], $createUnits: Boolean) {
    previewImportAgain(jobId: $jobId, mapping: $mapping, decisions: $decisions, createUnits: $createUnits) {
      id
      status
    }
  }
`);

export const PREVIEW = graphql(`
  query ImportPreview($jobId: ID!, $after: Int, $fate: String, $toLook: Boolean) {
    importPreview(jobId: $jobId, after: $after, first: 100, fate: $fate, toLook: $toLook) {
      status
      wrongOrganization
      overtaken
      next
      counts {
        fate
        count
      }
      warned
      mapping {
        header
        field
      }
      unusedColumns
      rememberedColumns
      withoutUnit
      sectionHeadings
      unitsToCreate
      createUnits
      sheetNotes {
        sheet
        note
      }
      rows {
        row
        ordinal
        sheet
        fate
        code
        fullName
        reason
        warnings
        changed
        changedLabels
        unitBefore
        unitAfter
        unitNew
        unitCreated
        noteKinds
        candidates {
          code
          fullName
          birthDate
          unit
          phone
          village
          ended
        }
        said {
          birthDate
          unit
          phone
        }
        decision {
          code
        }
        edits {
          field
          before
          after
        }
      }
    }
  }
`);
export type Preview = ResultOf<typeof PREVIEW>['importPreview'];

export const COLUMNS = graphql(`
  query RosterColumns($organization: String!) {
    rosterColumns(organization: $organization) {
      field
      header
    }
  }
`);

export const CONFIRM = graphql(`
  mutation ConfirmImport($jobId: ID!, $mapping: [ColumnMappingInput!], $acceptIneligible: String) {
    confirmImport(jobId: $jobId, mapping: $mapping, acceptIneligible: $acceptIneligible) {
      id
      status
    }
  }
`);

export const UNDO = graphql(`
  mutation UndoImport($jobId: ID!, $reason: String!) {
    undoImport(jobId: $jobId, reason: $reason) {
      id
      status
    }
  }
`);

export const PAST_IMPORTS = graphql(`
  query PastImports {
    importJobs(first: 20) {
      id
      sourceName
      startedAt
      startedBy
      status
      created
      updated
      rejected
      held
      undoBlocked
      undo {
        by
        at
        unitsRemoved
      }
    }
  }
`);
export type PastImport = ResultOf<typeof PAST_IMPORTS>['importJobs'][number];

/** The members her finished import's file leaves out, in the units it covers (to end or keep). */
export const ABSENT = graphql(`
  query ImportAbsent($id: ID!, $withKept: Boolean) {
    importJob(id: $id) {
      id
      organization
      absent(first: 2000, withKept: $withKept) {
        total
        kept
        members {
          id
          code
          fullName
          birthDate
          unit
          version
          status
          statusLabel
          kept {
            reason
            on
          }
        }
      }
    }
  }
`);

/** Keeps members her file left out (still members), with why: not asked about again while her files leave them out. */
export const KEEP_ABSENT = graphql(`
  mutation KeepAbsent($id: ID!, $recordIds: [ID!]!, $reason: String!) {
    keepAbsentMembers(jobId: $id, recordIds: $recordIds, reason: $reason)
  }
`);
export type AbsentMember = ResultOf<typeof ABSENT>['importJob']['absent']['members'][number];

/** A finished import's members whose Ghi chú (died, moved…) are still undecided: asked once, not on every poll of the job. */
export const OPEN_NOTES_OF_JOB = graphql(`
  query ImportOpenNotes($id: ID!) {
    importJob(id: $id) {
      id
      openNotes
    }
  }
`);
