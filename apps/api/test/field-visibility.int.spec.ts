import { graphql } from './gql';
import { can, canSeeField, fieldPermission, isClientRole, OBJECT_VISIBILITY, ROLES, type Permission, type Role } from '@clearpost/authz';
import { getNamedType, isLeafType, isListType, isNonNullType, isObjectType, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { listOperationAccess } from '../src/tenancy/operation-access';
import { SCHEMA } from './support/hostile';
import { addAccount, createClient, join } from './support/people';
import { TestApp, type SignedIn } from './support/test-app';

/**
 * Field-level visibility (libs/authz/src/visibility.ts), walked over every object type and field
 * of the committed schema for every role: each query a role may call is asked for every field it
 * can reach, and every guarded field the role may not see must come back null.
 */
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
const objectTypes = Object.values(SCHEMA.getTypeMap()).filter(
  (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !ROOTS.has(type.name),
);

describe('field visibility declarations', () => {
  it('declares every object type of the schema (a new type is a reviewed decision)', () => {
    expect(objectTypes.map((t) => t.name).filter((name) => !OBJECT_VISIBILITY[name])).toEqual([]);
    expect(Object.keys(OBJECT_VISIBILITY).filter((name) => !SCHEMA.getType(name))).toEqual([]);
  });

  it('names only fields that exist, and guarded fields can be null (so readers without the right still get the rest)', () => {
    const problems: string[] = [];
    for (const [typeName, visibility] of Object.entries(OBJECT_VISIBILITY)) {
      const type = SCHEMA.getType(typeName) as GraphQLObjectType;
      for (const field of Object.keys(visibility.fields ?? {})) {
        if (!type.getFields()[field]) problems.push(`${typeName}.${field} does not exist`);
      }
    }
    for (const type of objectTypes) {
      for (const field of Object.values(type.getFields())) {
        const permission = fieldPermission(type.name, field.name, getNamedType(field.type).name);
        // A field that cannot be null may be guarded only where its parent type already is (nobody
        // without the permission reaches it).
        const parentGuard = OBJECT_VISIBILITY[type.name]?.type;
        if (permission && isNonNullType(field.type) && parentGuard !== permission) {
          problems.push(`${type.name}.${field.name} is guarded by ${permission} but cannot be null`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** Every field reachable from `type`, as a selection; cycles and deep nesting cut. */
function selectAll(type: GraphQLOutputType, depth: number, seen: string[]): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return '';
  if (depth > 4 || seen.includes(named.name)) return '{ __typename }';
  const parts = Object.values(named.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => `${f.name} ${selectAll(f.type, depth + 1, [...seen, named.name])}`);
  return `{ ${parts.join(' ')} }`;
}

interface Seen {
  checked: number;
  hiddenChecks: number;
  violations: string[];
  guardedVisible: Set<string>;
}

/** Walks a response along the schema, checking each guarded field against the role. */
function walk(value: unknown, type: GraphQLOutputType, role: Role, path: string, seen: Seen): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    (value as unknown[]).forEach((item, index) => walk(item, inner.ofType, role, `${path}[${index}]`, seen));
    return;
  }
  if (!isObjectType(inner)) return;
  for (const [key, fieldValue] of Object.entries(value as Record<string, unknown>)) {
    const field = inner.getFields()[key];
    if (!field) continue;
    seen.checked++;
    const returns = getNamedType(field.type).name;
    const guarded = fieldPermission(inner.name, key, returns) !== null;
    if (!canSeeField(role, inner.name, key, returns)) {
      seen.hiddenChecks++;
      if (fieldValue !== null) seen.violations.push(`${role} sees ${inner.name}.${key} at ${path}.${key}`);
      continue;
    }
    if (guarded && fieldValue !== null) seen.guardedVisible.add(`${inner.name}.${key}`);
    walk(fieldValue, field.type, role, `${path}.${key}`, seen);
  }
}

describe('field visibility at run time, every role × every field it can reach', () => {
  let t: TestApp;
  const people = new Map<Role, SignedIn>();
  let args: Record<string, string>;
  let queries: Array<{ name: string; permission: Permission | 'authenticated' }>;

  beforeAll(async () => {
    t = await TestApp.start();
    const owner = await t.signUp('visibility');
    people.set('OWNER', owner);
    const acme = await createClient(t, owner, 'Acme', ['Falcon']);
    for (const role of ROLES.filter((r) => r !== 'OWNER')) people.set(role, await join(t, owner, role, isClientRole(role) ? [acme] : []));
    const account = await addAccount(t, owner, { handle: 'acme_brand', clientId: acme, ownerId: people.get('EDITOR')!.userId });
    const as = { token: owner.token, organizationId: owner.organizationId };
    const policy = await t.gql(
      graphql(`
        mutation FieldVisibility1 {
          createPolicy(input: { name: "Charte", templateId: "sme-social-media-policy-fr" }) {
            id
          }
        }
      `),
      {},
      as,
    );
    await t.gql(
      graphql(`
        mutation FieldVisibility2($id: ID!) {
          publishPolicyVersion(input: { policyId: $id }) {
            version
          }
        }
      `),
      { id: policy.data!.createPolicy.id },
      as,
    );
    await t.gql(
      graphql(`
        mutation FieldVisibility3($id: ID!) {
          attachPolicy(input: { policyId: $id, scope: ORGANIZATION }) {
            id
          }
        }
      `),
      { id: policy.data!.createPolicy.id },
      as,
    );
    await t.gql(
      graphql(`
        mutation FieldVisibility4 {
          updatePolicyDocumentDraft(input: { title: "Charte", body: "Soyez courtois." }) {
            id
          }
        }
      `),
      {},
      as,
    );
    const version = await t.gql(
      graphql(`
        mutation FieldVisibility5 {
          publishPolicyDocument(input: {}) {
            id
          }
        }
      `),
      {},
      as,
    );
    await t.gql(
      graphql(`
        mutation FieldVisibility6 {
          updatePolicyDocumentDraft(input: { title: "Charte v2", body: "Soyez très courtois." }) {
            id
          }
        }
      `),
      {},
      as,
    );
    await t.gql(
      graphql(`
        mutation FieldVisibility7 {
          inviteMember(input: { email: "pending@example.test", role: EDITOR }) {
            id
          }
        }
      `),
      {},
      as,
    );
    // A submitted post of Acme's, so that client users reach it too, with its steps and links.
    const post = await t.gql(`mutation($id: ID!) { createPost(input: { text: "Bonjour à tous", targets: [{ accountId: $id }] }) { id } }`, { id: account }, as);
    const submitted = await t.gql(`mutation($id: ID!) { submitPost(input: { postId: $id }) { submitted } }`, { id: post.data!.createPost.id }, as);
    if (!submitted.data?.submitPost.submitted) throw new Error(`submitPost failed: ${JSON.stringify(submitted)}`);
    await t.gql(
      `mutation($id: ID!) { addPostComment(input: { postId: $id, body: "Pour le client", visibility: CLIENT }) { id } }`,
      { id: post.data!.createPost.id },
      as,
    );
    args = {
      post: `(id: "${post.data!.createPost.id}")`,
      posts: '(first: 3)',
      approvalChain: `(accountId: "${account}")`,
      clientApproverEmails: `(clientId: "${acme}")`,
      client: `(id: "${acme}")`,
      socialAccount: `(id: "${account}")`,
      policy: `(id: "${policy.data!.createPolicy.id}")`,
      effectivePolicy: `(accountId: "${account}")`,
      checkPost: `(input: { accountId: "${account}", text: "Falcon launch, call 06 12 34 56 78" })`,
      backtestPolicy: `(input: { policyId: "${policy.data!.createPolicy.id}" })`,
      policyAcknowledgements: `(versionId: "${version.data!.publishPolicyDocument.id}")`,
      auditEvents: '(first: 3)',
      clients: '(first: 3)',
      socialAccounts: '(first: 3)',
      sentMail: '(first: 3)',
      calendar: '(filter: { from: "2030-01-01T00:00:00Z", to: "2030-01-08T00:00:00Z" })',
      sandboxFeed: '(first: 3)',
      webhookDeliveries: '(webhookId: "00000000-0000-4000-8000-000000000000")',
    };
    queries = listOperationAccess(t.app)
      .filter((o) => o.operation.startsWith('Query.') && o.access !== 'public')
      .map((o) => ({ name: o.operation.slice('Query.'.length), permission: o.access as Permission | 'authenticated' }));
  });
  afterAll(() => t.close());

  it('has arguments for every query that requires some', () => {
    const query = SCHEMA.getQueryType()!;
    const missing = queries.filter((q) => query.getFields()[q.name].args.some((a) => isNonNullType(a.type)) && !args[q.name]);
    expect(missing.map((q) => q.name)).toEqual([]);
  });

  it.each(['CLIENT_APPROVER', 'CLIENT_VIEWER'] as const)('%s reads neither the internal policy nor staff emails (the instances reported)', async (role) => {
    const who = people.get(role)!;
    const res = await t.gql(
      `{ policyDocumentStatus { mustAcknowledge current { title body } lastAcknowledged { body } }
         socialAccounts { edges { node { handle owner { name email } ownershipHistory { owner { email } } } } } }`,
      {},
      { token: who.token, organizationId: who.organizationId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.policyDocumentStatus).toEqual({ mustAcknowledge: false, current: null, lastAcknowledged: null });
    const [node] = res.data!.socialAccounts.edges.map((e: { node: unknown }) => e.node);
    expect(node).toEqual({ handle: 'acme_brand', owner: { name: 'Test editor', email: null }, ownershipHistory: null });
    // Staff still see both.
    const staff = people.get('MEMBER')!;
    const internal = await t.gql(
      `{ policyDocumentStatus { current { title } } socialAccounts { edges { node { owner { email } } } } }`,
      {},
      {
        token: staff.token,
        organizationId: staff.organizationId,
      },
    );
    expect(internal.data!.policyDocumentStatus.current.title).toBe('Charte');
    expect(internal.data!.socialAccounts.edges[0].node.owner.email).toBe(people.get('EDITOR')!.email);
  });

  it.each(ROLES)('%s sees exactly the fields libs/authz lets it see', async (role) => {
    const who = people.get(role)!;
    const seen: Seen = { checked: 0, hiddenChecks: 0, violations: [], guardedVisible: new Set() };
    const query = SCHEMA.getQueryType()!;
    for (const { name, permission } of queries) {
      if (permission !== 'authenticated' && !can(role, permission)) continue;
      const field = query.getFields()[name];
      const res = await t.gql(`{ ${name}${args[name] ?? ''} ${selectAll(field.type, 0, [])} }`, {}, { token: who.token, organizationId: who.organizationId });
      expect({ name, errors: res.errors?.map((e) => `${e.extensions.code}: ${e.message}`) }).toEqual({ name, errors: undefined });
      walk(res.data?.[name], field.type, role, name, seen);
    }
    expect(seen.violations).toEqual([]);
    expect(seen.checked).toBeGreaterThan(100);
    if (isClientRole(role)) {
      // Not vacuous: they reach the guarded fields (and get null).
      expect(seen.hiddenChecks).toBeGreaterThan(0);
    }
    if (role === 'OWNER') {
      // Every guarded field does carry data for someone allowed to see it.
      const guarded = objectTypes.flatMap((type) =>
        Object.values(type.getFields())
          .filter((f) => fieldPermission(type.name, f.name, getNamedType(f.type).name))
          .map((f) => `${type.name}.${f.name}`),
      );
      expect(guarded.filter((name) => !seen.guardedVisible.has(name))).toEqual([]);
    }
  });
});
