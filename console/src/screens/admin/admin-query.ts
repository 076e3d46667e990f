import { graphql, type ResultOf } from '../../graphql.ts';

export const USERS = graphql(`
  query AdminUsers {
    users {
      id
      username
      role
      organization
      unit
      unitName
      disabled
      enrolled
      createdAt
      lastLoginAt
    }
  }
`);
export type AdminUser = ResultOf<typeof USERS>['users'][number];

export const CREATE_USER = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      enrolmentPassword
      enrolmentExpiresAt
      user {
        id
        username
      }
    }
  }
`);

export const RESET_USER = graphql(`
  mutation AdminResetUser($username: String!) {
    resetUser(username: $username) {
      enrolmentPassword
      enrolmentExpiresAt
      user {
        id
        username
      }
    }
  }
`);

export const DISABLE_USER = graphql(`
  mutation AdminDisableUser($username: String!) {
    disableUser(username: $username) {
      id
      disabled
    }
  }
`);

export const ENABLE_USER = graphql(`
  mutation AdminEnableUser($username: String!) {
    enableUser(username: $username) {
      id
      disabled
    }
  }
`);

export const AUDIT_EVENTS = graphql(`
  query AdminAuditEvents($action: AuditAction, $actor: String, $subjectId: String, $from: DateTime, $to: DateTime, $before: ID) {
    auditEvents(action: $action, actor: $actor, subjectId: $subjectId, from: $from, to: $to, before: $before, first: 50) {
      hasNextPage
      nodes {
        id
        at
        action
        actorKind
        actorName
        actorRole
        subjectType
        subjectId
        subjectCode
        organization
        reason
        detail
      }
    }
  }
`);
export type AuditRow = ResultOf<typeof AUDIT_EVENTS>['auditEvents']['nodes'][number];

export const SERVICE_TOKENS = graphql(`
  query AdminServiceTokens {
    serviceTokens {
      id
      name
      role
      organization
      unitName
      createdAt
      expiresAt
      revokedAt
      readOnly
    }
  }
`);

export const CREATE_SERVICE_TOKEN = graphql(`
  mutation AdminCreateServiceToken($input: CreateServiceTokenInput!) {
    createServiceToken(input: $input) {
      token
      serviceToken {
        id
        name
      }
    }
  }
`);

export const REVOKE_SERVICE_TOKEN = graphql(`
  mutation AdminRevokeServiceToken($id: ID!) {
    revokeServiceToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export const CREATE_ASSOCIATION = graphql(`
  mutation AdminCreateAssociation($input: CreateAssociationInput!) {
    createAssociation(input: $input) {
      code
      name
    }
  }
`);

export const LINK_RUNS = graphql(`
  query LinkRuns {
    linkRuns(first: 10) {
      id
      status
      statusLabel
      startedAt
      finishedAt
      startedByKind
      startedBy
      phases {
        key
        label
        seconds
      }
      records
      persons
      multiOrganizationPersons
      reviewPairs
      suspectedPhantoms
      failure
    }
  }
`);

export const START_LINK_RUN = graphql(`
  mutation StartLinkRun {
    startLinkRun {
      id
      status
    }
  }
`);

export const BACKUPS = graphql(`
  query Backups {
    backups(first: 20) {
      directory
      unavailable
      keyKeptAt
      runs {
        id
        status
        statusLabel
        startedAt
        finishedAt
        startedByKind
        startedBy
        file
        bytes
        withKey
        failure
        restoreCommand
      }
    }
  }
`);

export const START_BACKUP = graphql(`
  mutation StartBackup {
    startBackup {
      id
      status
    }
  }
`);

export const CHANGE_USER_SCOPE = graphql(`
  mutation AdminChangeUserScope($username: String!, $input: UserScopeInput!) {
    changeUserScope(username: $username, input: $input) {
      id
      role
      organization
      unit
      unitName
    }
  }
`);
