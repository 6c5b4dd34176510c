import type { Locale } from './schema';

export type Messages = Record<Locale, string>;

const quote = (s: string) => `“${s}”`;

/** The default wording of each kind of finding, in English and French. */
export const MESSAGES = {
  lexicon: (term: string): Messages => ({
    en: `${quote(term)} is not allowed by the policy.`,
    fr: `${quote(term)} n’est pas autorisé par la charte.`,
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
    en: `Add the disclaimer: ${phrases.map(quote).join(' or ')}.`,
    fr: `Ajoutez la mention : ${phrases.map(quote).join(' ou ')}.`,
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
