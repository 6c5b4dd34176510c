import { z } from 'zod';

/** What a finding does to a post. MONITOR rules record findings without enforcing them. */
export const ACTIONS = ['BLOCK', 'REQUIRE_APPROVAL', 'WARN'] as const;
export type Action = (typeof ACTIONS)[number];
export type FindingAction = Action | 'MONITOR';

export const NETWORKS = ['X', 'LINKEDIN', 'FACEBOOK', 'INSTAGRAM', 'MASTODON', 'BLUESKY', 'TIKTOK', 'YOUTUBE'] as const;
export type Network = (typeof NETWORKS)[number];
export const ACCOUNT_KINDS = ['BRAND', 'STAFF'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const localized = z.object({ en: text(500).optional(), fr: text(500).optional() }).strict();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm, e.g. 09:00');
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use YYYY-MM-DDTHH:mm, e.g. 2027-03-28T00:00');

const base = {
  id: z.string().trim().min(1).max(100),
  action: z.enum(ACTIONS),
  /** The role whose approval the post then needs (REQUIRE_APPROVAL only), e.g. COMPLIANCE. */
  approverRole: z.string().trim().min(1).max(50).optional(),
  /** MONITOR: record findings without enforcing them, to try a rule before turning it on. */
  mode: z.enum(['ENFORCE', 'MONITOR']).default('ENFORCE'),
  /** What the person is told; defaults to a message of the rule kind, in English and French. */
  message: localized.optional(),
  label: z.string().trim().max(200).optional(),
  appliesTo: z
    .object({ networks: z.array(z.enum(NETWORKS)).max(8).optional(), accountKinds: z.array(z.enum(ACCOUNT_KINDS)).max(2).optional() })
    .strict()
    .optional(),
};

/**
 * Terms and phrases; `confiden*` and `*ware` wildcards; `A NEAR/5 B` proximity; `[fr] …` for one
 * language. With `languages`, the rule's words are written for those languages: a post clearly
 * in another language is not read against them (an English word does not match French text).
 */
const lexicon = z
  .object({
    ...base,
    kind: z.literal('lexicon'),
    terms: z.array(text(200)).min(1).max(20_000),
    exceptions: z.array(text(200)).max(1_000).default([]),
    languages: z.array(z.enum(LOCALES)).max(2).optional(),
  })
  .strict();

const regex = z.object({ ...base, kind: z.literal('regex'), pattern: z.string().min(1).max(500), caseSensitive: z.boolean().default(false) }).strict();

export const PII_KINDS = ['EMAIL', 'PHONE', 'IBAN', 'CARD'] as const;
const personalData = z
  .object({
    ...base,
    kind: z.literal('personal_data'),
    detect: z
      .array(z.enum(PII_KINDS))
      .min(1)
      .default([...PII_KINDS]),
    /** For phone numbers written without a country code. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('FR'),
    /** More countries whose national numbers are read too (a French and an English pack together: FR and GB). */
    alsoCountries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .max(10)
      .default([]),
    /** Addresses allowed in posts, e.g. the public contact address. */
    allowEmails: z.array(z.string().trim().toLowerCase().max(254)).max(100).default([]),
    /** Role mailboxes (contact@, info@, hello@, bonjour@, support@ …) are a business's public line, not a person's: allowed unless false. */
    allowRoleAddresses: z.boolean().default(true),
    /** Free-phone numbers (0800 …) are a company's public line, not a person's: allowed unless false. */
    allowTollFree: z.boolean().default(true),
  })
  .strict();

/**
 * Names of the organization's members, given to compile() in the context. With `near`, a name
 * counts only within `within` words of one of those terms (a colleague's health, address, private
 * life) — a welcome or a congratulation naming someone is not at fault.
 */
const colleagues = z
  .object({
    ...base,
    kind: z.literal('colleague_names'),
    near: z.array(text(200)).max(500).default([]),
    within: z.number().int().min(1).max(50).default(8),
  })
  .strict();

/** Another client's confidential terms in a post for one client; terms come from the context. */
const clientConfidentiality = z.object({ ...base, kind: z.literal('client_confidentiality') }).strict();

/** A phrase the post must carry, e.g. "views are my own" on staff accounts. */
const disclaimer = z
  .object({
    ...base,
    kind: z.literal('disclaimer'),
    phrases: z.array(text(200)).min(1).max(50),
    /** Only when the post mentions one of these (e.g. the company's names); always when empty. */
    whenMentioning: z.array(text(200)).max(200).default([]),
    /** And, when given, only when it also says one of these (e.g. words that promote: a client named in praise). */
    andMentioning: z.array(text(200)).max(500).default([]),
  })
  .strict();

const linkDomains = z
  .object({
    ...base,
    kind: z.literal('link_domains'),
    allow: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(500).default([]),
    deny: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(5_000).default([]),
  })
  .strict();

const length = z.object({ ...base, kind: z.literal('length'), max: z.number().int().positive().max(100_000).optional() }).strict();

const schedule = z
  .object({
    ...base,
    kind: z.literal('schedule'),
    /** When posts may go out, in the account's time zone; ISO days, 1 = Monday. */
    windows: z
      .array(z.object({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7), from: time, to: time }).strict())
      .max(50)
      .default([]),
    /** When nothing may go out (local date-times in the account's time zone). */
    blackouts: z
      .array(z.object({ from: localDateTime, to: localDateTime, label: z.string().trim().max(200).optional() }).strict())
      .max(500)
      .default([]),
  })
  .strict();

const mediaConsent = z.object({ ...base, kind: z.literal('media_consent') }).strict();

const counts = z
  .object({
    ...base,
    kind: z.literal('counts'),
    maxHashtags: z.number().int().min(0).max(100).optional(),
    maxMentions: z.number().int().min(0).max(100).optional(),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [
  lexicon,
  regex,
  personalData,
  colleagues,
  clientConfidentiality,
  disclaimer,
  linkDomains,
  length,
  schedule,
  mediaConsent,
  counts,
]);

export const policySchema = z
  .object({ rules: z.array(ruleSchema).max(500) })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `Two rules have the id “${rule.id}”.` });
      seen.add(rule.id);
      if (rule.action === 'REQUIRE_APPROVAL' && !rule.approverRole) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'approverRole'], message: 'Name the role whose approval is required.' });
      }
    });
  });

export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
export type RuleKind = Rule['kind'];
export const RULE_KINDS = ruleSchema.options.map((option) => option.shape.kind.value) as RuleKind[];
