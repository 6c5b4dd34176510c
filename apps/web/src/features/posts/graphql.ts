import { graphql } from '../../gql';

export const PostFieldsFragment = graphql(`
  fragment PostFields on Post {
    id
    state
    revision
    contentHash
    text
    clientId
    clientName
    scheduledAt
    currentStep
    createdAt
    updatedAt
    author {
      id
      name
    }
    targets {
      text
      effectiveText
      account {
        id
        displayName
        displayHandle
        network
        kind
        timezone
      }
    }
  }
`);

/** What a row of the list shows (lean: a page of 200 stays within the request limits). */
export const PostRowFragment = graphql(`
  fragment PostRow on Post {
    id
    state
    text
    contentHash
    clientName
    createdAt
    author {
      name
    }
    targets {
      account {
        id
        displayHandle
      }
    }
  }
`);

export const PostsQuery = graphql(`
  query Posts($first: Int, $after: String, $filter: PostFilter) {
    posts(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          ...PostRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PostQuery = graphql(`
  query Post($id: ID!) {
    post(id: $id) {
      ...PostFields
      canReview
      publications {
        id
        accountId
        handle
        network
        state
        dueAt
        attempts
        remoteUrl
        lastError
        errorPermanent
        nextAttemptAt
        publishedAt
      }
      steps {
        index
        name
        mode
        minApprovals
        status
        approvedBy
      }
      findings {
        accountId
        revision
        blocked
        findings {
          ruleId
          kind
          action
          message
          policyName
          ruleLabel
          reason
          spans {
            start
            end
          }
        }
      }
      approvals {
        id
        decision
        stepName
        approverName
        viaLink
        comment
        revision
        createdAt
        voidedAt
        voidedReason
      }
      revisions {
        number
        basedOn
        text
        contentHash
        authorName
        createdAt
        scheduledAt
        targets {
          text
          account {
            id
            displayHandle
          }
        }
      }
      comments {
        id
        parentId
        authorName
        visibility
        body
        createdAt
      }
      timeline {
        action
        at
        actorName
        data
      }
    }
  }
`);

export const CreatePostMutation = graphql(`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
      ...PostFields
    }
  }
`);

export const UpdatePostMutation = graphql(`
  mutation UpdatePost($input: UpdatePostInput!) {
    updatePost(input: $input) {
      ...PostFields
    }
  }
`);

export const SubmitPostMutation = graphql(`
  mutation SubmitPost($postId: ID!) {
    submitPost(input: { postId: $postId }) {
      submitted
      post {
        ...PostFields
      }
      findings {
        accountId
        blocked
        findings {
          ruleId
          action
          message
          spans {
            start
            end
          }
        }
      }
    }
  }
`);

export const ApprovePostMutation = graphql(`
  mutation ApprovePost($input: ReviewPostInput!) {
    approvePost(input: $input) {
      ...PostFields
    }
  }
`);

export const RejectPostMutation = graphql(`
  mutation RejectPost($input: ReviewPostInput!) {
    rejectPost(input: $input) {
      ...PostFields
    }
  }
`);

export const RequestChangesMutation = graphql(`
  mutation RequestChanges($input: ReviewPostInput!) {
    requestChanges(input: $input) {
      ...PostFields
    }
  }
`);

export const CancelPostMutation = graphql(`
  mutation CancelPost($postId: ID!) {
    cancelPost(input: { postId: $postId }) {
      ...PostFields
    }
  }
`);

export const SchedulePostMutation = graphql(`
  mutation SchedulePost($input: SchedulePostInput!) {
    schedulePost(input: $input) {
      ...PostFields
    }
  }
`);

export const AddPostCommentMutation = graphql(`
  mutation AddPostComment($input: AddPostCommentInput!) {
    addPostComment(input: $input) {
      id
    }
  }
`);

export const ApprovalLinkQuery = graphql(`
  query ApprovalLink($token: String!) {
    approvalLink(token: $token) {
      organizationName
      clientName
      email
      stepName
      expiresAt
      contentHash
      targets {
        effectiveText
        account {
          displayName
          displayHandle
          network
        }
      }
      findings {
        ruleId
        action
        message
        spans {
          start
          end
        }
      }
      comments {
        id
        authorName
        body
        createdAt
      }
    }
  }
`);

export const ActOnApprovalLinkMutation = graphql(`
  mutation ActOnApprovalLink($input: ApprovalLinkActionInput!) {
    actOnApprovalLink(input: $input) {
      decision
      state
    }
  }
`);

/** What the composer needs per target: the account, and the rules that apply to it (run in the browser as you type). */
export const ComposerTargetQuery = graphql(`
  query ComposerTarget($accountId: ID!) {
    socialAccount(id: $accountId) {
      id
      displayName
      displayHandle
      network
      kind
      timezone
      client {
        id
        name
      }
    }
    effectivePolicy(accountId: $accountId) {
      accountId
      rules {
        ruleId
        rule
        source {
          policyName
        }
      }
    }
  }
`);

export const MyReviewCountQuery = graphql(`
  query MyReviewCount {
    myReviewCount
  }
`);

export const PublishPostNowMutation = graphql(`
  mutation PublishPostNow($postId: ID!) {
    publishPostNow(input: { postId: $postId }) {
      id
      state
    }
  }
`);

export const RetryPublicationMutation = graphql(`
  mutation RetryPublication($publicationId: ID!) {
    retryPublication(input: { publicationId: $publicationId }) {
      id
      state
    }
  }
`);

export const CalendarQuery = graphql(`
  query Calendar($filter: CalendarFilter!) {
    calendar(filter: $filter) {
      postId
      state
      at
      clientName
      excerpt
      accounts {
        id
        handle
        network
        timezone
        publicationState
        remoteUrl
      }
    }
  }
`);

export const SandboxFeedQuery = graphql(`
  query SandboxFeed($first: Int, $after: String, $accountId: String) {
    sandboxFeed(first: $first, after: $after, accountId: $accountId) {
      edges {
        node {
          id
          handle
          network
          displayName
          text
          links
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
