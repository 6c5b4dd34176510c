import type { Locale } from './schema';

export type Messages = Record<Locale, string>;

const quote = (s: string) => `“${s}”`;

/** A list a reader takes in at a glance: merged language packs can carry two dozen phrases. */
const SHOWN = 4;
function someOf(phrases: string[], last: string, more: (n: number) => string, separator = ', '): string {
  const quoted = phrases.map(quote);
  if (quoted.length <= SHOWN) return quoted.length > 1 ? `${quoted.slice(0, -1).join(separator)}${last}${quoted.at(-1)}` : (quoted[0] ?? '');
  return `${quoted.slice(0, SHOWN - 1).join(', ')}${more(quoted.length - SHOWN + 1)}`;
}
const orEn = (phrases: string[]) => someOf(phrases, ' or ', (n) => ` or ${n} more`, ' or ');
const orFr = (phrases: string[]) => someOf(phrases, ' ou ', (n) => ` ou ${n} autres`, ' ou ');
const noneOfEn = (phrases: string[]) => someOf(phrases, ', ', (n) => ` and ${n} more`);
const noneOfFr = (phrases: string[]) => someOf(phrases, ', ', (n) => ` et ${n} autres`);

/** The default wording of each kind of finding, in English and French. */
export const MESSAGES = {
  lexicon: (term: string): Messages => ({
    en: `${quote(term)} is not allowed by the policy.`,
    fr: `${quote(term)} n’est pas autorisé par la charte.`,
  }),
  lexiconNear: (a: string, b: string): Messages => ({
    en: `${quote(a)} near ${quote(b)} is not allowed by the policy.`,
    fr: `${quote(a)} près de ${quote(b)} n’est pas autorisé par la charte.`,
  }),
  regex: (match: string): Messages => ({
    en: `${quote(match)} matches a forbidden pattern.`,
    fr: `${quote(match)} correspond à un motif interdit.`,
  }),
  EMAIL: (): Messages => ({
    en: 'An email address is personal data: remove it or use the public contact address.',
    fr: 'Une adresse e-mail est une donnée personnelle : retirez-la ou utilisez l’adresse de contact publique.',
  }),
  PHONE: (): Messages => ({
    en: 'A phone number is personal data: remove it.',
    fr: 'Un numéro de téléphone est une donnée personnelle : retirez-le.',
  }),
  IBAN: (): Messages => ({
    en: 'A bank account number (IBAN) must never be published.',
    fr: 'Un numéro de compte bancaire (IBAN) ne doit jamais être publié.',
  }),
  CARD: (): Messages => ({
    en: 'A payment card number must never be published.',
    fr: 'Un numéro de carte bancaire ne doit jamais être publié.',
  }),
  colleague: (name: string): Messages => ({
    en: `${quote(name)} is a colleague: name people only with their consent.`,
    fr: `${quote(name)} est un collègue : ne nommez personne sans son accord.`,
  }),
  colleaguePrivate: (name: string): Messages => ({
    en: `${quote(name)} is a colleague: nothing of their private life (health, home, family) without their consent.`,
    fr: `${quote(name)} est un collègue : rien de sa vie privée (santé, domicile, famille) sans son accord.`,
  }),
  clientConfidentiality: (term: string, client: string): Messages => ({
    en: `${quote(term)} is confidential to another client (${client}).`,
    fr: `${quote(term)} est confidentiel et appartient à un autre client (${client}).`,
  }),
  disclaimer: (phrases: string[]): Messages => ({
    en: `Add the disclaimer: ${orEn(phrases)}.`,
    fr: `Ajoutez la mention : ${orFr(phrases)}.`,
  }),
  linkDenied: (host: string): Messages => ({
    en: `Links to ${host} are not allowed.`,
    fr: `Les liens vers ${host} ne sont pas autorisés.`,
  }),
  linkNotAllowed: (host: string): Messages => ({
    en: `${host} is not on the list of domains you may link to.`,
    fr: `${host} ne fait pas partie des domaines autorisés.`,
  }),
  length: (network: string, count: number, max: number): Messages => ({
    en: `Too long for ${network}: ${count} of ${max} characters.`,
    fr: `Trop long pour ${network} : ${count} caractères sur ${max}.`,
  }),
  outsideWindow: (local: string): Messages => ({
    en: `${local} is outside the posting hours for this account.`,
    fr: `${local} est en dehors des horaires de publication de ce compte.`,
  }),
  blackout: (local: string, label: string | undefined): Messages => ({
    en: `${local} falls in a blackout period${label ? ` (${label})` : ''}: nothing may be published.`,
    fr: `${local} tombe dans une période de silence${label ? ` (${label})` : ''} : aucune publication possible.`,
  }),
  mediaConsent: (index: number): Messages => ({
    en: `Image ${index + 1} shows people whose consent is not recorded.`,
    fr: `L’image ${index + 1} montre des personnes dont le consentement n’est pas enregistré.`,
  }),
  hashtags: (count: number, max: number): Messages => ({
    en: `${count} hashtags; the policy allows ${max}.`,
    fr: `${count} hashtags ; la charte en autorise ${max}.`,
  }),
  mentions: (count: number, max: number): Messages => ({
    en: `${count} mentions; the policy allows ${max}.`,
    fr: `${count} mentions ; la charte en autorise ${max}.`,
  }),
};

const DAYS: Record<'en' | 'fr', string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  fr: ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'],
};
const windowsText = (windows: Array<{ days: number[]; from: string; to: string }>, locale: 'en' | 'fr') =>
  windows.map((w) => `${w.days.map((d) => DAYS[locale][d - 1]).join(', ')} ${w.from}–${w.to}`).join(locale === 'en' ? '; ' : ' ; ');

/**
 * Why a finding fired — the rule's term, the words found and the context that made them count —
 * in English and French, shown under the finding's message in the try-it box and the composer.
 */
export const REASONS = {
  term: (term: string): Messages => ({
    en: `Matched the rule’s term ${quote(term)}.`,
    fr: `Correspond au terme ${quote(term)} de la règle.`,
  }),
  near: (a: string, b: string, distance: number): Messages => ({
    en: `${quote(a)} stands within ${distance} words of ${quote(b)}.`,
    fr: `${quote(a)} se trouve à ${distance} mots ou moins de ${quote(b)}.`,
  }),
  colleague: (name: string): Messages => ({
    en: `${quote(name)} is the name of a member of the organization.`,
    fr: `${quote(name)} est le nom d’un membre de l’organisation.`,
  }),
  colleagueNear: (name: string, word: string, within: number): Messages => ({
    en: `${quote(name)}, a colleague, stands within ${within} words of ${quote(word)}.`,
    fr: `${quote(name)}, un collègue, se trouve à ${within} mots ou moins de ${quote(word)}.`,
  }),
  confidential: (term: string, owner: string, forClient: string | null): Messages => ({
    en: `${quote(term)} is on ${owner}’s list of confidential terms, and this post is for ${forClient ?? 'the organization’s own account'}.`,
    fr: `${quote(term)} figure dans les termes confidentiels de ${owner}, et ce post est pour ${forClient ?? 'un compte de l’organisation'}.`,
  }),
  disclaimerMentioned: (mentioned: string, phrases: string[]): Messages => ({
    en: `The post names ${quote(mentioned)} and carries none of: ${noneOfEn(phrases)}.`,
    fr: `Le post nomme ${quote(mentioned)} sans porter aucune de ces mentions : ${noneOfFr(phrases)}.`,
  }),
  disclaimerAlways: (phrases: string[]): Messages => ({
    en: `Every post this rule covers must carry one of: ${noneOfEn(phrases)}.`,
    fr: `Chaque post couvert par cette règle doit porter l’une de ces mentions : ${noneOfFr(phrases)}.`,
  }),
  email: (): Messages => ({
    en: 'Reads as an email address, and it is not on the rule’s list of allowed addresses.',
    fr: 'Se lit comme une adresse e-mail, absente de la liste des adresses autorisées par la règle.',
  }),
  phone: (country: string, tollFreeAllowed: boolean): Messages => ({
    en: `Reads as a phone number (${country} numbering when written without a country code)${tollFreeAllowed ? '; free-phone numbers are allowed' : ''}.`,
    fr: `Se lit comme un numéro de téléphone (numérotation ${country} sans indicatif)${tollFreeAllowed ? ' ; les numéros verts sont autorisés' : ''}.`,
  }),
  iban: (): Messages => ({ en: 'Passes the IBAN checksum.', fr: 'La clé de contrôle IBAN est valide.' }),
  card: (): Messages => ({ en: 'Passes the card-number checksum (Luhn).', fr: 'La clé de contrôle de carte (Luhn) est valide.' }),
  pattern: (pattern: string): Messages => ({
    en: `Matched the rule’s pattern ${quote(pattern)}.`,
    fr: `Correspond au motif ${quote(pattern)} de la règle.`,
  }),
  outsideWindow: (windows: Array<{ days: number[]; from: string; to: string }>): Messages => ({
    en: `The account’s posting hours are ${windowsText(windows, 'en')}.`,
    fr: `Les horaires de publication du compte sont ${windowsText(windows, 'fr')}.`,
  }),
  blackout: (from: string, to: string): Messages => ({
    en: `Blackout from ${from.replace('T', ' ')} to ${to.replace('T', ' ')}, in the account’s time zone.`,
    fr: `Période de silence du ${from.replace('T', ' ')} au ${to.replace('T', ' ')}, dans le fuseau du compte.`,
  }),
};
