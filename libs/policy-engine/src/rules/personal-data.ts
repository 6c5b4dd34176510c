import { MESSAGES, REASONS } from '../messages';
import { findCards, findEmails, findIbans, findPhones, isRoleAddress } from '../pii';
import type { RuleKindEvaluator, RuleOfKind } from './kind';

/** Emails (minus the allowed ones), phone numbers, IBANs and card numbers. */
export const personalData: RuleKindEvaluator<RuleOfKind<'personal_data'>> = {
  evaluate({ rule, original, language, emit }) {
    if (rule.detect.includes('EMAIL')) {
      const allowed = new Set(rule.allowEmails);
      const spans = findEmails(original).filter((e) => !allowed.has(e.value.toLowerCase()) && !(rule.allowRoleAddresses && isRoleAddress(e.value)));
      if (spans.length) emit(MESSAGES.EMAIL(), spans, REASONS.email());
    }
    if (rule.detect.includes('PHONE')) {
      const spans = findPhones(original, [rule.defaultCountry, ...rule.alsoCountries], { allowTollFree: rule.allowTollFree, language });
      if (spans.length) emit(MESSAGES.PHONE(), spans, REASONS.phone(rule.defaultCountry, rule.allowTollFree));
    }
    if (rule.detect.includes('IBAN')) {
      const spans = findIbans(original);
      if (spans.length) emit(MESSAGES.IBAN(), spans, REASONS.iban());
    }
    if (rule.detect.includes('CARD')) {
      const spans = findCards(original);
      if (spans.length) emit(MESSAGES.CARD(), spans, REASONS.card());
    }
  },
};
