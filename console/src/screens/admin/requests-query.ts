import { graphql } from '../../graphql.ts';

export const DATA_REQUESTS = graphql(`
  query DataRequests {
    personalDataRequests(includeDone: true) {
      id
      kind
      recordId
      externalId
      recordErased
      organization
      receivedOn
      dueOn
      daysLeft
      doneAt
      doneBy
    }
  }
`);

export const RECEIVE_DATA_REQUEST = graphql(`
  mutation ReceiveDataRequest($kind: PersonalDataRequestKind!, $recordId: ID!, $receivedOn: String!) {
    receivePersonalDataRequest(kind: $kind, recordId: $recordId, receivedOn: $receivedOn) {
      id
    }
  }
`);

/** The record a request names, by its organization and Mã hồ sơ. */
export const RECORD_BY_CODE = graphql(`
  query RecordByCode($organization: String!, $code: String!) {
    memberRecords(organization: $organization, search: $code, first: 5) {
      nodes {
        id
        externalId
      }
    }
  }
`);

/** Her copy as she reads it (Vietnamese text); the JSON of the same data stays the API's (exportPersonalData). */
export const EXPORT_DATA = graphql(`
  mutation ExportData($id: ID!, $reason: String!) {
    exportPersonalDataCopy(id: $id, reason: $reason)
  }
`);

export const ERASE_DATA = graphql(`
  mutation EraseData($id: ID!, $reason: String!, $also: [ID!], $keep: [ID!]) {
    erasePersonalData(id: $id, reason: $reason, alsoErase: $also, keep: $keep) {
      id
    }
  }
`);

/** What an erasure will cover: the records certainly hers (each kept when unticked), and those only the model joins (erased only when ticked). */
export const ERASURE_PLAN = graphql(`
  query ErasurePlan($id: ID!) {
    erasurePlan(id: $id) {
      records {
        id
        organization
        externalId
        fullName
        status
        statusLabel
      }
      toConfirm {
        why
        record {
          id
          organization
          externalId
          fullName
        }
      }
    }
  }
`);
