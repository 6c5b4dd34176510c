import { isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import type { Locale } from './schema';

export interface Span {
  start: number;
  end: number;
}

const LOCAL_CHAR = /[A-Za-z0-9._%+\-']/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;

/**
 * Email addresses, found by scanning out from each `@` (linear in the text; no backtracking
 * regular expression is run over user text).
 */
export function findEmails(text: string): Array<Span & { value: string }> {
  const found: Array<Span & { value: string }> = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && LOCAL_CHAR.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && DOMAIN_CHAR.test(text[end])) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--; // trailing punctuation
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (local.length > 0 && !local.startsWith('.') && /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(domain) && domain.length <= 253) {
      found.push({ start, end, value: `${local}@${domain}` });
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  return found;
}

/**
 * Phone numbers, with libphonenumber-js (`min` metadata, also in the browser): national numbers
 * valid in one of `countries` (the first is the default), and numbers written with their
 * international prefix that are possible for their country — a reserved or fictional range
 * (+44 7700 900…) is still a phone number to whoever reads the post.
 */
export function findPhones(text: string, countries: string | string[], options: { allowTollFree?: boolean; language?: Locale | null } = {}): Span[] {
  // Cheap pre-check: most posts have no run of 7+ digits at all.
  if (!/\d(?:[\s().\-/+]{0,4}\d){6}/.test(text)) return [];
  const found: Span[] = [];
  // Every number read, public free-phone lines included: digits already read need no other country.
  const read: Span[] = [];
  const add = (hit: ReturnType<typeof findPhoneNumbersInText>[number]) => {
    if (read.some((f) => f.start < hit.endsAt && hit.startsAt < f.end)) return;
    read.push({ start: hit.startsAt, end: hit.endsAt });
    if (options.allowTollFree && isTollFree(hit.number.country, String(hit.number.nationalNumber))) return;
    found.push({ start: hit.startsAt, end: hit.endsAt });
  };
  const isRead = (at: number) => read.some((span) => span.start <= at && at < span.end);
  const allRead = (runs: Span[]) => runs.every((run) => digitsOf(text, run).every(isRead));
  // The post's own language's countries first: they usually read its numbers at once.
  const all = typeof countries === 'string' ? [countries] : countries;
  const preferred = options.language ? LANGUAGE_COUNTRIES[options.language] : [];
  const list = [...all.filter((c) => preferred.includes(c)), ...all.filter((c) => !preferred.includes(c))];
  // libphonenumber reads only the runs of digits that could be a number, with the words around
  // them (its own checks look at what surrounds a number): scanning a whole long post with its
  // patterns costs far more. Another country is tried only for digits not read yet: reading a
  // number that is not valid for a country is libphonenumber's slowest path.
  for (const { from, to, runs } of phoneWindows(text)) {
    const window = text.slice(from, to);
    const shift = (hit: ReturnType<typeof findPhoneNumbersInText>[number]) => ({ ...hit, startsAt: hit.startsAt + from, endsAt: hit.endsAt + from });
    // Valid numbers (libphonenumber's default leniency) for each country …
    for (const country of list) {
      if (allRead(runs)) break;
      for (const hit of findPhoneNumbersInText(window, { defaultCountry: country as CountryCode })) add(shift(hit));
    }
    // … and international numbers that are merely possible (a reserved or fictional range).
    if (!allRead(runs) && /(?:\+|\b00)\s?\d/.test(window)) {
      for (const hit of findPhoneNumbersInText(window, { defaultCountry: list[0] as CountryCode, extended: true })) {
        if (/^(?:\+|00)/.test(window.slice(hit.startsAt, hit.endsAt)) && hit.number.isPossible()) add(shift(hit));
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A run of 7 digits or more, with the separators people write. */
const DIGIT_RUN = /\d(?:[\s().\-/+]{0,4}\d){6,}/g;
const CONTEXT = 16;

/** The stretches of text around runs of digits, overlapping ones merged, with their runs. */
function phoneWindows(text: string): Array<{ from: number; to: number; runs: Span[] }> {
  const windows: Array<{ from: number; to: number; runs: Span[] }> = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const span = { start: run.index, end: run.index + run[0].length };
    const from = Math.max(0, span.start - CONTEXT);
    const to = Math.min(text.length, span.end + CONTEXT);
    const last = windows[windows.length - 1];
    if (last && from <= last.to) {
      last.to = Math.max(last.to, to);
      last.runs.push(span);
    } else windows.push({ from, to, runs: [span] });
  }
  return windows;
}

/** Offsets of the digits in a span. */
function digitsOf(text: string, span: Span): number[] {
  const digits: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits.push(i);
  }
  return digits;
}

/** Countries whose numbers a post in each language most likely carries. */
const LANGUAGE_COUNTRIES: Record<Locale, string[]> = {
  en: ['GB', 'US', 'IE', 'AU', 'NZ', 'CA'],
  fr: ['FR', 'BE', 'CH', 'LU', 'MC', 'CA'],
};

/** Mailboxes of a role, not of a person. */
const ROLE_MAILBOXES = new Set(
  'contact info hello hi bonjour salut support help aide sales ventes commercial press presse media jobs careers recrutement recrutements emploi team equipe office bureau service serviceclient clients customers orders commandes commande reservation reservations booking accueil newsletter marketing communication partenariats partners'.split(
    ' ',
  ),
);

export function isRoleAddress(address: string): boolean {
  const local = address.slice(0, address.indexOf('@')).toLowerCase().replace(/[._-]/g, '');
  return ROLE_MAILBOXES.has(local);
}

/** Free-phone ranges (a company's public line): France 080x, the UK 0800/0808, North America 8xx. */
const TOLL_FREE: Record<string, RegExp> = {
  FR: /^80[0-5]/,
  GB: /^80[08]/,
  US: /^8(00|33|44|55|66|77|88)/,
  CA: /^8(00|33|44|55|66|77|88)/,
  BE: /^800/,
  CH: /^800/,
};

export function isTollFree(country: string | undefined, nationalNumber: string): boolean {
  return !!country && !!TOLL_FREE[country]?.test(nationalNumber);
}

const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g;

/**
 * IBANs whose check digits are right (ISO 13616 mod 97, via ibantools). A candidate may run on
 * into the next word ("… 189 MERCI"), so it is shortened until it validates, if it ever does.
 */
export function findIbans(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const raw = match[0];
    for (let end = raw.length; end >= 15; end--) {
      if (raw[end - 1] === ' ' || /[A-Za-z0-9]/.test(raw[end] ?? '')) continue; // end on a whole block
      if (isValidIBAN(raw.slice(0, end).replace(/ /g, ''))) {
        found.push({ start: match.index, end: match.index + end });
        break;
      }
    }
  }
  return found;
}

const CARD_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

/** Payment card numbers: 13 to 19 digits passing the Luhn check. */
export function findCards(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.push({ start: match.index, end: match.index + match[0].length });
  }
  return found;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
