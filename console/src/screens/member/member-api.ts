import { graphql, type ResultOf } from '../../graphql.ts';

/**
 * The statuses with their labels, as the server keeps them (one place for both); with an
 * organization, only its own in its words (no `Đã trưởng thành` for a Hội without an age limit).
 */
export const STATUSES = graphql(`
  query Statuses($organization: String) {
    memberStatuses(organization: $organization) {
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
      personId
      fullName
      birthDate
      unitName
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
