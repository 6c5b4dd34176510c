import type { RuleKind } from '@clearpost/policy-engine';

export const KIND_LABELS: Record<RuleKind, { label: string; help: string }> = {
  lexicon: { label: 'Words and phrases', help: 'Terms, phrases, wildcards (confiden*), exceptions, proximity (A NEAR/5 B); case and accents ignored.' },
  regex: { label: 'Pattern', help: 'A regular expression run by a linear-time engine (RE2): no backreferences or lookarounds.' },
  personal_data: { label: 'Personal data', help: 'Email addresses, phone numbers, IBANs and card numbers (checksums verified).' },
  colleague_names: { label: 'Colleagues’ names', help: 'The names of the people in this organization.' },
  client_confidentiality: { label: 'Client confidentiality', help: 'Another client’s confidential terms in a post for one client.' },
  disclaimer: { label: 'Required disclaimer', help: 'A phrase the post must carry, e.g. “views are my own” on staff accounts.' },
  link_domains: { label: 'Link domains', help: 'Domains links may (allow list) or may not (deny list) point to.' },
  length: { label: 'Length limit', help: 'Each network’s limit, counted its way (links as 23 on X, graphemes on Bluesky).' },
  schedule: { label: 'Posting hours and blackouts', help: 'When posts may go out, in the account’s time zone.' },
  media_consent: { label: 'Photo consent', help: 'Images showing people whose consent is not recorded.' },
  counts: { label: 'Hashtags and mentions', help: 'At most so many hashtags or mentions.' },
};

export const ACTION_LABELS: Record<string, { label: string; color: string }> = {
  BLOCK: { label: 'Block', color: 'red' },
  REQUIRE_APPROVAL: { label: 'Needs approval', color: 'orange' },
  WARN: { label: 'Warn', color: 'yellow' },
  MONITOR: { label: 'Monitor only', color: 'gray' },
};

export const SCOPE_LABELS: Record<string, string> = {
  ORGANIZATION: 'Whole organization',
  CLIENT: 'Client',
  ACCOUNT: 'Account',
};
