import { graphql, type ResultOf } from '../graphql.ts';

export const ROSTER = graphql(`
  query Roster(
    $organization: String!
    $search: String
    $status: MemberStatus
    $unit: String
    $commune: String
    $flag: String
    $after: String
  ) {
    memberRecords(
      organization: $organization
      search: $search
      status: $status
      unit: $unit
      commune: $commune
      flag: $flag
      after: $after
      first: 50
      countUpTo: 10000
    ) {
      totalCount
      countCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        externalId
        fullName
        birthDate
        sex
        status
        statusLabel
        idNumber
        phone
        commune {
          code
          name
        }
        village
        profile {
          key
          value
        }
        unit {
          code
          name
        }
        flags {
          code
          label
          severity
          message
          resolution
        }
        transferRequest {
          state
          toUnit {
            name
            commune
          }
        }
      }
    }
  }
`);

export type RosterRow = ResultOf<typeof ROSTER>['memberRecords']['nodes'][number];

export const ORGANIZATIONS = graphql(`
  query Organizations {
    organizations {
      code
      name
      memberTerm
      duesTerm
      hasIndividualMembers
      headTitle
      branchSigner
      joinDateField
    }
  }
`);

/** The persons of each organization in a commune (the overlap's diagonal). */
export const COMMUNE_ORGANIZATIONS = graphql(`
  query CommuneOrganizations($scope: String!) {
    overlap(scope: $scope) {
      matrix {
        a
        b
        persons
      }
    }
  }
`);

export const UNITS = graphql(`
  query Units($organization: String!) {
    units(organization: $organization) {
      code
      name
      label
      kind
      parentCode
      commune {
        name
      }
    }
  }
`);

/** A commune given by its code alone (a link's, a filter kept): its name, to show instead of the code. */
export const COMMUNE_NAME = graphql(`
  query CommuneName($code: String!) {
    resolveCommune(code: $code) {
      commune {
        code
        name
        provinceName
        inHomeProvince
      }
      legacy {
        code
        name
      }
    }
  }
`);

export const COMMUNES = graphql(`
  query Communes($search: String) {
    communes(search: $search, first: 20) {
      code
      name
      kind
      provinceName
      inHomeProvince
      formerNames
    }
  }
`);

export const FLAG_COUNTS = graphql(`
  query FlagCounts($organization: String) {
    flagCounts(organization: $organization) {
      code
      label
      records
      suspected
    }
  }
`);

/** memberRecords' `flag` for the records with a Ghi chú suggestion nobody has answered yet (see its description in schema.graphql). */
export const OPEN_NOTES = 'NOTES';
