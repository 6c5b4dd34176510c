import type { Tx } from '../database/tx';

/**
 * Documents that change by versions: at most one draft, edited freely; publishing turns it into
 * the next immutable version (a database trigger refuses any change to a published row). Policies
 * (their rules) and the social media policy (its text) are kept this way; posts will be the third.
 *
 * One instance per table, configured with the table's shape. Identifiers here come from that
 * configuration (constants in the code), never from input.
 */
export interface VersionTable<C> {
  table: string;
  /** The column naming the document a version belongs to (`policy_id`); null: one document per organization. */
  parent: string | null;
  /** Whether rows have their own `id` column (else they are keyed by parent and version). */
  hasId: boolean;
  /** The content columns, by field; `json` columns are jsonb. */
  content: { [K in keyof C & string]: { column: string; json?: boolean } };
}

export type VersionStatusValue = 'DRAFT' | 'PUBLISHED';

export interface StoredVersion<C> {
  id: string | null;
  parentId: string | null;
  version: number;
  status: VersionStatusValue;
  content: C;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedByName: string | null;
  /** Further columns asked for by name (e.g. change_summary). */
  extra: Record<string, unknown>;
}

export class VersionedDocuments<C extends Record<string, unknown>> {
  /** The select every read uses (`from <table> v`), for repositories composing one statement from several reads. */
  readonly select: string;

  constructor(
    private readonly spec: VersionTable<C>,
    /** Other columns read with every version (published alongside the content, e.g. a change summary). */
    private readonly extraColumns: string[] = [],
  ) {
    const content = Object.entries(spec.content).map(([field, c]) => `v.${(c as { column: string }).column} as "c_${field}"`);
    this.select = `select ${spec.hasId ? 'v.id' : 'null as id'}, ${spec.parent ? `v.${spec.parent}` : 'null'} as parent_id, v.version, v.status,
                          ${[...content, ...extraColumns.map((column) => `v.${column} as "x_${column}"`)].join(', ')},
                          v.updated_at, v.published_at, u.name as published_by_name
                     from ${spec.table} v left join app_user u on u.id = v.published_by`;
  }

  /** Every version (of one document, or of all of them when `parentId` is undefined), newest first. */
  async versions(tx: Tx, organizationId: string, parentId?: string | null): Promise<Array<StoredVersion<C>>> {
    const byParent = this.spec.parent && parentId !== undefined;
    const rows = await tx.many<Record<string, unknown>>(
      `${this.select} where v.organization_id = $1 ${byParent ? `and v.${this.spec.parent} = $2` : ''}
        order by ${this.spec.parent ? `v.${this.spec.parent}, ` : ''}v.version desc`,
      byParent ? [organizationId, parentId] : [organizationId],
    );
    return rows.map((row) => this.toVersion(row));
  }

  async byId(tx: Tx, organizationId: string, id: string): Promise<StoredVersion<C> | null> {
    const row = await tx.one<Record<string, unknown>>(`${this.select} where v.organization_id = $1 and v.id = $2`, [organizationId, id]);
    return row ? this.toVersion(row) : null;
  }

  /** Published versions by (parent, version): immutable, so safe to cache by that pair. */
  async published(tx: Tx, organizationId: string, keys: Array<{ parentId: string; version: number }>): Promise<Array<StoredVersion<C>>> {
    if (!keys.length || !this.spec.parent) return [];
    const rows = await tx.many<Record<string, unknown>>(
      `${this.select} where v.organization_id = $1 and v.status = 'PUBLISHED'
          and (v.${this.spec.parent}, v.version) in (select * from unnest($2::uuid[], $3::int[]))`,
      [organizationId, keys.map((k) => k.parentId), keys.map((k) => k.version)],
    );
    return rows.map((row) => this.toVersion(row));
  }

  async draft(tx: Tx, organizationId: string, parentId: string | null, lock = false): Promise<StoredVersion<C> | null> {
    const row = await tx.one<Record<string, unknown>>(
      `${this.select} where v.organization_id = $1 and v.status = 'DRAFT' ${this.parentFilter(2)} ${lock ? 'for update of v' : ''}`,
      this.parentParams(organizationId, parentId),
    );
    return row ? this.toVersion(row) : null;
  }

  /** The draft and the latest published version (either may be missing), in one statement. */
  async draftAndCurrent(
    tx: Tx,
    organizationId: string,
    parentId: string | null,
  ): Promise<{ draft: StoredVersion<C> | null; current: StoredVersion<C> | null }> {
    const rows = await tx.many<Record<string, unknown>>(
      `${this.select} where v.organization_id = $1 ${this.parentFilter(2)}
          and (v.status = 'DRAFT' or v.version = (select max(version) from ${this.spec.table}
                                                    where organization_id = $1 ${this.parentFilter(2)} and status = 'PUBLISHED'))`,
      this.parentParams(organizationId, parentId),
    );
    const versions = rows.map((row) => this.toVersion(row));
    return { draft: versions.find((v) => v.status === 'DRAFT') ?? null, current: versions.find((v) => v.status === 'PUBLISHED') ?? null };
  }

  /** The latest published version, or null. */
  async current(tx: Tx, organizationId: string, parentId: string | null): Promise<StoredVersion<C> | null> {
    const row = await tx.one<Record<string, unknown>>(
      `${this.select} where v.organization_id = $1 and v.status = 'PUBLISHED' ${this.parentFilter(2)} order by v.version desc limit 1`,
      this.parentParams(organizationId, parentId),
    );
    return row ? this.toVersion(row) : null;
  }

  /**
   * Saves `content` as the draft: the existing draft is updated, or the next version is opened as
   * one. The caller holds the document's lock. Returns the draft's version (and id).
   */
  async saveDraft(
    tx: Tx,
    organizationId: string,
    parentId: string | null,
    content: C,
    actorId: string,
    newId?: string,
  ): Promise<{ version: number; id: string | null }> {
    const fields = Object.keys(this.spec.content) as Array<keyof C & string>;
    const values = fields.map((field) => (this.spec.content[field].json ? JSON.stringify(content[field]) : content[field]));
    const draft = await this.draft(tx, organizationId, parentId);
    const base = this.parentParams(organizationId, parentId);
    if (draft) {
      const sets = fields.map((field, i) => `${this.spec.content[field].column} = $${base.length + 2 + i}${this.spec.content[field].json ? '::jsonb' : ''}`);
      await tx.query(
        `update ${this.spec.table} set ${sets.join(', ')}, updated_at = now(), updated_by = $${base.length + 1}
          where organization_id = $1 and status = 'DRAFT' ${this.parentFilter(2)}`,
        [...base, actorId, ...values],
      );
      return { version: draft.version, id: draft.id };
    }
    const columns = [
      'organization_id',
      ...(this.spec.parent ? [this.spec.parent] : []),
      ...(this.spec.hasId ? ['id'] : []),
      'updated_by',
      ...fields.map((f) => this.spec.content[f].column),
    ];
    const params = [...base, ...(this.spec.hasId ? [newId] : []), actorId, ...values];
    const placeholders = params.map((_, i) => {
      const field = fields[i - (params.length - fields.length)];
      return `$${i + 1}${field && this.spec.content[field].json ? '::jsonb' : ''}`;
    });
    const row = await tx.one<{ version: number }>(
      `insert into ${this.spec.table} (${columns.join(', ')}, version, status)
       select ${placeholders.join(', ')}, coalesce(max(version), 0) + 1, 'DRAFT'
         from ${this.spec.table} where organization_id = $1 ${this.parentFilter(2)}
       returning version`,
      params,
    );
    return { version: row?.version ?? 1, id: newId ?? null };
  }

  /** Turns the draft into a published, immutable version; null when there is no draft. */
  async publish(
    tx: Tx,
    organizationId: string,
    parentId: string | null,
    actorId: string,
    extra: Record<string, unknown> = {},
  ): Promise<StoredVersion<C> | null> {
    const draft = await this.draft(tx, organizationId, parentId, true);
    if (!draft) return null;
    const base = this.parentParams(organizationId, parentId);
    const extraSets = Object.keys(extra).map((column, i) => `, ${column} = $${base.length + 2 + i}`);
    await tx.query(
      `update ${this.spec.table} set status = 'PUBLISHED', published_at = now(), published_by = $${base.length + 1}${extraSets.join('')}
        where organization_id = $1 and status = 'DRAFT' ${this.parentFilter(2)}`,
      [...base, actorId, ...Object.values(extra)],
    );
    return (await this.current(tx, organizationId, parentId)) ?? null;
  }

  /** Unqualified: it is used with the aliased select and with the bare table alike. */
  private parentFilter(index: number): string {
    return this.spec.parent ? `and ${this.spec.parent} = $${index}` : '';
  }

  private parentParams(organizationId: string, parentId: string | null): unknown[] {
    return this.spec.parent ? [organizationId, parentId] : [organizationId];
  }

  /**
   * A JSON array (newest first) of every version of the document `parentSql` names — a correlated
   * subquery, for a repository that reads documents and their versions in one statement.
   */
  versionsJson(organizationSql: string, parentSql: string | null): string {
    return `coalesce((select json_agg(x order by x.version desc) from (${this.select}
              where v.organization_id = ${organizationSql} ${this.spec.parent && parentSql ? `and v.${this.spec.parent} = ${parentSql}` : ''}) x), '[]')`;
  }

  /** A version read as JSON (versionsJson, to_json): dates come back as text. */
  fromJson(row: Record<string, unknown>): StoredVersion<C> {
    const version = this.toVersion(row);
    return {
      ...version,
      updatedAt: new Date(version.updatedAt as unknown as string),
      publishedAt: version.publishedAt ? new Date(version.publishedAt as unknown as string) : null,
    };
  }

  private toVersion(row: Record<string, unknown>): StoredVersion<C> {
    const content = {} as C;
    for (const field of Object.keys(this.spec.content)) (content as Record<string, unknown>)[field] = row[`c_${field}`];
    const extra: Record<string, unknown> = {};
    for (const column of this.extraColumns) extra[column] = row[`x_${column}`];
    return {
      id: (row.id as string | null) ?? null,
      parentId: (row.parent_id as string | null) ?? null,
      version: Number(row.version),
      status: row.status as VersionStatusValue,
      content,
      updatedAt: row.updated_at as Date,
      publishedAt: (row.published_at as Date | null) ?? null,
      publishedByName: (row.published_by_name as string | null) ?? null,
      extra,
    };
  }
}
