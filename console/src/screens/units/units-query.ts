import { graphql, type ResultOf } from '../../graphql.ts';

export const UNIT_TREE = graphql(`
  query UnitTree($organization: String!) {
    units(organization: $organization) {
      code
      name
      kind
      parentCode
      memberCount
    }
  }
`);
export type TreeUnit = ResultOf<typeof UNIT_TREE>['units'][number];

export const TRANSFER_TARGETS = graphql(`
  query TransferTargets($organization: String!) {
    transferTargets(organization: $organization) {
      code
      name
      parentCode
      commune {
        name
        formerNames
      }
    }
  }
`);

export const UNIT_MEMBERS = graphql(`
  query UnitMembers($organization: String!, $unit: String!) {
    memberRecords(organization: $organization, unit: $unit, first: 200) {
      totalCount
      nodes {
        id
        externalId
        fullName
        status
        statusLabel
        unit {
          code
          name
        }
        transferRequest {
          state
          toUnit {
            name
            commune
          }
          declineReason
        }
      }
    }
  }
`);
export type UnitMember = ResultOf<typeof UNIT_MEMBERS>['memberRecords']['nodes'][number];

export const CREATE_UNIT = graphql(`
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      code
    }
  }
`);

export const RENAME_UNIT = graphql(`
  mutation RenameUnit($input: RenameUnitInput!) {
    renameUnit(input: $input) {
      code
      name
    }
  }
`);

export const TRANSFER = graphql(`
  mutation TransferMember($input: TransferMemberRecordInput!) {
    transferMemberRecord(input: $input) {
      id
      unit {
        code
      }
      transferRequest {
        state
      }
    }
  }
`);

export const PENDING_TRANSFERS = graphql(`
  query PendingTransfers($organization: String!, $declined: Boolean) {
    pendingTransfers(organization: $organization, declined: $declined) {
      id
      state
      incoming
      effectiveDate
      reason
      requestedBy
      requestedAt
      declineReason
      record {
        externalId
        fullName
      }
      fromUnit {
        name
        commune
      }
      toUnit {
        name
        commune
      }
    }
  }
`);
export type Pending = ResultOf<typeof PENDING_TRANSFERS>['pendingTransfers'][number];

export const SENT_TRANSFERS = graphql(`
  query SentTransfers($organization: String!) {
    sentTransfers(organization: $organization) {
      id
      state
      effectiveDate
      requestedAt
      decidedBy
      decidedAt
      declineReason
      record {
        externalId
        fullName
      }
      fromUnit {
        name
        commune
      }
      toUnit {
        name
        commune
      }
    }
  }
`);
export type Sent = ResultOf<typeof SENT_TRANSFERS>['sentTransfers'][number];

export const ACCEPT_TRANSFER = graphql(`
  mutation AcceptTransfer($id: ID!) {
    acceptTransfer(id: $id) {
      id
      state
    }
  }
`);

export const CANCEL_TRANSFER = graphql(`
  mutation CancelTransfer($id: ID!) {
    cancelTransfer(id: $id) {
      id
      state
    }
  }
`);

export const DECLINE_TRANSFER = graphql(`
  mutation DeclineTransfer($id: ID!, $reason: String!) {
    declineTransfer(id: $id, reason: $reason) {
      id
      state
    }
  }
`);

/** Statuses that end a membership: such a record is not moved. */
export const ENDED = new Set(['TRANSFERRED', 'LEFT', 'STRUCK_OFF', 'EXPELLED', 'MATURED', 'DECEASED']);
