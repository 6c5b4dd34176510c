import { graphql } from '../../gql';

/** What every session-starting mutation returns: the session store keeps exactly this. */
export const SessionFieldsFragment = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    expiresIn
    user {
      id
      email
      name
    }
  }
`);

export const LogInMutation = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      ...SessionFields
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession {
    refreshSession {
      ...SessionFields
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionFields
      user {
        memberships {
          organization {
            id
          }
        }
      }
    }
  }
`);

export const LogOutMutation = graphql(`
  mutation LogOut {
    logOut
  }
`);
