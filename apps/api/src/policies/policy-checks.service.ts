import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { compile, evaluate, mergePolicies, type CompiledPolicy, type Finding, type SourcedRule } from '@clearpost/policy-engine';
import type { AccountFacts } from '../accounts/accounts.repository';
import { PolicyContextRepository } from './policy-context.repository';
import { notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import { PoliciesRepository } from './policies.repository';
import { PolicyAttachmentsRepository, type SourceRow } from './policy-attachments.repository';
import type { CheckPostInput, EffectivePolicy, PolicyCheckResult, PolicyFinding } from './policy.models';

const COMPILED_CACHE_SIZE = 200;

/** An engine finding as the API answers it: with its policy, and the words at fault as written. */
export function toPolicyFinding(f: Finding, text: string, policyName: string | null): PolicyFinding {
  return {
    ruleId: f.ruleId,
    kind: f.kind,
    action: f.action,
    intendedAction: f.intendedAction,
    approverRole: f.approverRole,
    message: f.message,
    spans: f.spans,
    policyName,
    ruleLabel: f.label,
    reason: f.reason,
    matched: [...new Set(f.spans.map((s) => text.slice(s.start, s.end)))],
  };
}

/**
 * What applies to an account — the merge of the policies attached to its organization, its client
 * and itself, the strictest action winning — and the authoritative check of a post against it.
 * The same service answers a request (checkPost, and submitting a post) and a job (the check at
 * publish time): it needs only a transaction.
 */
@Injectable()
export class PolicyChecksService {
  /** Compiled effective policies, by what makes them up: compiling 10,000 terms takes ~100 ms. */
  private readonly compiled = new Map<string, { policy: CompiledPolicy; sourceOf: Map<string, string> }>();

  constructor(
    private readonly attachments: PolicyAttachmentsRepository,
    private readonly policies: PoliciesRepository,
    private readonly policyContext: PolicyContextRepository,
  ) {}

  async effective(tx: Tx, organizationId: string, accountId: string): Promise<{ account: AccountFacts; merged: SourcedRule[] }> {
    const { account, sources } = await this.applicable(tx, organizationId, accountId, true);
    return { account, merged: await this.merge(tx, organizationId, sources) };
  }

  async effectivePolicy(tx: Tx, organizationId: string, accountId: string): Promise<EffectivePolicy> {
    const { merged } = await this.effective(tx, organizationId, accountId);
    return {
      accountId,
      rules: merged.map(({ rule, source, overrides, overridden, combined }) => ({
        ruleId: rule.id,
        kind: rule.kind,
        action: rule.action,
        mode: rule.mode,
        rule,
        source,
        overrides,
        overriddenRules: overridden,
        combinedWith: combined,
      })),
    };
  }

  /**
   * The authoritative check of a post against its account's effective policy. Changes nothing.
   * The compiled policy is cached under the published versions that make it up and a hash of the
   * context, so a warm check loads no rules at all.
   */
  async check(tx: Tx, organizationId: string, input: CheckPostInput): Promise<PolicyCheckResult> {
    const { account, sources } = await this.applicable(tx, organizationId, input.accountId, false);
    const context = await this.policyContext.read(tx, organizationId);
    const key = createHash('sha256')
      .update(JSON.stringify({ organizationId, versions: sources.map((s) => [s.policy_id, s.version, s.scope]), context }))
      .digest('base64url');
    let entry = this.compiled.get(key);
    if (!entry) {
      const merged = await this.merge(tx, organizationId, sources);
      entry = { policy: compile({ rules: merged.map((m) => m.rule) }, context), sourceOf: new Map(merged.map((m) => [m.rule.id, m.source.policyName])) };
      if (this.compiled.size >= COMPILED_CACHE_SIZE) this.compiled.delete(this.compiled.keys().next().value as string);
      this.compiled.set(key, entry);
    }
    const result = evaluate(
      entry.policy,
      {
        text: input.text,
        network: account.network,
        accountKind: account.kind,
        clientId: account.client_id,
        media: input.media ?? [],
        links: input.links ?? [],
        scheduledAt: input.scheduledAt ?? null,
        timezone: account.timezone,
      },
      { locale: input.locale ?? 'en' },
    );
    const sourceOf = entry.sourceOf;
    return {
      blocked: result.blocked,
      requiredApprovals: result.requiredApprovals,
      findings: result.findings.map((f) => toPolicyFinding(f, input.text, sourceOf.get(f.ruleId) ?? null)),
    };
  }

  /** The account, and the latest published version of every policy attached to it (with or without its rules). */
  private async applicable(tx: Tx, organizationId: string, accountId: string, withRules: boolean): Promise<{ account: AccountFacts; sources: SourceRow[] }> {
    const found = await this.attachments.applicable(tx, organizationId, accountId, withRules);
    if (!found) throw notFound('This account');
    return found;
  }

  /** Published versions never change, so (policy, version) pairs identify the rules for good. */
  private async merge(tx: Tx, organizationId: string, sources: SourceRow[]): Promise<SourcedRule[]> {
    if (!sources.length) return [];
    const missing = sources.filter((s) => !s.rules);
    const versions = missing.length
      ? await this.policies.versions.published(
          tx,
          organizationId,
          missing.map((s) => ({ parentId: s.policy_id, version: s.version })),
        )
      : [];
    const rulesOf = new Map(versions.map((v) => [`${v.parentId}@${v.version}`, v.content.rules]));
    for (const s of sources) if (s.rules) rulesOf.set(`${s.policy_id}@${s.version}`, s.rules);
    return mergePolicies(
      sources.map((s) => ({
        source: { policyId: s.policy_id, policyName: s.policy_name, version: s.version, scope: s.scope },
        rules: rulesOf.get(`${s.policy_id}@${s.version}`) ?? [],
      })),
    );
  }
}
