import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { findTemplate, listTemplates, uniqueByFold, validatePolicy, type PolicyIssue, type Rule } from '@clearpost/policy-engine';
import { AuditService } from '../audit/audit.service';
import { AppError, badInput, conflict, notFound } from '../common/errors';
import type { Tx } from '../database/tx';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { diffById, listChange } from '../versioning/diff';
import type { StoredVersion } from '../versioning/versioned-documents.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { PoliciesRepository, type FullPolicyRow } from './policies.repository';
import { decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import {
  VersionStatus,
  type CreatePolicyInput,
  type Policy,
  type PolicyConnection,
  type PolicyTemplateModel,
  type PolicyVersion,
  type UpdatePolicyDraftInput,
} from './policy.models';

const toVersion = (row: StoredVersion<{ rules: Rule[] }>): PolicyVersion => ({
  version: row.version,
  status: row.status as VersionStatus,
  rules: row.content.rules,
  ruleCount: row.content.rules.length,
  updatedAt: row.updatedAt,
  publishedAt: row.publishedAt,
  publishedByName: row.publishedByName,
});

/** The rules as saved: validated by the engine, the first problem named by its path. */
function invalidRules(issues: PolicyIssue[]): AppError {
  const [first] = issues;
  const field = ['rules', ...first.path.slice(1)].join('.');
  return new AppError('BAD_USER_INPUT', `${field}: ${first.message}`, { field, issues: issues.slice(0, 50) });
}

/**
 * Policies: versioned rule documents (a published version never changes), attached to the
 * organization, a client or an account (PolicyAttachmentsService); what applies to an account and
 * the check of a post are PolicyChecksService's.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The built-in templates: the organization's and clients' names in them are read when a post is checked. */
  templates(): PolicyTemplateModel[] {
    return listTemplates();
  }

  /** The organization's competitors, for `{competitor}` in a policy's words. */
  competitors(tx: Tx, organizationId: string): Promise<string[]> {
    return this.organizations.competitorsOf(tx, organizationId);
  }

  /** Replaces the competitors' names (each once, case and accents aside); audited with what changed. */
  async setCompetitors(tx: Tx, actor: TenantActor, names: string[]): Promise<string[]> {
    const unique = uniqueByFold(names);
    const previous = await this.organizations.setCompetitors(tx, actor.organizationId, unique);
    if (!previous) throw notFound('This organization');
    const change = listChange(previous, unique);
    if (change) {
      await this.audit.record(tx, actor.organizationId, {
        action: 'policy.competitors_set',
        actorUserId: actor.userId,
        targetType: 'organization',
        targetId: actor.organizationId,
        data: change,
      });
    }
    return unique;
  }

  /** Every policy of the organization, or only the one `onlyId` names, with versions and attachments (one statement). */
  async list(tx: Tx, organizationId: string, onlyId: string | null = null): Promise<Policy[]> {
    return (await this.policies.listFull(tx, organizationId, onlyId)).map((p) => this.toPolicy(p));
  }

  async page(tx: Tx, organizationId: string, first: number, after: string | undefined): Promise<PolicyConnection> {
    const rows = await this.policies.page(tx, organizationId, first + 1, after ? (decodeKeyCursor(after, 2) as [string, string]) : null);
    return toConnection(
      rows,
      first,
      (row) => encodeKeyCursor([row.sort_key, row.id]),
      (row) => this.toPolicy(row),
    );
  }

  private toPolicy(p: FullPolicyRow): Policy {
    const own = p.versions.map((v) => toVersion(this.policies.versions.fromJson(v)));
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      templateId: p.template_id,
      createdAt: p.created_at,
      draft: own.find((v) => v.status === VersionStatus.DRAFT) ?? null,
      published: own.find((v) => v.status === VersionStatus.PUBLISHED) ?? null,
      versions: own,
      attachments: p.attachments.map((a) => ({
        id: a.id,
        policyId: a.policy_id,
        scope: a.scope,
        targetId: a.target_id,
        targetName: a.target_name ?? '—',
        createdAt: new Date(a.created_at),
      })),
    };
  }

  async get(tx: Tx, organizationId: string, id: string): Promise<Policy> {
    const [policy] = await this.list(tx, organizationId, id);
    if (!policy) throw notFound('This policy');
    return policy;
  }

  async create(tx: Tx, actor: TenantActor, input: CreatePolicyInput): Promise<Policy> {
    let rules: unknown[] = input.rules ?? [];
    if (input.templateId) {
      const template = findTemplate(input.templateId);
      if (!template) throw badInput('templateId', 'There is no template with this id.');
      rules = template.rules;
    }
    const validation = validatePolicy({ rules });
    if (!validation.ok) throw invalidRules(validation.issues);
    await this.assertNameFree(tx, actor.organizationId, input.name);
    const id = randomUUID();
    await this.policies.insert(tx, {
      organizationId: actor.organizationId,
      id,
      name: input.name,
      description: input.description ?? '',
      templateId: input.templateId ?? null,
      createdBy: actor.userId,
    });
    await this.policies.versions.saveDraft(tx, actor.organizationId, id, { rules: validation.policy.rules }, actor.userId);
    await this.audit.record(tx, actor.organizationId, {
      action: 'policy.created',
      actorUserId: actor.userId,
      targetType: 'policy',
      targetId: id,
      data: { name: input.name, templateId: input.templateId ?? null, ruleCount: validation.policy.rules.length },
    });
    return this.get(tx, actor.organizationId, id);
  }

  /** Saves the draft (opening a new one after the latest version if there is none). */
  async updateDraft(tx: Tx, actor: TenantActor, input: UpdatePolicyDraftInput): Promise<Policy> {
    await this.audit.change(
      tx,
      actor.organizationId,
      'This policy',
      async () => ((await this.policies.lock(tx, actor.organizationId, input.policyId)) ? true : null),
      async () => {
        const validation = validatePolicy({ rules: input.rules });
        if (!validation.ok) throw invalidRules(validation.issues);
        const saved = await this.policies.versions.saveDraft(tx, actor.organizationId, input.policyId, { rules: validation.policy.rules }, actor.userId);
        if (input.name !== undefined || input.description !== undefined) {
          if (input.name !== undefined) await this.assertNameFree(tx, actor.organizationId, input.name, input.policyId);
          await this.policies.describe(tx, actor.organizationId, input.policyId, input.name ?? null, input.description ?? null);
        }
        return {
          result: saved.version,
          event: {
            action: 'policy.draft_saved',
            actorUserId: actor.userId,
            targetType: 'policy',
            targetId: input.policyId,
            data: { version: saved.version, ruleCount: validation.policy.rules.length },
          },
        };
      },
    );
    return this.get(tx, actor.organizationId, input.policyId);
  }

  /** Publishes the draft; the audit event says which rules it adds, removes and changes. */
  async publish(tx: Tx, actor: TenantActor, policyId: string): Promise<PolicyVersion> {
    return this.audit.change(
      tx,
      actor.organizationId,
      'This policy',
      async () => ((await this.policies.lock(tx, actor.organizationId, policyId)) ? true : null),
      async () => {
        const draft = await this.policies.versions.draft(tx, actor.organizationId, policyId, true);
        if (!draft) throw conflict('There is no draft to publish. Edit the policy first.');
        const validation = validatePolicy({ rules: draft.content.rules });
        if (!validation.ok) throw invalidRules(validation.issues);
        const previous = await this.policies.versions.current(tx, actor.organizationId, policyId);
        const published = await this.policies.versions.publish(tx, actor.organizationId, policyId, actor.userId);
        if (!published) throw new Error('published version not found after publishing');
        return {
          result: toVersion(published),
          event: {
            action: 'policy.published',
            actorUserId: actor.userId,
            targetType: 'policy',
            targetId: policyId,
            data: {
              version: published.version,
              ruleCount: published.content.rules.length,
              changes: diffById(previous?.content.rules ?? [], published.content.rules),
            },
          },
        };
      },
    );
  }

  private async assertNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<void> {
    if (await this.policies.nameTaken(tx, organizationId, name, exceptId ?? null))
      throw conflict(`A policy named “${name}” already exists.`, { field: 'name' });
  }
}
