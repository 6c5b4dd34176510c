import { RE2JS } from 're2js';
import { AhoCorasick } from './aho-corasick';
import { LENGTH_LIMITS, measure } from './length';
import { MESSAGES, type Messages } from './messages';
import { fold, foldTerm, isWordChar, type FoldedText } from './normalize';
import { findCards, findEmails, findIbans, findPhones, type Span } from './pii';
import { policySchema, type AccountKind, type Action, type FindingAction, type Locale, type Network, type Policy, type PolicyInput, type Rule, type RuleKind } from './schema';
import { inBlackout, inWindows, wallClock } from './schedule';
import { parseTerm, type ParsedLiteral } from './terms';

export type { Span } from './pii';

/** What the organization knows that rules refer to: its people and its clients' secrets. */
export interface PolicyContext {
  /** Members' names, for the colleague_names rule. */
  colleagues?: string[];
  /** Every client's confidential terms, for the client_confidentiality rule. */
  clients?: Array<{ id: string; name: string; terms: string[] }>;
}

export interface Post {
  text: string;
  network: Network;
  accountKind: AccountKind;
  /** The client whose account this is; null for the organization's own accounts. */
  clientId?: string | null;
  media?: Array<{ peopleTagged: number | boolean; consentRecorded: boolean }>;
  links?: string[];
  /** When it will go out; now when absent. */
  scheduledAt?: string | Date | null;
  /** The account's IANA time zone, e.g. Europe/Paris. */
  timezone?: string;
}

export interface Finding {
  ruleId: string;
  kind: RuleKind;
  /** MONITOR when the rule only records (its intended action is in intendedAction). */
  action: FindingAction;
  intendedAction: Action;
  approverRole: string | null;
  message: string;
  messages: Messages;
  /** UTF-16 offsets in the post's text, end exclusive; never inside a character. Empty when nothing in the text is at fault. */
  spans: Span[];
}

export interface Evaluation {
  findings: Finding[];
  /** An enforced BLOCK finding: the post cannot be submitted. */
  blocked: boolean;
  /** Roles whose approval enforced REQUIRE_APPROVAL findings add. */
  requiredApprovals: string[];
}

export interface PolicyIssue {
  path: Array<string | number>;
  message: string;
}

export class PolicyError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    this.name = 'PolicyError';
  }
}

type Role = 'term' | 'exception' | 'nearA' | 'nearB' | 'colleague' | 'client' | 'disclaimer' | 'mention';

interface Use {
  rule: number;
  role: Role;
  literal: ParsedLiteral;
  /** Index of the term / NEAR pair in its rule, or the client's index. */
  ref: number;
}

interface Hit {
  use: Use;
  start: number;
  end: number;
}

interface CompiledRule {
  rule: Rule;
  nearTerms: Array<{ display: string; distance: number }>;
  termDisplays: string[];
  regex?: RE2JS;
}

/** A policy ready to evaluate posts: validated, lexicons in one automaton, patterns compiled. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly rules: CompiledRule[];
  readonly automaton: AhoCorasick;
  readonly uses: Use[][];
  readonly clients: Array<{ id: string; name: string }>;
  readonly needsWords: boolean;
}

/** Checks a policy document; the issues name the rule and field at fault. */
export function validatePolicy(input: unknown): { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] } {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path as Array<string | number>, message: issue.message })) };
  }
  const issues: PolicyIssue[] = [];
  parsed.data.rules.forEach((rule, index) => {
    if (rule.kind === 'lexicon') {
      for (const [field, list] of [['terms', rule.terms], ['exceptions', rule.exceptions]] as const) {
        list.forEach((term, i) => {
          const parsedTerm = parseTerm(term);
          if ('error' in parsedTerm) issues.push({ path: ['rules', index, field, i], message: parsedTerm.error });
          else if (field === 'exceptions' && parsedTerm.type === 'near') issues.push({ path: ['rules', index, field, i], message: 'An exception is a phrase, not a NEAR pair.' });
        });
      }
    }
    if (rule.kind === 'regex') {
      const problem = regexProblem(rule.pattern);
      if (problem) issues.push({ path: ['rules', index, 'pattern'], message: problem });
    }
    if (rule.kind === 'schedule' && rule.windows.length === 0 && rule.blackouts.length === 0) {
      issues.push({ path: ['rules', index], message: 'Give at least one posting window or blackout period.' });
    }
  });
  return issues.length ? { ok: false, issues } : { ok: true, policy: parsed.data };
}

/**
 * Patterns run on RE2's linear-time engine (re2js, pure JavaScript, also in the browser): no
 * pattern can take more than linear time, so no ReDoS. Features RE2 cannot run in linear time
 * (backreferences, lookaround) are refused when the rule is saved.
 */
function regexProblem(pattern: string): string | null {
  try {
    const compiled = RE2JS.compile(pattern);
    if (compiled.matcher('').matches()) return 'This pattern matches an empty text; it would flag every post.';
    return null;
  } catch (error) {
    return `This pattern cannot be used: ${(error as Error).message}. Backreferences and lookarounds are not supported, so that every pattern runs in linear time.`;
  }
}

/** Validates and compiles once; evaluate() then runs many times. Throws PolicyError. */
export function compile(input: PolicyInput | Policy, context: PolicyContext = {}): CompiledPolicy {
  const validation = validatePolicy(input);
  if (!validation.ok) throw new PolicyError(validation.issues);
  const policy = validation.policy;

  const patterns: string[] = [];
  const patternIndex = new Map<string, number>();
  const uses: Use[][] = [];
  const addUse = (literal: ParsedLiteral, use: Omit<Use, 'literal'>) => {
    let index = patternIndex.get(literal.text);
    if (index === undefined) {
      index = patterns.length;
      patterns.push(literal.text);
      patternIndex.set(literal.text, index);
      uses.push([]);
    }
    uses[index].push({ ...use, literal });
  };
  const literal = (raw: string): ParsedLiteral | null => {
    const text = foldTerm(raw);
    return text ? { type: 'literal', text, display: raw.trim(), prefix: false, suffix: false } : null;
  };
  const clients = (context.clients ?? []).map(({ id, name }) => ({ id, name }));
  let needsWords = false;

  const rules: CompiledRule[] = policy.rules.map((rule, ruleIndex) => {
    const compiled: CompiledRule = { rule, nearTerms: [], termDisplays: [] };
    switch (rule.kind) {
      case 'lexicon':
        rule.terms.forEach((raw) => {
          const term = parseTerm(raw);
          if ('error' in term) return;
          if (term.type === 'near') {
            needsWords = true;
            const ref = compiled.nearTerms.push({ display: term.display, distance: term.distance }) - 1;
            addUse(term.a, { rule: ruleIndex, role: 'nearA', ref });
            addUse(term.b, { rule: ruleIndex, role: 'nearB', ref });
          } else {
            const ref = compiled.termDisplays.push(term.display) - 1;
            addUse(term, { rule: ruleIndex, role: 'term', ref });
          }
        });
        rule.exceptions.forEach((raw) => {
          const term = parseTerm(raw);
          if (!('error' in term) && term.type === 'literal') addUse(term, { rule: ruleIndex, role: 'exception', ref: 0 });
        });
        break;
      case 'regex':
        compiled.regex = RE2JS.compile(rule.pattern, rule.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
        break;
      case 'colleague_names':
        for (const name of new Set(context.colleagues ?? [])) {
          const term = literal(name);
          if (term && term.text.length >= 3) addUse(term, { rule: ruleIndex, role: 'colleague', ref: 0 });
        }
        break;
      case 'client_confidentiality':
        (context.clients ?? []).forEach((client, ref) => {
          for (const raw of client.terms) {
            const term = literal(raw);
            if (term) addUse(term, { rule: ruleIndex, role: 'client', ref });
          }
        });
        break;
      case 'disclaimer':
        for (const raw of rule.phrases) {
          const term = literal(raw);
          if (term) addUse(term, { rule: ruleIndex, role: 'disclaimer', ref: 0 });
        }
        for (const raw of rule.whenMentioning) {
          const term = parseTerm(raw);
          if (!('error' in term) && term.type === 'literal') addUse(term, { rule: ruleIndex, role: 'mention', ref: 0 });
        }
        break;
      default:
        break;
    }
    return compiled;
  });

  return { policy, rules, automaton: new AhoCorasick(patterns), uses, clients, needsWords };
}

function applies(rule: Rule, post: Post): boolean {
  if (rule.appliesTo?.networks?.length && !rule.appliesTo.networks.includes(post.network)) return false;
  if (rule.appliesTo?.accountKinds?.length && !rule.appliesTo.accountKinds.includes(post.accountKind)) return false;
  return true;
}

/** Finds every lexicon-type hit in one pass over the folded text, word boundaries checked. */
function scanHits(compiled: CompiledPolicy, folded: FoldedText): Hit[][] {
  const byRule: Hit[][] = compiled.rules.map(() => []);
  const text = folded.text;
  compiled.automaton.scan(text, (patternIndex, end) => {
    const uses = compiled.uses[patternIndex];
    const start = end - compiled.automaton.patternLengths[patternIndex];
    const leftOk = start === 0 || !isWordChar(text.charCodeAt(start - 1));
    const rightOk = end === text.length || !isWordChar(text.charCodeAt(end));
    for (const use of uses) {
      if (!use.literal.suffix && !leftOk) continue;
      if (!use.literal.prefix && !rightOk) continue;
      let hitEnd = end;
      if (use.literal.prefix) while (hitEnd < text.length && isWordChar(text.charCodeAt(hitEnd))) hitEnd++; // confiden* → confidential
      let hitStart = start;
      if (use.literal.suffix) while (hitStart > 0 && isWordChar(text.charCodeAt(hitStart - 1))) hitStart--;
      byRule[use.rule].push({ use, start: hitStart, end: hitEnd });
    }
  });
  return byRule;
}

function wordStarts(text: string): Int32Array {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isWordChar(text.charCodeAt(i)) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))) starts.push(i);
  }
  return Int32Array.from(starts);
}

function wordIndex(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Widens a span so it never starts or ends inside a surrogate pair, and keeps it in bounds. */
function safeSpan(text: string, start: number, end: number): Span {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return { start: s, end: e };
}
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const URLS_IN_TEXT = /https?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi;
const HASHTAG = /(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
const MENTION = /(?<![\p{L}\p{N}_.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?/gu;
const MAX_SPANS = 50;

function hostOf(link: string): string | null {
  try {
    return new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

const matchesDomain = (host: string, domain: string) => {
  const d = domain.replace(/^\*?\./, '').replace(/^www\./, '');
  return host === d || host.endsWith(`.${d}`);
};

/** Checks one post. Pure and synchronous; never throws on any post. */
export function evaluate(compiled: CompiledPolicy, post: Post, options: { locale?: Locale; now?: Date } = {}): Evaluation {
  const locale = options.locale ?? 'en';
  const original = typeof post.text === 'string' ? post.text : '';
  const folded = fold(original);
  const hits = scanHits(compiled, folded);
  const words = compiled.needsWords ? wordStarts(folded.text) : null;
  const findings: Finding[] = [];
  const map = (hit: { start: number; end: number }): Span => safeSpan(original, folded.start[hit.start], folded.end[hit.end - 1]);

  const emit = (rule: Rule, messages: Messages, spans: Span[]) => {
    const custom = rule.message;
    const merged: Messages = { en: custom?.en ?? messages.en, fr: custom?.fr ?? messages.fr };
    findings.push({
      ruleId: rule.id,
      kind: rule.kind,
      action: rule.mode === 'MONITOR' ? 'MONITOR' : rule.action,
      intendedAction: rule.action,
      approverRole: rule.action === 'REQUIRE_APPROVAL' ? (rule.approverRole ?? null) : null,
      message: merged[locale],
      messages: merged,
      spans: spans.slice(0, MAX_SPANS).map((s) => safeSpan(original, s.start, s.end)),
    });
  };

  compiled.rules.forEach(({ rule, termDisplays, nearTerms, regex }, ruleIndex) => {
    if (!applies(rule, post)) return;
    const ruleHits = hits[ruleIndex];
    switch (rule.kind) {
      case 'lexicon': {
        const exceptions = ruleHits.filter((h) => h.use.role === 'exception');
        const excused = (h: Hit) => exceptions.some((x) => x.start <= h.start && h.end <= x.end);
        const byTerm = new Map<number, Span[]>();
        for (const hit of ruleHits) {
          if (hit.use.role !== 'term' || excused(hit)) continue;
          const spans = byTerm.get(hit.use.ref) ?? [];
          spans.push(map(hit));
          byTerm.set(hit.use.ref, spans);
        }
        for (const [ref, spans] of byTerm) emit(rule, MESSAGES.lexicon(termDisplays[ref]), dedupe(spans));
        if (words) {
          nearTerms.forEach((near, ref) => {
            const as = ruleHits.filter((h) => h.use.role === 'nearA' && h.use.ref === ref && !excused(h));
            const bs = ruleHits.filter((h) => h.use.role === 'nearB' && h.use.ref === ref && !excused(h));
            const spans: Span[] = [];
            for (const a of as) {
              for (const b of bs) {
                if (a.start === b.start) continue;
                if (Math.abs(wordIndex(words, a.start) - wordIndex(words, b.start)) <= near.distance) spans.push(map(a), map(b));
              }
            }
            if (spans.length) emit(rule, MESSAGES.lexicon(near.display), dedupe(spans));
          });
        }
        break;
      }
      case 'regex': {
        // test() runs RE2's DFA and is several times faster than find(); most posts match nothing.
        if (!regex || !regex.test(original)) break;
        const matcher = regex.matcher(original);
        const spans: Span[] = [];
        while (spans.length < MAX_SPANS && matcher.find()) {
          if (matcher.end() > matcher.start()) spans.push({ start: matcher.start(), end: matcher.end() });
        }
        if (spans.length) emit(rule, MESSAGES.regex(original.slice(spans[0].start, spans[0].end)), spans);
        break;
      }
      case 'personal_data': {
        if (rule.detect.includes('EMAIL')) {
          const allowed = new Set(rule.allowEmails);
          const spans = findEmails(original).filter((e) => !allowed.has(e.value.toLowerCase()));
          if (spans.length) emit(rule, MESSAGES.EMAIL(), spans);
        }
        if (rule.detect.includes('PHONE')) {
          const spans = findPhones(original, rule.defaultCountry);
          if (spans.length) emit(rule, MESSAGES.PHONE(), spans);
        }
        if (rule.detect.includes('IBAN')) {
          const spans = findIbans(original);
          if (spans.length) emit(rule, MESSAGES.IBAN(), spans);
        }
        if (rule.detect.includes('CARD')) {
          const spans = findCards(original);
          if (spans.length) emit(rule, MESSAGES.CARD(), spans);
        }
        break;
      }
      case 'colleague_names': {
        const byName = new Map<string, Span[]>();
        for (const hit of ruleHits) {
          const spans = byName.get(hit.use.literal.display) ?? [];
          spans.push(map(hit));
          byName.set(hit.use.literal.display, spans);
        }
        for (const [name, spans] of byName) emit(rule, MESSAGES.colleague(name), dedupe(spans));
        break;
      }
      case 'client_confidentiality': {
        const byTerm = new Map<string, { client: string; spans: Span[] }>();
        for (const hit of ruleHits) {
          const client = compiled.clients[hit.use.ref];
          if (!client || client.id === post.clientId) continue; // a client's own terms are fine in its own posts
          const key = `${client.id}:${hit.use.literal.display}`;
          const entry = byTerm.get(key) ?? { client: client.name, spans: [] };
          entry.spans.push(map(hit));
          byTerm.set(key, entry);
        }
        for (const [key, entry] of byTerm) emit(rule, MESSAGES.clientConfidentiality(key.slice(key.indexOf(':') + 1), entry.client), dedupe(entry.spans));
        break;
      }
      case 'disclaimer': {
        const mentioned = rule.whenMentioning.length === 0 || ruleHits.some((h) => h.use.role === 'mention');
        const carried = ruleHits.some((h) => h.use.role === 'disclaimer');
        if (mentioned && !carried) {
          emit(rule, MESSAGES.disclaimer(rule.phrases), ruleHits.filter((h) => h.use.role === 'mention').map(map));
        }
        break;
      }
      case 'link_domains': {
        const inText = [...original.matchAll(URLS_IN_TEXT)].map((m) => ({ link: m[0], span: { start: m.index, end: m.index + m[0].length } }));
        const links = [...inText, ...(post.links ?? []).filter((l) => typeof l === 'string').map((link) => ({ link, span: null }))];
        const seen = new Set<string>();
        for (const { link, span } of links) {
          const host = hostOf(link);
          if (!host) continue;
          const denied = rule.deny.some((d) => matchesDomain(host, d));
          const notAllowed = rule.allow.length > 0 && !rule.allow.some((d) => matchesDomain(host, d));
          if (!denied && !notAllowed) continue;
          const spans = inText.filter((t) => hostOf(t.link) === host).map((t) => t.span);
          if (seen.has(host)) continue;
          seen.add(host);
          emit(rule, denied ? MESSAGES.linkDenied(host) : MESSAGES.linkNotAllowed(host), span ? spans : spans);
        }
        break;
      }
      case 'length': {
        const max = rule.max ?? LENGTH_LIMITS[post.network].max;
        const { count, overflowAt } = measure(original, post.network, max);
        if (overflowAt !== null) emit(rule, MESSAGES.length(post.network, count, max), [{ start: overflowAt, end: original.length }]);
        break;
      }
      case 'schedule': {
        const at = post.scheduledAt ? new Date(post.scheduledAt) : (options.now ?? new Date());
        if (Number.isNaN(at.getTime())) break;
        const timeZone = post.timezone ?? 'UTC';
        let clock: ReturnType<typeof wallClock>;
        try {
          clock = wallClock(at, timeZone);
        } catch {
          break; // an unknown time zone is rejected where the account is saved
        }
        const blackout = inBlackout(at, timeZone, rule.blackouts);
        if (blackout) emit(rule, MESSAGES.blackout(clock.label, blackout.label), []);
        else if (rule.windows.length && !inWindows(clock.day, clock.minute, rule.windows)) emit(rule, MESSAGES.outsideWindow(clock.label), []);
        break;
      }
      case 'media_consent': {
        (post.media ?? []).forEach((media, index) => {
          const people = typeof media.peopleTagged === 'number' ? media.peopleTagged > 0 : Boolean(media.peopleTagged);
          if (people && !media.consentRecorded) emit(rule, MESSAGES.mediaConsent(index), []);
        });
        break;
      }
      case 'counts': {
        if (rule.maxHashtags !== undefined) {
          const tags = [...original.matchAll(HASHTAG)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
          if (tags.length > rule.maxHashtags) emit(rule, MESSAGES.hashtags(tags.length, rule.maxHashtags), tags.slice(rule.maxHashtags));
        }
        if (rule.maxMentions !== undefined) {
          const mentions = [...original.matchAll(MENTION)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
          if (mentions.length > rule.maxMentions) emit(rule, MESSAGES.mentions(mentions.length, rule.maxMentions), mentions.slice(rule.maxMentions));
        }
        break;
      }
    }
  });

  const enforced = findings.filter((f) => f.action !== 'MONITOR');
  return {
    findings,
    blocked: enforced.some((f) => f.action === 'BLOCK'),
    requiredApprovals: [...new Set(enforced.filter((f) => f.action === 'REQUIRE_APPROVAL' && f.approverRole).map((f) => f.approverRole as string))],
  };
}

function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans
    .filter((s) => {
      const key = `${s.start}:${s.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
