import { contentHash } from '@clearpost/audit-chain';
import type { Role } from '@clearpost/authz';
import { policyStep, type ApprovalStep } from '@clearpost/post-workflow';
import { displayHandle, isNetwork } from '@clearpost/networks';
import { badInput } from '../common/errors';
import type { PolicyFinding } from '../policies/policy.models';
import type { Post, PostContentInput, PostRevision, PostTarget } from './post.models';
import type { PostViewRow, RevisionContent, RevisionRow, TargetAccount } from './posts.repository';

/**
 * A revision's content in its one stored form: targets in account order, a target's own text only
 * when it differs from the post's, links and media trimmed. Two saves of the same content have
 * the same hash, whatever order the form sent the targets in.
 */
export function contentOf(input: PostContentInput): RevisionContent {
  const seen = new Set<string>();
  for (const target of input.targets) {
    if (seen.has(target.accountId)) throw badInput('targets', 'Each account can be chosen only once.');
    seen.add(target.accountId);
  }
  return {
    v: 1,
    text: input.text,
    targets: [...input.targets]
      .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
      .map((target) => ({ accountId: target.accountId, text: target.text != null && target.text !== input.text ? target.text : null })),
    links: (input.links ?? []).map((link) => link.trim()).filter(Boolean),
    media: (input.media ?? []).map((m) => ({
      ref: m.ref.trim(),
      alt: m.alt?.trim() || null,
      peopleTagged: m.peopleTagged,
      consentRecorded: m.consentRecorded,
    })),
    scheduledAt: input.scheduledAt ? input.scheduledAt.toISOString() : null,
  };
}

/** The SHA-256 of the content's canonical form: the same canonical encoding as the audit chain. */
export function hashContent(content: RevisionContent): { canonical: string; hash: string } {
  return contentHash(content);
}

/** What the list's search looks in: every text of the post, lower-cased. */
export function searchTextOf(content: RevisionContent): string {
  return [content.text, ...content.targets.map((t) => t.text ?? '')].join('\n').toLowerCase().slice(0, 20_000);
}

/** The text a target goes out with. */
export function targetText(content: RevisionContent, accountId: string): string {
  return content.targets.find((t) => t.accountId === accountId)?.text ?? content.text;
}

export function toTargets(content: RevisionContent, accounts: TargetAccount[]): PostTarget[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return content.targets.map((target) => {
    const account = byId.get(target.accountId);
    return {
      account: {
        id: target.accountId,
        displayName: account?.display_name ?? '—',
        displayHandle: account ? (isNetwork(account.network) ? displayHandle(account.network, account.handle) : account.handle) : '',
        network: account?.network ?? 'UNKNOWN',
        kind: account?.kind ?? 'BRAND',
        timezone: account?.timezone ?? 'UTC',
      },
      text: target.text,
      effectiveText: target.text ?? content.text,
    };
  });
}

export function toPost(row: PostViewRow): Post {
  return {
    id: row.id,
    state: row.state,
    clientId: row.client_id,
    clientName: row.client_name,
    author: { id: row.author_id, name: row.author_name },
    text: row.content.text,
    revision: row.revision,
    contentHash: row.content_hash,
    targets: toTargets(row.content, row.accounts),
    scheduledAt: row.scheduled_at,
    currentStep: row.current_step,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    authorId: row.author_id,
    review: {
      cycle: row.cycle,
      steps: row.steps,
      required: row.required,
      current_step: row.current_step,
      state: row.state,
      client_id: row.client_id,
      author_id: row.author_id,
    },
  };
}

export function toRevision(row: RevisionRow, accounts: TargetAccount[]): PostRevision {
  return {
    number: row.number,
    basedOn: row.based_on,
    text: row.content.text,
    targets: toTargets(row.content, accounts),
    links: row.content.links,
    media: row.content.media,
    scheduledAt: row.content.scheduledAt ? new Date(row.content.scheduledAt) : null,
    contentHash: row.content_hash,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}

/**
 * What a client (a client user, or the seatless page) may see of the policy's findings: not the
 * other clients' confidential terms or the agency's colleagues (those findings name them), and
 * nothing the policy only monitors.
 */
export function clientMaySee(finding: PolicyFinding): boolean {
  return finding.kind !== 'client_confidentiality' && finding.kind !== 'colleague_names' && finding.action !== 'MONITOR';
}

/** The approval step a REQUIRE_APPROVAL finding adds (named after its policy and rule, so it is added once). */
export function policyStepFor(finding: Pick<PolicyFinding, 'approverRole' | 'policyName' | 'ruleId'>): ApprovalStep {
  return policyStep((finding.approverRole as Role | null) ?? 'COMPLIANCE', finding.policyName ? `${finding.policyName} — ${finding.ruleId}` : finding.ruleId);
}
