import { can, type Permission } from './permissions';
import type { Role } from './roles';

/**
 * Who may see what inside the objects operations return, next to the operation matrix. An
 * operation's permission decides who reaches a type; these rules narrow what the reader then sees:
 *
 * - `type`: every field that returns this type resolves to null (or is refused, when the field
 *   cannot be null) for a reader without the permission, whatever operation led there;
 * - `fields`: the same for single fields of the type.
 *
 * Every object type of the API is listed, even with no rule, so that a new type is a reviewed
 * decision: a test fails on a type missing here, and another walks every type's fields for every
 * role. Readers with no role in an organization (public and account-level operations) see no
 * guarded field.
 */
export interface Visibility {
  type?: Permission;
  fields?: Record<string, Permission>;
}

/** Seeing the organization's people: staff have it, client users do not. */
const PEOPLE: Permission = 'member.read';

export const OBJECT_VISIBILITY: Record<string, Visibility> = {
  // Accounts are visible to client users for their own client; the agency's people behind them are not.
  // Client users see who manages their accounts (name, still here or not), not how to reach staff
  // or the history of who did.
  SocialAccount: { fields: { ownershipHistory: PEOPLE } },
  OwnerRef: { fields: { email: PEOPLE } },
  AccountOwnership: { type: PEOPLE },
  SocialAccountConnection: {},
  SocialAccountEdge: {},
  Client: {}, // confidential terms are filtered by row-level security (app_confidential_scope)
  ClientRef: {},
  ClientTeamMember: {}, // the client's own team, names and roles: shown to that client's users on purpose
  ClientConnection: {},
  ClientEdge: {},
  // The social media policy is the staff's: client users are not bound by it and do not read it.
  PolicyDocumentVersion: { type: 'policy_document.read' },
  PolicyDocument: { type: 'policy_document.read' },
  PolicyDocumentStatus: {},
  PostingClearance: {},
  PolicyAcknowledgement: {},
  PolicyAcknowledgementEntry: {},
  Policy: {},
  PolicyConnection: {},
  PolicyEdge: {},
  PolicyVersion: {},
  PolicyAttachment: {},
  PolicyTemplateModel: {},
  PolicySourceInfo: {},
  EffectivePolicy: {},
  EffectiveRule: {},
  OverriddenRule: {},
  PolicyCheckResult: {},
  PolicyFinding: {},
  PolicyBacktest: {}, // backtestPolicy needs policy.manage; its texts are posts the reader may see (RLS)
  BacktestRuleCount: {},
  BacktestItem: {},
  BacktestAccount: {},
  TextSpan: {},
  Member: {},
  MemberConnection: {},
  MemberEdge: {},
  Invitation: {},
  InvitationConnection: {},
  InvitationEdge: {},
  InvitationPreview: {},
  AcceptInvitationPayload: {},
  RemoveMemberPayload: {},
  SentMail: {}, // links in kept mail are redacted per row (canReadSecret)
  SentMailConnection: {},
  SentMailEdge: {},
  AuditEvent: {},
  AuditActor: {},
  AuditEventConnection: {},
  AuditEventEdge: {},
  AuditChainVerification: {},
  Organization: {},
  Membership: {},
  User: {},
  AuthPayload: {},
  PageInfo: {},
  // Posts: client users read their client's submitted posts (row-level security); who approves by
  // name inside the agency and the seatless links stay with the staff.
  Post: { fields: { approvalLinks: 'approval_chain.manage' } },
  PostConnection: {},
  PostEdge: {},
  PostAuthor: {},
  PostAccountRef: {},
  PostTarget: {},
  PostMedia: {},
  PostRevision: {},
  PostTargetFindings: {}, // filtered per reader: client users get the findings a client may see
  PostStep: { fields: { approvers: PEOPLE } },
  PostApproval: {},
  PostComment: {}, // INTERNAL comments are hidden from client users by row-level security
  PostTimelineEntry: {}, // client users get the decisions only
  SubmitPostResult: {},
  ApprovalChain: { type: 'approval_chain.read' },
  ApprovalStep: {},
  Approvers: {},
  ApprovalLinkInfo: { type: 'approval_chain.manage' },
  // Publishing: client users see where their client's posts went out (and why not), like the staff.
  Publication: {},
  SandboxPost: {}, // row-level security: a client user's feed is their client's accounts only
  SandboxPostConnection: {},
  SandboxPostEdge: {},
  CalendarEntry: {},
  CalendarAccount: {},
  MastodonAuthorization: {}, // only account managers reach it (account.manage)
  NetworkConnection: {},
  // Webhooks: owners and admins only (organization.update on every operation), never client users (RLS).
  Webhook: {},
  WebhookCreated: {},
  WebhookDelivery: {},
  // The seatless page: what its single-use link opens, for someone without an account.
  ApprovalLinkView: {},
  ApprovalLinkResult: {},
};

/** The permission a reader needs to see `type.field`, which returns `returnType`; null: anyone who reached it. */
export function fieldPermission(type: string, field: string, returnType: string): Permission | null {
  return OBJECT_VISIBILITY[type]?.fields?.[field] ?? OBJECT_VISIBILITY[returnType]?.type ?? null;
}

/** Whether a reader with `role` (null: no role in an organization) sees `type.field`. */
export function canSeeField(role: Role | null, type: string, field: string, returnType: string): boolean {
  const permission = fieldPermission(type, field, returnType);
  return permission === null || (role !== null && can(role, permission));
}
