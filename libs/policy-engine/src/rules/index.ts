import type { RuleKind } from '../schema';
import { clientConfidentiality } from './client-confidentiality';
import { colleagueNames } from './colleague-names';
import { counts } from './counts';
import { disclaimer } from './disclaimer';
import type { RuleKindEvaluator, RuleOfKind } from './kind';
import { length } from './length';
import { lexicon } from './lexicon';
import { linkDomains } from './link-domains';
import { mediaConsent } from './media-consent';
import { personalData } from './personal-data';
import { regex } from './regex';
import { schedule } from './schedule';

/** Every rule kind and its evaluator: a new kind is a schema entry and a file here. */
export const EVALUATORS: { [K in RuleKind]: RuleKindEvaluator<RuleOfKind<K>> } = {
  lexicon,
  regex,
  personal_data: personalData,
  colleague_names: colleagueNames,
  client_confidentiality: clientConfidentiality,
  disclaimer,
  link_domains: linkDomains,
  length,
  schedule,
  media_consent: mediaConsent,
  counts,
};

export { wordStarts } from './lexicon';
export { MAX_SPANS, type CompiledRule, type Hit, type Use } from './kind';
