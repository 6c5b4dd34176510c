import { isClientRole, ROLES, type Role } from '@clearpost/authz';

export const APPROVAL_MODES = ['ANY', 'ALL'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** Who may approve a step: members holding one of `roles`, the members named, and/or the client's approvers. */
export interface Approvers {
  roles: Role[];
  memberIds: string[];
  /** The post's client's approvers: its CLIENT_APPROVER members, and the approver emails on the client (seatless links). */
  clientApprovers: boolean;
}

/**
 * One step of an approval chain. ANY: `minApprovals` distinct people among those eligible (1 by
 * default). ALL: every person eligible when the post was submitted.
 */
export interface ApprovalStep {
  name: string;
  approvers: Approvers;
  mode: ApprovalMode;
  minApprovals: number;
}

/** Roles that never approve: a member only reads and acknowledges, a client viewer only reads and comments. */
export const NEVER_APPROVES: readonly Role[] = ['MEMBER', 'CLIENT_VIEWER'];
export const MAX_STEPS = 10;

/** The chain an organization has until someone sets one: one approval by an approver, an admin or an owner. */
export const DEFAULT_CHAIN: ApprovalStep[] = [
  { name: 'Approval', approvers: { roles: ['APPROVER', 'ADMIN', 'OWNER'], memberIds: [], clientApprovers: false }, mode: 'ANY', minApprovals: 1 },
];

/** The step a REQUIRE_APPROVAL finding adds: someone holding the role the rule names. */
export function policyStep(role: Role, ruleLabel: string): ApprovalStep {
  return { name: `Policy: ${ruleLabel}`, approvers: { roles: [role], memberIds: [], clientApprovers: false }, mode: 'ANY', minApprovals: 1 };
}

/** What is wrong with a chain, as messages naming the step; empty when it is valid. */
export function validateChain(steps: ApprovalStep[]): string[] {
  const problems: string[] = [];
  if (steps.length === 0) problems.push('A chain needs at least one step.');
  if (steps.length > MAX_STEPS) problems.push(`A chain has at most ${MAX_STEPS} steps.`);
  steps.forEach((step, index) => {
    const at = `Step ${index + 1}${step.name ? ` (${step.name})` : ''}`;
    if (!step.name?.trim() || step.name.length > 80) problems.push(`${at}: give it a name of 1 to 80 characters.`);
    const roles = step.approvers.roles ?? [];
    for (const role of roles) {
      if (!(ROLES as readonly string[]).includes(role)) problems.push(`${at}: ${role} is not a role.`);
      else if (NEVER_APPROVES.includes(role)) problems.push(`${at}: a ${role === 'MEMBER' ? 'member' : 'client viewer'} never approves.`);
      else if (isClientRole(role)) problems.push(`${at}: use “client approvers” rather than the ${role} role.`);
    }
    if (roles.length === 0 && (step.approvers.memberIds ?? []).length === 0 && !step.approvers.clientApprovers) {
      problems.push(`${at}: say who approves (roles, people or the client’s approvers).`);
    }
    if (!Number.isInteger(step.minApprovals) || step.minApprovals < 1 || step.minApprovals > 20) problems.push(`${at}: the number of approvals is 1 to 20.`);
  });
  return problems;
}

const stepKey = (step: ApprovalStep) =>
  JSON.stringify([step.mode, step.minApprovals, [...step.approvers.roles].sort(), [...step.approvers.memberIds].sort(), step.approvers.clientApprovers]);

/**
 * The steps a post goes through: those the policy requires first (compliance before anyone else
 * sees it), then the chain of each target in order, a step present in several chains only once.
 */
export function combineSteps(policySteps: ApprovalStep[], chains: ApprovalStep[][]): ApprovalStep[] {
  const out: ApprovalStep[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...chains.map((chain) => chain.length));
  const ordered = [...policySteps];
  for (let i = 0; i < longest; i++) for (const chain of chains) if (chain[i]) ordered.push(chain[i]);
  for (const step of ordered) {
    const key = stepKey(step);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(step);
  }
  return out;
}

/** Someone who may act on a post: a member (with their role and clients) or a seatless client approver (an email). */
export type Approver = { kind: 'member'; userId: string; role: Role; clientIds: string[] } | { kind: 'link'; email: string; clientId: string };

export interface PostForApproval {
  authorId: string;
  clientId: string | null;
}

/** Why `who` may not approve `step` of `post`, or null when they may (separation of duties included). */
export function refusal(step: ApprovalStep, who: Approver, post: PostForApproval): string | null {
  if (who.kind === 'link') {
    if (!step.approvers.clientApprovers) return 'This step is not for the client’s approvers.';
    if (!post.clientId || post.clientId !== who.clientId) return 'This link is for another client’s posts.';
    return null;
  }
  if (who.userId === post.authorId) return 'The author of a post never approves it.';
  if (NEVER_APPROVES.includes(who.role)) return 'Your role does not approve posts.';
  if (isClientRole(who.role)) {
    if (!step.approvers.clientApprovers) return 'This step is not for the client’s approvers.';
    if (!post.clientId || !who.clientIds.includes(post.clientId)) return 'You approve only your own client’s posts.';
    return null;
  }
  if (step.approvers.roles.includes(who.role) || step.approvers.memberIds.includes(who.userId)) return null;
  return 'You are not one of this step’s approvers.';
}

/** One approval given in the current cycle: by a member or through a link (an email). */
export type GivenApproval = { stepIndex: number; userId: string | null; email: string | null };

/**
 * Whether step `index` is complete, given the approvals and (for ALL) the people who had to
 * approve it when the post was submitted.
 */
export function stepComplete(step: ApprovalStep, index: number, approvals: GivenApproval[], required: string[]): boolean {
  const given = new Set(approvals.filter((a) => a.stepIndex === index).map((a) => a.userId ?? `email:${a.email}`));
  if (step.mode === 'ALL') return required.length > 0 ? required.every((who) => given.has(who)) : given.size >= step.minApprovals;
  return given.size >= step.minApprovals;
}

/** The first step not yet complete, or null when the whole chain is. */
export function currentStep(steps: ApprovalStep[], approvals: GivenApproval[], required: string[][]): number | null {
  for (let index = 0; index < steps.length; index++) if (!stepComplete(steps[index], index, approvals, required[index] ?? [])) return index;
  return null;
}

/** A person counts once per post: have they already approved any step of this cycle? */
export function alreadyCounted(who: Approver, approvals: GivenApproval[]): boolean {
  return approvals.some((a) => (who.kind === 'member' ? a.userId === who.userId : a.email === who.email));
}
