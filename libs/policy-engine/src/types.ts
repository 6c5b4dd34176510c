import type { Messages } from './messages';
import type { Span } from './pii';
import type { AccountKind, Action, FindingAction, Locale, Network, RuleKind } from './schema';

export type { Locale, Rule, RuleKind } from './schema';

/** What the organization knows that rules refer to: its people and its clients' secrets. */
export interface PolicyContext {
  /** Members' names, for the colleague_names rule. */
  colleagues?: string[];
  /** Every client's confidential terms, for the client_confidentiality rule. */
  clients?: Array<{ id: string; name: string; terms: string[] }>;
  /** The organization's names, for `{organization}` in lexicon terms (resolved when the policy compiles, never copied into rules). */
  organizationNames?: string[];
  /** Competitors' names, for `{competitor}` in lexicon terms. */
  competitors?: string[];
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
  /** The rule's label, when it has one. */
  label: string | null;
  /** Why it fired — the term, the words found and the context that made them count — in the locale; null when the message says it all. */
  reason: string | null;
  reasons: Messages | null;
}

export interface Evaluation {
  findings: Finding[];
  /** The post's language when it is clear and the policy reads it (language-tagged words, phone numbers of several countries); null otherwise. */
  language: Locale | null;
  /** An enforced BLOCK finding: the post cannot be submitted. */
  blocked: boolean;
  /** Roles whose approval enforced REQUIRE_APPROVAL findings add. */
  requiredApprovals: string[];
}
