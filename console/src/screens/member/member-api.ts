import { graphql, type ResultOf } from '../../graphql.ts';

/** The statuses with their labels, as the server keeps them (one place for both). */
export const STATUSES = graphql(`
  query Statuses {
    memberStatuses {
      code
      label
      ends
    }
  }
`);

export const DUPLICATES = graphql(`
  query Duplicates($input: DuplicateCheckInput!) {
    possibleDuplicates(input: $input) {
      recordId
      fullName
      organization
      statusLabel
      probabilityText
      verdict
      evidence {
        field
        sentence
      }
    }
  }
`);
export type DuplicateCandidate = ResultOf<typeof DUPLICATES>['possibleDuplicates'][number];

export const ELIGIBILITY = graphql(`
  query Eligibility($input: EligibilityCheckInput!) {
    eligibilityCheck(input: $input) {
      code
      severity
      message
    }
  }
`);

export const CREATE = graphql(`
  mutation CreateMember($input: CreateMemberRecordInput!) {
    createMemberRecord(input: $input) {
      id
      fullName
    }
  }
`);

export const UPDATE = graphql(`
  mutation UpdateMember($id: ID!, $input: UpdateMemberRecordInput!) {
    updateMemberRecord(id: $id, input: $input) {
      id
      version
    }
  }
`);

export const END = graphql(`
  mutation EndMembership($input: EndMembershipInput!) {
    endMembership(input: $input) {
      id
      status
    }
  }
`);
