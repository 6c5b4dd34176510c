import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';

/**
 * Hostile requests generated from the committed schema (apps/api/schema.graphql): for every
 * argument and every input field, reached down through input objects and lists, every hostile
 * value its type admits, placed in an otherwise plausible request. A new operation or field is
 * covered the day it is added to the schema.
 */

export const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));

/** Real ids to put where an operation expects one, so a hostile value reaches past the lookup. */
export interface IdPools {
  client: string[];
  account: string[];
  member: string[];
  invitation: string[];
  policy: string[];
  policyDocumentVersion: string[];
  user: string[];
}

export interface HostileCase {
  /** `Mutation.updateClient input.name: null` */
  label: string;
  operation: string;
  body: string;
  /** The value's category, for sampling. */
  kind: string;
}

const STRING_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['empty', ''],
  ['whitespace', '   \t\n'],
  ['100k characters', 'a'.repeat(100_000)],
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'x\ud800y'],
  ['lone low surrogate', 'x\udc00'],
  ['bidi override', '\u202Egnp.exe\u202C'],
  ['zero-width', 'ze\u200Bro\u200Dwidth\uFEFF'],
  ['SQL', "'; drop table organization; --"],
  ['markup', '<script>alert(1)</script>'],
  ['format string', '%s%n%x${7*7}{{7*7}}'],
  ['path', '../../../../etc/passwd'],
  ['emoji', '👩‍👩‍👧‍👦'.repeat(2000)],
  ['number instead', 12345],
  ['boolean instead', true],
  ['object instead', { a: 1 }],
  ['list instead', ['a']],
];

const ID_VALUES: Array<[string, unknown]> = [
  ['not a uuid', 'not-a-uuid'],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
  ['uuid with NUL', '00000000-0000-0000-0000-00000000000\u0000'],
  ['upper-case uuid', 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA'],
];

const INT_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['negative', -1],
  ['zero', 0],
  ['max int', 2147483647],
  ['past max int', 2147483648],
  ['min int', -2147483648],
  ['fraction', 1.5],
  ['huge', 1e308],
  ['string instead', '5'],
];

const FLOAT_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['huge', 1e308],
  ['negative huge', -1e308],
  ['tiny', 5e-324],
  ['string instead', '1.5'],
];

const BOOLEAN_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['string instead', 'true'],
  ['number instead', 0],
];

const DATE_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['not a date', 'not a date'],
  ['impossible date', '2026-13-45T99:99:99Z'],
  ['year zero', '0000-00-00T00:00:00Z'],
  ['past JS range', '+275760-09-13T00:00:00.001Z'],
  ['epoch', '1970-01-01T00:00:00Z'],
  ['number instead', 1_700_000_000],
];

/**
 * Stands for a JSON value 10,000 levels deep: JSON.stringify cannot write one (it recurses), so
 * `bodyOf` splices the text in.
 */
const DEEP = '__deep_10000__';
const DEEP_TEXT = `${'['.repeat(10_000)}"bottom"${']'.repeat(10_000)}`;

/** The request body for `query` and `variables`, hostile placeholders expanded. */
export function bodyOf(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables }).replaceAll(`"${DEEP}"`, DEEP_TEXT);
}

const JSON_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['10,000 deep', DEEP],
  ['60,000 items', Array.from({ length: 60_000 }, (_, i) => i)],
  ['NUL in a key', { 'a\u0000': 1 }],
  ['NUL in a string', ['a\u0000b']],
  ['__proto__', JSON.parse('{"__proto__": {"polluted": true}, "kind": "LEXICON"}')],
  ['string', 'not rules'],
  ['number', 42],
  ['rules of the wrong shape', [{ kind: 'NOT_A_KIND', action: 'BLOCK' }, null, 7]],
];

function valuesFor(type: GraphQLInputType, sample: unknown): Array<[string, unknown]> {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    return [
      ['null', null],
      ['empty list', []],
      ['10,000 items', Array.from({ length: 10_000 }, () => (Array.isArray(sample) ? sample[0] : sample))],
      ['10,000 deep', DEEP],
      ['list of null', [null]],
      ['scalar instead', 'x'],
    ];
  }
  if (isInputObjectType(inner)) {
    return [
      ['null', null],
      ['empty object', {}],
      ['list instead', [sample]],
      ['unknown field', { ...(sample as object), notAField: 1 }],
    ];
  }
  if (isEnumType(inner))
    return [
      ['null', null],
      ['unknown value', 'NOT_A_VALUE'],
      ['lower case', inner.getValues()[0].name.toLowerCase()],
      ['number', 3],
    ];
  switch (inner.name) {
    case 'ID':
      return [...ID_VALUES, ...STRING_VALUES];
    case 'Int':
      return INT_VALUES;
    case 'Float':
      return FLOAT_VALUES;
    case 'Boolean':
      return BOOLEAN_VALUES;
    case 'DateTime':
      return DATE_VALUES;
    case 'JSON':
      return JSON_VALUES;
    default:
      return STRING_VALUES;
  }
}

/** Which pool an ID in `operation` at `path` names (unknown ones get a made-up uuid). */
function poolFor(operation: string, path: string): keyof IdPools | null {
  const field =
    path
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  const byField: Record<string, keyof IdPools> = {
    clientId: 'client',
    clientIds: 'client',
    accountId: 'account',
    memberId: 'member',
    ownerId: 'member',
    policyId: 'policy',
    versionId: 'policyDocumentVersion',
    actorUserId: 'user',
    targetId: 'client',
  };
  if (byField[field]) return byField[field];
  if (field !== 'id') return null;
  const name = operation.split('.')[1].toLowerCase();
  if (name.includes('invitation')) return 'invitation';
  if (name.includes('account')) return 'account';
  if (name.includes('client')) return 'client';
  if (name.includes('polic')) return 'policy';
  return null;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A plausible value for `type` at `path`, so that only the hostile value is at fault. */
function plausible(type: GraphQLInputType, operation: string, path: string, ids: IdPools): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [plausible(inner.ofType, operation, `${path}[0]`, ids)];
  if (isInputObjectType(inner)) {
    const object: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) object[field.name] = plausible(field.type, operation, `${path}.${field.name}`, ids);
    return object;
  }
  if (isEnumType(inner)) return inner.getValues().find((v) => v.name !== 'OWNER')?.name ?? inner.getValues()[0].name;
  const field =
    path
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  switch (inner.name) {
    case 'ID': {
      const pool = poolFor(operation, path);
      return (pool && ids[pool][0]) ?? '6f1b1a4e-2f7c-4b8a-9d51-0c6a3e2b7f10';
    }
    case 'Int':
      return field === 'first' ? 5 : field === 'peopleTagged' ? 0 : 24;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'JSON':
      return [];
  }
  const strings: Record<string, () => string> = {
    email: () => `fuzz-${unique()}@example.test`,
    password: () => 'a long enough password',
    handle: () => `fuzz_${unique()}`,
    timezone: () => 'Europe/Paris',
    locale: () => 'fr',
    action: () => 'member.*',
    targetType: () => 'user',
    token: () => 'not-a-real-token',
    after: () => 'bm90LWEtY3Vyc29y',
  };
  return (strings[field] ?? (() => `Fuzz ${field} ${unique()}`))();
}

/** Every (path, type) an argument list reaches: arguments, input object fields, list items. */
function positions(args: readonly GraphQLArgument[]): Array<{ path: string; type: GraphQLInputType }> {
  const found: Array<{ path: string; type: GraphQLInputType }> = [];
  const visit = (path: string, type: GraphQLInputType, seen: Set<string>) => {
    found.push({ path, type });
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) visit(`${path}[0]`, inner.ofType, seen);
    else if (isInputObjectType(inner) && !seen.has(inner.name)) {
      const next = new Set(seen).add(inner.name);
      for (const field of Object.values(inner.getFields())) visit(`${path}.${field.name}`, field.type, next);
    }
  };
  for (const arg of args) visit(arg.name, arg.type, new Set());
  return found;
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: any = root;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') return; // a parent made hostile already
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/** A small selection of what the field returns: scalars of the first level, ids below. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const objects = depth < 2 ? fields.filter((f) => isObjectType(getNamedType(f.type))).slice(0, 3) : [];
  return `{ __typename ${leaves.slice(0, 8).join(' ')} ${objects.map((f) => `${f.name} ${selection(f.type, depth + 1)}`).join(' ')} }`;
}

function document(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection(field.type)} }`;
}

/** Every hostile case of every operation. */
export function hostileCases(ids: IdPools, options: { skip?: string[] } = {}): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [kind, root] of [
    ['query', SCHEMA.getQueryType()],
    ['mutation', SCHEMA.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const operation = `${root?.name}.${field.name}`;
      if (options.skip?.includes(operation)) continue;
      const query = document(kind, field);
      const baseline = () => {
        const variables: Record<string, unknown> = {};
        for (const arg of field.args) variables[arg.name] = plausible(arg.type, operation, arg.name, ids);
        return variables;
      };
      cases.push({ label: `${operation} (plausible)`, operation, body: bodyOf(query, baseline()), kind: 'plausible' });
      for (const { path, type } of positions(field.args)) {
        const sample = plausible(type, operation, path, ids);
        for (const [valueKind, value] of valuesFor(type, sample)) {
          const variables = baseline();
          setAt(variables, path, value);
          cases.push({ label: `${operation} ${path}: ${valueKind}`, operation, body: bodyOf(query, variables), kind: valueKind });
        }
      }
    }
  }
  return cases;
}

/** Requests that abuse the protocol rather than a field. */
export function protocolAbuse(): Array<{ label: string; method: 'GET' | 'POST'; contentType?: string; body?: string; path?: string }> {
  const nested = (levels: number) => `query { ${'me { memberships { organization { '.repeat(levels)} id ${'} } } '.repeat(levels)} }`;
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
  const json = (value: unknown) => JSON.stringify(value);
  return [
    { label: 'deep query (30 levels)', method: 'POST', body: json({ query: nested(10) }) },
    { label: 'deep query (300 levels)', method: 'POST', body: json({ query: nested(100) }) },
    { label: 'harmless shallow query', method: 'POST', body: json({ query: '{ me { id } }' }) },
    { label: '2,400 aliases', method: 'POST', body: json({ query: aliases(2400) }) },
    { label: '16 aliases', method: 'POST', body: json({ query: aliases(16) }) },
    { label: 'fragment cycle', method: 'POST', body: json({ query: 'query{...A} fragment A on Query{...B} fragment B on Query{...A}' }) },
    { label: 'self-referencing fragment', method: 'POST', body: json({ query: 'query{...A} fragment A on Query{ me { id } ...A }' }) },
    { label: '500 directives', method: 'POST', body: json({ query: `{ me ${'@include(if: true) '.repeat(500)} { id } }` }) },
    { label: '50,000 tokens', method: 'POST', body: json({ query: `{ ${'__typename '.repeat(50_000)} }` }) },
    { label: 'unknown field with suggestions', method: 'POST', body: json({ query: '{ mee { id } }' }) },
    { label: 'batch of two', method: 'POST', body: json([{ query: '{ __typename }' }, { query: '{ __typename }' }]) },
    { label: 'batch of 1,000', method: 'POST', body: json(Array.from({ length: 1000 }, () => ({ query: '{ __typename }' }))) },
    { label: 'oversized body (300 KB)', method: 'POST', body: json({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } }) },
    { label: 'invalid JSON', method: 'POST', body: '{"query": "{ __typename }"' },
    { label: 'JSON null', method: 'POST', body: 'null' },
    { label: 'JSON string', method: 'POST', body: '"{ __typename }"' },
    { label: 'empty body', method: 'POST', body: '' },
    { label: 'query not a string', method: 'POST', body: json({ query: 42 }) },
    { label: 'variables not an object', method: 'POST', body: json({ query: '{ __typename }', variables: 'x' }) },
    { label: 'extensions garbage', method: 'POST', body: json({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }) },
    { label: 'unknown operationName', method: 'POST', body: json({ query: 'query A { __typename }', operationName: 'B' }) },
    { label: 'two operations, no name', method: 'POST', body: json({ query: 'query A { __typename } query B { __typename }' }) },
    { label: 'mutation over GET', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { logOut }')}` },
    { label: 'query over GET without preflight header', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}` },
    { label: 'text/plain mutation', method: 'POST', contentType: 'text/plain', body: json({ query: 'mutation { logOut }' }) },
    { label: 'form-encoded mutation', method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'query=mutation%20%7B%20logOut%20%7D' },
    { label: 'invalid UTF-8', method: 'POST', body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1') },
    {
      label: 'inline NUL escape',
      method: 'POST',
      body: json({ query: 'mutation { logIn(input: { email: "a\\u0000@b.c", password: "x" }) { accessToken } }' }),
    },
    {
      label: 'inline lone surrogate escape',
      method: 'POST',
      body: json({ query: 'mutation { logIn(input: { email: "\\ud800@b.c", password: "x" }) { accessToken } }' }),
    },
    {
      label: 'inline list 10,000 deep',
      method: 'POST',
      body: json({ query: `mutation { createPolicy(input: { name: "x", rules: ${'['.repeat(10_000)}${']'.repeat(10_000)} }) { id } }` }),
    },
  ];
}

/** What no response may contain: stack frames, SQL, driver errors. */
export const LEAKS: RegExp[] = [
  /\n\s+at [\w.<>]+ \(/, // stack frame
  /node_modules|\/src\/\w+\/[\w.-]+\.ts/,
  /QueryFailedError|TypeORMError|PostgresError/,
  /violates (not-null|foreign key|unique|check) constraint/,
  /invalid input syntax for type/,
  /syntax error at or near/,
  /relation "[\w.]+" does not exist|column "[\w.]+" (of relation|does not exist)/,
  /\b(select [\w.*", ]+ from \w|insert into \w+|update \w+ set|delete from \w+)/, // SQL (our messages never start lower case)
  /TypeError|RangeError|ReferenceError|Maximum call stack/,
];

export interface Verdict {
  ok: boolean;
  reason?: string;
}

/** Whether a response is an acceptable answer to a hostile request. */
export function judge(status: number, text: string): Verdict {
  if (status >= 500) return { ok: false, reason: `HTTP ${status}` };
  const leak = LEAKS.find((pattern) => pattern.test(text));
  if (leak) return { ok: false, reason: `leaks ${leak}: ${text.slice(0, 300)}` };
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: `not JSON: ${text.slice(0, 120)}` };
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (!code) return { ok: false, reason: `error without a code: ${JSON.stringify(error).slice(0, 200)}` };
    if (code === 'INTERNAL_SERVER_ERROR') return { ok: false, reason: `INTERNAL_SERVER_ERROR: ${JSON.stringify(error).slice(0, 200)}` };
  }
  if (status >= 400 && !body.errors?.length) return { ok: false, reason: `HTTP ${status} without errors` };
  return { ok: true };
}

/** A deterministic sample (same seed, same sample): at most `perGroup` items of each group. */
export function sample<T>(items: T[], perGroup: number, seed: number, group: (item: T) => string): T[] {
  let state = seed >>> 0;
  const random = () => (state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(group(item), [...(groups.get(group(item)) ?? []), item]);
  const picked: T[] = [];
  for (const members of groups.values()) {
    const keyed = members.map((item) => ({ item, key: random() })).sort((a, b) => a.key - b.key);
    picked.push(...keyed.slice(0, perGroup).map((k) => k.item));
  }
  return picked;
}
