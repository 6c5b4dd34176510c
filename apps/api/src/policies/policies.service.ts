import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  compile,
  evaluate,
  findTemplate,
  listTemplates,
  mergePolicies,
  validatePolicy,
  type CompiledPolicy,
  type PolicyContext,
  type PolicyIssue,
  type Rule,
  type SourcedRule,
} from '@clearpost/policy-engine';
import { AuditService } from '../audit/audit.service';
import { AppError, badInput, conflict, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import {
  VersionStatus,
  type AttachPolicyInput,
  type CheckPostInput,
  type CreatePolicyInput,
  type EffectivePolicy,
  type Policy,
  type PolicyAttachment,
  type PolicyCheckResult,
  type PolicyScope,
  type PolicyTemplateModel,
  type PolicyVersion,
  type UpdatePolicyDraftInput,
} from './policy.models';

interface VersionRow {
  policy_id: string;
  version: number;
  status: VersionStatus;
  rules: Rule[];
  updated_at: Date;
  published_at: Date | null;
  published_by_name: string | null;
}

const toVersion = (row: VersionRow): PolicyVersion => ({
  version: row.version,
  status: row.status,
  rules: row.rules,
  ruleCount: row.rules.length,
  updatedAt: row.updated_at,
  publishedAt: row.published_at,
  publishedByName: row.published_by_name,
});

/** The rules as saved: validated by the engine, the first problem named by its path. */
function invalidRules(issues: PolicyIssue[]): AppError {
  const [first] = issues;
  const field = ['rules', ...first.path.slice(1)].join('.');
  return new AppError('BAD_USER_INPUT', `${field}: ${first.message}`, { field, issues: issues.slice(0, 50) });
}

const COMPILED_CACHE_SIZE = 200;

/**
 * Policies: versioned rule documents (a published version never changes), attached to the
 * organization, a client or an account. An account's effective policy merges what applies to it,
 * the strictest action winning; checkPost evaluates a post against it with libs/policy-engine.
 */
@Injectable()
export class PoliciesService {
  /** Compiled effective policies, by what makes them up: compiling 10,000 terms takes ~100 ms. */
  private readonly compiled = new Map<string, { policy: CompiledPolicy; sourceOf: Map<string, string> }>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  templates(organizationName: string): PolicyTemplateModel[] {
    return listTemplates({ companyNames: [organizationName] });
  }

  /** Every policy of the organization, or only the one `onlyId` names. */
  async list(manager: EntityManager, organizationId: string, onlyId: string | null = null): Promise<Policy[]> {
    const policies = (await manager.query(
      `select id, name, description, template_id, created_at from policy
        where organization_id = $1 and ($2::uuid is null or id = $2) order by lower(name), id`,
      [organizationId, onlyId],
    )) as Array<{ id: string; name: string; description: string; template_id: string | null; created_at: Date }>;
    const versions = (await manager.query(
      `select v.policy_id, v.version, v.status, v.rules, v.updated_at, v.published_at, u.name as published_by_name
         from policy_version v left join app_user u on u.id = v.published_by
        where v.organization_id = $1 and ($2::uuid is null or v.policy_id = $2) order by v.policy_id, v.version desc`,
      [organizationId, onlyId],
    )) as VersionRow[];
    const attachments = await this.attachments(manager, organizationId);
    return policies.map((p) => {
      const own = versions.filter((v) => v.policy_id === p.id).map(toVersion);
      return {
        id: p.id,
        name: p.name,
        description: p.description,
        templateId: p.template_id,
        createdAt: p.created_at,
        draft: own.find((v) => v.status === VersionStatus.DRAFT) ?? null,
        published: own.find((v) => v.status === VersionStatus.PUBLISHED) ?? null,
        versions: own,
        attachments: attachments.filter((a) => a.policyId === p.id),
      };
    });
  }

  async get(manager: EntityManager, organizationId: string, id: string): Promise<Policy> {
    const [policy] = await this.list(manager, organizationId, id);
    if (!policy) throw notFound('This policy');
    return policy;
  }

  async create(manager: EntityManager, actor: TenantActor, input: CreatePolicyInput): Promise<Policy> {
    let rules: unknown[] = input.rules ?? [];
    if (input.templateId) {
      const [organization] = (await manager.query(`select name from organization where id = $1`, [actor.organizationId])) as Array<{ name: string }>;
      const template = findTemplate(input.templateId, { companyNames: [organization.name] });
      if (!template) throw badInput('templateId', 'There is no template with this id.');
      rules = template.rules;
    }
    const validation = validatePolicy({ rules });
    if (!validation.ok) throw invalidRules(validation.issues);
    await this.assertNameFree(manager, actor.organizationId, input.name);
    const id = randomUUID();
    await manager.query(`insert into policy (organization_id, id, name, description, template_id, created_by) values ($1, $2, $3, $4, $5, $6)`, [
      actor.organizationId,
      id,
      input.name,
      input.description ?? '',
      input.templateId ?? null,
      actor.userId,
    ]);
    await manager.query(
      `insert into policy_version (organization_id, policy_id, version, rules, status, updated_by) values ($1, $2, 1, $3::jsonb, 'DRAFT', $4)`,
      [actor.organizationId, id, JSON.stringify(validation.policy.rules), actor.userId],
    );
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy.created',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: id,
      data: { name: input.name, templateId: input.templateId ?? null, ruleCount: validation.policy.rules.length },
    });
    return this.get(manager, actor.organizationId, id);
  }

  /** Saves the draft (opening a new one after the latest version if there is none). */
  async updateDraft(manager: EntityManager, actor: TenantActor, input: UpdatePolicyDraftInput): Promise<Policy> {
    await this.lockPolicy(manager, actor.organizationId, input.policyId);
    const validation = validatePolicy({ rules: input.rules });
    if (!validation.ok) throw invalidRules(validation.issues);
    const rules = JSON.stringify(validation.policy.rules);
    const [draft] = (await manager.query(`select version from policy_version where organization_id = $1 and policy_id = $2 and status = 'DRAFT'`, [
      actor.organizationId,
      input.policyId,
    ])) as Array<{ version: number }>;
    let version: number;
    if (draft) {
      version = draft.version;
      await manager.query(
        `update policy_version set rules = $4::jsonb, updated_at = now(), updated_by = $5 where organization_id = $1 and policy_id = $2 and version = $3`,
        [actor.organizationId, input.policyId, version, rules, actor.userId],
      );
    } else {
      const [{ next }] = (await manager.query(
        `select coalesce(max(version), 0) + 1 as next from policy_version where organization_id = $1 and policy_id = $2`,
        [actor.organizationId, input.policyId],
      )) as Array<{ next: number }>;
      version = next;
      await manager.query(
        `insert into policy_version (organization_id, policy_id, version, rules, status, updated_by) values ($1, $2, $3, $4::jsonb, 'DRAFT', $5)`,
        [actor.organizationId, input.policyId, version, rules, actor.userId],
      );
    }
    if (input.name !== undefined || input.description !== undefined) {
      if (input.name !== undefined) await this.assertNameFree(manager, actor.organizationId, input.name, input.policyId);
      await manager.query(
        `update policy set name = coalesce($3, name), description = coalesce($4, description) where organization_id = $1 and id = $2`,
        [actor.organizationId, input.policyId, input.name ?? null, input.description ?? null],
      );
    }
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy.draft_saved',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: input.policyId,
      data: { version, ruleCount: validation.policy.rules.length },
    });
    return this.get(manager, actor.organizationId, input.policyId);
  }

  async publish(manager: EntityManager, actor: TenantActor, policyId: string): Promise<PolicyVersion> {
    await this.lockPolicy(manager, actor.organizationId, policyId);
    const [draft] = (await manager.query(
      `select version, rules from policy_version where organization_id = $1 and policy_id = $2 and status = 'DRAFT' for update`,
      [actor.organizationId, policyId],
    )) as Array<{ version: number; rules: Rule[] }>;
    if (!draft) throw conflict('There is no draft to publish. Edit the policy first.');
    const validation = validatePolicy({ rules: draft.rules });
    if (!validation.ok) throw invalidRules(validation.issues);
    await manager.query(
      `update policy_version set status = 'PUBLISHED', published_at = now(), published_by = $4 where organization_id = $1 and policy_id = $2 and version = $3`,
      [actor.organizationId, policyId, draft.version, actor.userId],
    );
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy.published',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: policyId,
      data: { version: draft.version, ruleCount: draft.rules.length },
    });
    const published = (await this.get(manager, actor.organizationId, policyId)).published;
    if (!published) throw new Error('published version not found after publishing');
    return published;
  }

  async attach(manager: EntityManager, actor: TenantActor, input: AttachPolicyInput): Promise<PolicyAttachment> {
    const policy = await this.get(manager, actor.organizationId, input.policyId);
    if (!policy.published) throw conflict('Publish a version of this policy before attaching it.');
    const targetId = await this.resolveTarget(manager, actor.organizationId, input.scope, input.targetId);
    const id = randomUUID();
    const [inserted] = (await manager.query(
      `insert into policy_attachment (organization_id, id, policy_id, scope, target_id, created_by) values ($1, $2, $3, $4, $5, $6)
       on conflict (organization_id, policy_id, scope, target_id) do nothing returning id`,
      [actor.organizationId, id, input.policyId, input.scope, targetId, actor.userId],
    )) as Array<{ id: string }>;
    if (!inserted) throw conflict('This policy is already attached there.');
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy.attached',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: input.policyId,
      data: { scope: input.scope, targetId },
    });
    const attachment = (await this.attachments(manager, actor.organizationId)).find((a) => a.id === id);
    if (!attachment) throw new Error('attachment not found after insert');
    return attachment;
  }

  async detach(manager: EntityManager, actor: TenantActor, input: AttachPolicyInput): Promise<PolicyAttachment> {
    const targetId = input.scope === 'ORGANIZATION' ? actor.organizationId : input.targetId;
    if (!targetId) throw badInput('targetId', 'Name the client or account.');
    const attachment = (await this.attachments(manager, actor.organizationId)).find(
      (a) => a.policyId === input.policyId && a.scope === input.scope && a.targetId === targetId,
    );
    if (!attachment) throw notFound('This attachment');
    await manager.query(`delete from policy_attachment where organization_id = $1 and id = $2`, [actor.organizationId, attachment.id]);
    await this.audit.record(manager, actor.organizationId, {
      action: 'policy.detached',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: input.policyId,
      data: { scope: input.scope, targetId },
    });
    return attachment;
  }

  /** The account, and the latest published version of every policy attached to it (rules not loaded). */
  private async applicable(manager: EntityManager, organizationId: string, accountId: string) {
    const [account] = (await manager.query(
      `select id, network, kind, client_id, timezone from social_account where organization_id = $1 and id = $2`,
      [organizationId, accountId],
    )) as AccountFacts[];
    if (!account) throw notFound('This account');
    const sources = (await manager.query(
      `select a.scope, p.id as policy_id, p.name as policy_name, v.version
         from policy_attachment a
         join policy p on p.organization_id = a.organization_id and p.id = a.policy_id
         join lateral (select max(version) as version from policy_version pv
                        where pv.organization_id = a.organization_id and pv.policy_id = a.policy_id and pv.status = 'PUBLISHED') v on v.version is not null
        where a.organization_id = $1
          and ((a.scope = 'ORGANIZATION' and a.target_id = $1)
            or (a.scope = 'CLIENT' and a.target_id = $2)
            or (a.scope = 'ACCOUNT' and a.target_id = $3))
        order by p.id, a.scope`,
      [organizationId, account.client_id, account.id],
    )) as Array<{ scope: PolicyScope; policy_id: string; policy_name: string; version: number }>;
    return { account, sources };
  }

  async effective(manager: EntityManager, organizationId: string, accountId: string): Promise<{ account: AccountFacts; merged: SourcedRule[] }> {
    const { account, sources } = await this.applicable(manager, organizationId, accountId);
    return { account, merged: await this.merge(manager, organizationId, sources) };
  }

  /** Published versions never change, so (policy, version) pairs identify the rules for good. */
  private async merge(
    manager: EntityManager,
    organizationId: string,
    sources: Array<{ scope: PolicyScope; policy_id: string; policy_name: string; version: number }>,
  ): Promise<SourcedRule[]> {
    if (!sources.length) return [];
    const rows = (await manager.query(
      `select policy_id, version, rules from policy_version
        where organization_id = $1 and (policy_id, version) in (select * from unnest($2::uuid[], $3::int[]))`,
      [organizationId, sources.map((s) => s.policy_id), sources.map((s) => s.version)],
    )) as Array<{ policy_id: string; version: number; rules: Rule[] }>;
    const rulesOf = new Map(rows.map((r) => [`${r.policy_id}@${r.version}`, r.rules]));
    return mergePolicies(
      sources.map((s) => ({
        source: { policyId: s.policy_id, policyName: s.policy_name, version: s.version, scope: s.scope },
        rules: rulesOf.get(`${s.policy_id}@${s.version}`) ?? [],
      })),
    );
  }

  async effectivePolicy(manager: EntityManager, organizationId: string, accountId: string): Promise<EffectivePolicy> {
    const { merged } = await this.effective(manager, organizationId, accountId);
    return {
      accountId,
      rules: merged.map(({ rule, source, overrides }) => ({
        ruleId: rule.id,
        kind: rule.kind,
        action: rule.action,
        mode: rule.mode,
        rule,
        source,
        overrides,
      })),
    };
  }

  /**
   * The authoritative check of a post against its account's effective policy. Changes nothing.
   * The compiled policy is cached under the published versions that make it up and a hash of the
   * context, so a warm check loads no rules at all.
   */
  async check(manager: EntityManager, actor: TenantActor, input: CheckPostInput): Promise<PolicyCheckResult> {
    const organizationId = actor.organizationId;
    const { account, sources } = await this.applicable(manager, organizationId, input.accountId);
    const context = await this.context(manager, actor);
    const key = createHash('sha256')
      .update(JSON.stringify({ organizationId, versions: sources.map((s) => [s.policy_id, s.version, s.scope]), context }))
      .digest('base64url');
    let entry = this.compiled.get(key);
    if (!entry) {
      const merged = await this.merge(manager, organizationId, sources);
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
      findings: result.findings.map((f) => ({
        ruleId: f.ruleId,
        kind: f.kind,
        action: f.action,
        intendedAction: f.intendedAction,
        approverRole: f.approverRole,
        message: f.message,
        spans: f.spans,
        policyName: sourceOf.get(f.ruleId) ?? null,
      })),
    };
  }

  /**
   * Colleagues' names and every client's confidential terms, read as system work (no user): the
   * caller may not read other clients' terms; they never leave the server except as the words the
   * caller typed, named in a finding. Read in the operation's own transaction, its actor set aside
   * for two statements, rather than in a second transaction on a second connection: each check
   * then holds one connection, which matters with a small pool (the embedded one has 6).
   */
  private async context(manager: EntityManager, actor: TenantActor): Promise<PolicyContext> {
    await this.db.setScope({ userId: null });
    const members = (await manager.query(
      `select u.name from membership m join app_user u on u.id = m.user_id where m.organization_id = $1 and m.removed_at is null order by u.name`,
      [actor.organizationId],
    )) as Array<{ name: string }>;
    const clients = (await manager.query(
      `select c.id, c.name, coalesce(t.terms, '{}') as terms from client c
         left join client_confidential_terms t on t.organization_id = c.organization_id and t.client_id = c.id
        where c.organization_id = $1 order by c.id`,
      [actor.organizationId],
    )) as Array<{ id: string; name: string; terms: string[] }>;
    await this.db.setScope({ userId: actor.userId });
    return { colleagues: members.map((m) => m.name), clients };
  }

  private async attachments(manager: EntityManager, organizationId: string): Promise<PolicyAttachment[]> {
    const rows = (await manager.query(
      `select a.id, a.policy_id, a.scope, a.target_id, a.created_at,
              case a.scope when 'ORGANIZATION' then (select name from organization o where o.id = a.target_id)
                           when 'CLIENT' then (select name from client c where c.organization_id = a.organization_id and c.id = a.target_id)
                           else (select display_name from social_account s where s.organization_id = a.organization_id and s.id = a.target_id) end as target_name
         from policy_attachment a where a.organization_id = $1 order by a.created_at, a.id`,
      [organizationId],
    )) as Array<{ id: string; policy_id: string; scope: PolicyScope; target_id: string; created_at: Date; target_name: string | null }>;
    return rows.map((r) => ({ id: r.id, policyId: r.policy_id, scope: r.scope, targetId: r.target_id, targetName: r.target_name ?? '—', createdAt: r.created_at }));
  }

  private async resolveTarget(manager: EntityManager, organizationId: string, scope: PolicyScope, targetId: string | undefined): Promise<string> {
    if (scope === 'ORGANIZATION') return organizationId;
    if (!targetId) throw badInput('targetId', scope === 'CLIENT' ? 'Choose the client.' : 'Choose the account.');
    const table = scope === 'CLIENT' ? 'client' : 'social_account';
    const live = scope === 'CLIENT' ? 'archived_at is null' : 'deactivated_at is null';
    const [row] = await manager.query(`select 1 from ${table} where organization_id = $1 and id = $2 and ${live}`, [organizationId, targetId]);
    if (!row) throw badInput('targetId', scope === 'CLIENT' ? 'This client does not exist or is archived.' : 'This account does not exist or is deactivated.');
    return targetId;
  }

  private async lockPolicy(manager: EntityManager, organizationId: string, id: string): Promise<void> {
    const [row] = await manager.query(`select 1 from policy where organization_id = $1 and id = $2 for update`, [organizationId, id]);
    if (!row) throw notFound('This policy');
  }

  private async assertNameFree(manager: EntityManager, organizationId: string, name: string, exceptId?: string): Promise<void> {
    const [taken] = await manager.query(`select 1 from policy where organization_id = $1 and lower(name) = lower($2) and id is distinct from $3::uuid`, [
      organizationId,
      name,
      exceptId ?? null,
    ]);
    if (taken) throw conflict(`A policy named “${name}” already exists.`, { field: 'name' });
  }
}

export interface AccountFacts {
  id: string;
  network: 'X' | 'LINKEDIN' | 'FACEBOOK' | 'INSTAGRAM' | 'MASTODON' | 'BLUESKY' | 'TIKTOK' | 'YOUTUBE';
  kind: 'BRAND' | 'STAFF';
  client_id: string | null;
  timezone: string;
}
