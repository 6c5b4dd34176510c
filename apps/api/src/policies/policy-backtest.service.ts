import { Injectable } from '@nestjs/common';
import { compile, evaluate, validatePolicy, type Network, type Post, type Rule } from '@clearpost/policy-engine';
import { badInput, notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import { PostsRepository, type RecentPostRow } from '../posts/posts.repository';
import { PoliciesRepository } from './policies.repository';
import { PolicyContextRepository } from './policy-context.repository';
import {
  BACKTEST_DEFAULT_POSTS,
  BACKTEST_MAX_ITEMS,
  BacktestChange,
  type BacktestItem,
  type BacktestPolicyInput,
  type BacktestRuleCount,
  type PolicyBacktest,
} from './policy-backtest.models';
import { toPolicyFinding } from './policy-checks.service';

const CHANGE_ORDER: Record<BacktestChange, number> = { NEW: 0, CHANGED: 1, GONE: 2, SAME: 3 };
const YIELD_EVERY = 200;

/**
 * Back-testing: what a policy's draft (or rules being edited, or a MONITOR rule) would have flagged
 * on the organization's past posts — the latest revision of each, on each of its accounts — beside
 * what its published version flags, before anyone publishes it. Reads only; the policy alone (not
 * merged with the other policies attached), in today's context (names, clients' terms).
 */
@Injectable()
export class PolicyBacktestService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly posts: PostsRepository,
    private readonly policyContext: PolicyContextRepository,
  ) {}

  async backtest(tx: Tx, organizationId: string, input: BacktestPolicyInput): Promise<PolicyBacktest> {
    const started = performance.now();
    // A policy always has a draft or a published version: neither means no such policy (or not this organization's).
    const { draft, current: published } = await this.policies.versions.draftAndCurrent(tx, organizationId, input.policyId);
    if (!draft && !published) throw notFound('This policy');
    const tried = input.rules ?? draft?.content.rules ?? published?.content.rules ?? [];
    const validation = validatePolicy({ rules: tried });
    if (!validation.ok) {
      const [first] = validation.issues;
      throw badInput(['rules', ...first.path.slice(1)].join('.'), first.message);
    }
    const context = await this.policyContext.read(tx, organizationId);
    const now = compile(validation.policy, context);
    const before = published ? compile({ rules: published.content.rules }, context) : null;
    const { rows, total } = await this.posts.recent(tx, organizationId, input.limit ?? BACKTEST_DEFAULT_POSTS);
    const locale = input.locale ?? 'en';

    const perRule = new Map<string, { now: Set<string>; before: Set<string> }>();
    const count = (ruleId: string, side: 'now' | 'before', postId: string) => {
      const entry = perRule.get(ruleId) ?? { now: new Set<string>(), before: new Set<string>() };
      entry[side].add(postId);
      perRule.set(ruleId, entry);
    };
    const flagged = new Set<string>();
    const flaggedBefore = new Set<string>();
    const items: BacktestItem[] = [];
    let scannedTexts = 0;
    for (const row of rows) {
      for (const { account, text, post } of textsOf(row)) {
        // Thousands of posts take a second or two of CPU: let other requests through meanwhile.
        if (++scannedTexts % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        const found = evaluate(now, post, { locale }).findings;
        const foundBefore = before ? evaluate(before, post, { locale }).findings : [];
        for (const f of found) count(f.ruleId, 'now', row.id);
        for (const f of foundBefore) count(f.ruleId, 'before', row.id);
        if (found.length) flagged.add(row.id);
        if (foundBefore.length) flaggedBefore.add(row.id);
        if (!found.length && !foundBefore.length) continue;
        const rulesNow = [...new Set(found.map((f) => f.ruleId))].sort();
        const rulesBefore = [...new Set(foundBefore.map((f) => f.ruleId))].sort();
        const change = !foundBefore.length
          ? BacktestChange.NEW
          : !found.length
            ? BacktestChange.GONE
            : rulesNow.join() === rulesBefore.join()
              ? BacktestChange.SAME
              : BacktestChange.CHANGED;
        items.push({
          postId: row.id,
          revision: row.revision,
          state: row.state,
          updatedAt: row.updated_at,
          account: { id: account.id, displayName: account.display_name, handle: account.handle, network: account.network },
          text,
          change,
          findings: found.map((f) => toPolicyFinding(f, text, null)), // the policy being tried
          flaggedBefore: rulesBefore,
        });
      }
    }
    items.sort((a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] || b.updatedAt.getTime() - a.updatedAt.getTime());
    const publishedIds = new Set((published?.content.rules ?? []).map((r) => r.id));
    return {
      policyId: input.policyId,
      comparedWithVersion: published?.version ?? null,
      totalPosts: total,
      scannedPosts: rows.length,
      scannedTexts,
      flaggedPosts: flagged.size,
      newlyFlaggedPosts: [...flagged].filter((id) => before && !flaggedBefore.has(id)).length,
      noLongerFlaggedPosts: [...flaggedBefore].filter((id) => !flagged.has(id)).length,
      rules: validation.policy.rules.map((rule) => ruleCount(rule, perRule.get(rule.id), publishedIds.has(rule.id))),
      items: items.slice(0, BACKTEST_MAX_ITEMS),
      itemsTruncated: items.length > BACKTEST_MAX_ITEMS,
      tookMs: Math.round(performance.now() - started),
    };
  }
}

/** One text per account the post goes to (its own text there, or the post's), as the engine reads it. */
function textsOf(row: RecentPostRow) {
  return row.accounts.map((account) => {
    const text = row.content.targets.find((t) => t.accountId === account.id)?.text ?? row.content.text;
    const post: Post = {
      text,
      network: account.network as Network,
      accountKind: account.kind as Post['accountKind'],
      clientId: account.client_id,
      media: row.content.media,
      links: row.content.links,
      // Posting hours are judged at the time it was (or is) to go out, else when it was last changed.
      scheduledAt: row.scheduled_at ?? row.content.scheduledAt ?? row.updated_at,
      timezone: account.timezone,
    };
    return { account, text, post };
  });
}

function ruleCount(rule: Rule, counted: { now: Set<string>; before: Set<string> } | undefined, wasPublished: boolean): BacktestRuleCount {
  return {
    ruleId: rule.id,
    kind: rule.kind,
    action: rule.action,
    mode: rule.mode,
    label: rule.label ?? null,
    posts: counted?.now.size ?? 0,
    postsBefore: wasPublished ? (counted?.before.size ?? 0) : null,
  };
}
