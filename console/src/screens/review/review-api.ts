import { graphql, type ResultOf } from '../../graphql.ts';

/** The queue, those whose decision changes the counts most first (the server's order). */
export const QUEUE = graphql(`
  query ReviewQueue($organization: String, $commune: String, $min: Float, $max: Float) {
    reviewQueue(organization: $organization, commune: $commune, minProbability: $min, maxProbability: $max, first: 50) {
      recordA
      recordB
      calibratedProbability
      probabilityText
      explanation
      joined {
        recordsA
        recordsB
        listedTwiceIn
      }
      evidence {
        field
        label
        level
        sentence
        bar
      }
      a {
        organization
        communeCode
        statusLabel
        recordId
        externalId
        fullName
        birthDate
        sex
        idNumberMasked
        phoneMasked
        unitCode
        unitName
        flags
        flagLabels
        organizationName
        communeName
      }
      b {
        organization
        communeCode
        statusLabel
        recordId
        externalId
        fullName
        birthDate
        sex
        idNumberMasked
        phoneMasked
        unitCode
        unitName
        flags
        flagLabels
        organizationName
        communeName
      }
    }
  }
`);

export const DECIDE = graphql(`
  mutation DecideLink($recordA: ID!, $recordB: ID!, $decision: ReviewDecision!, $reason: String!) {
    decideLink(recordA: $recordA, recordB: $recordB, decision: $decision, reason: $reason)
  }
`);

export const DEFER = graphql(`
  mutation DeferLinkPair($recordA: ID!, $recordB: ID!, $reason: String!) {
    deferLinkPair(recordA: $recordA, recordB: $recordB, reason: $reason)
  }
`);

/**
 * The province's counts a decision changes (read again after each decision): the dashboard's own
 * figures (`liveFigures`, from the person-level table the decision refreshed in its transaction).
 */
export const COUNTS = graphql(`
  query ReviewCounts {
    liveFigures(scope: "province") {
      people
      peopleByOrgCount {
        two
        threeOrMore
      }
    }
  }
`);

/** A record's person, every record of it across organizations. */
export const PERSON_OF_RECORD = graphql(`
  query PersonOfRecord($id: ID!) {
    memberRecord(id: $id) {
      id
      person {
        id
        records {
          recordId
          organization
          communeCode
          statusLabel
          externalId
          fullName
          birthDate
          unitCode
          unitName
          flags
          flagLabels
          organizationName
          communeName
        }
        decisions {
          decision
          reason
          decidedBy
          decidedAt
          own {
            organization
            externalId
            fullName
          }
          other {
            personId
            organization
            externalId
            fullName
          }
        }
        pendingPairs {
          probabilityText
          other {
            personId
            organization
            externalId
            fullName
          }
        }
      }
    }
  }
`);

export const SPLIT = graphql(`
  mutation SplitPerson($personId: ID!, $recordIds: [ID!]!, $reason: String!) {
    splitPerson(personId: $personId, recordIds: $recordIds, reason: $reason)
  }
`);

export const MERGE = graphql(`
  mutation MergePersons($personA: ID!, $personB: ID!, $reason: String!) {
    mergePersons(personA: $personA, personB: $personB, reason: $reason)
  }
`);

export type Pair = ResultOf<typeof QUEUE>['reviewQueue'][number];
export type Side = Pair['a'];
export type Counts = { persons: number; several: number };
export type PersonDecision = NonNullable<ResultOf<typeof PERSON_OF_RECORD>['memberRecord']['person']>['decisions'][number];

export const pairKey = (p: Pair): string => `${p.recordA}|${p.recordB}`;

/** The counts a decision changes: persons, and persons in two organizations or more. */
export function countsOf(f: ResultOf<typeof COUNTS>['liveFigures']): Counts {
  return { persons: f.people, several: f.peopleByOrgCount.two + f.peopleByOrgCount.threeOrMore };
}

/** The probability bands of the filter, on the calibrated probability. */
export const BANDS: Record<string, { min: number | null; max: number | null }> = {
  high: { min: 0.8, max: null },
  middle: { min: 0.5, max: 0.7999 },
  low: { min: null, max: 0.4999 },
};
