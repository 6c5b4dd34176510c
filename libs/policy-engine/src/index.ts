export {
  compile,
  evaluate,
  validatePolicy,
  PolicyError,
  type CompiledPolicy,
  type Evaluation,
  type Finding,
  type PolicyContext,
  type PolicyIssue,
  type Post,
  type Span,
} from './engine';
export {
  ACCOUNT_KINDS,
  ACTIONS,
  LOCALES,
  NETWORKS,
  PII_KINDS,
  RULE_KINDS,
  policySchema,
  ruleSchema,
  type AccountKind,
  type Action,
  type FindingAction,
  type Locale,
  type Network,
  type Policy,
  type PolicyInput,
  type Rule,
  type RuleInput,
  type RuleKind,
} from './schema';
export { LENGTH_LIMITS, LINK_LENGTH, measure } from './length';
export { fold } from './normalize';
export { parseTerm } from './terms';
export { MESSAGES, REASONS, type Messages } from './messages';
export { findTemplate, listTemplates, type PolicyTemplate } from './templates';
export { mergePolicies, uniqueByFold, type OverrideReason, type PolicySource, type SourcedRule } from './merge';
export { isHeldOut, score, type CategoryScore, type CorpusScore, type LabelledPost } from './scoring';
