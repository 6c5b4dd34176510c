import { foldTerm } from './normalize';
import type { Locale } from './schema';

/**
 * A lexicon entry as written: `word`, `a phrase`, `confiden*`, `*ware`, or `A NEAR/5 B` — each
 * optionally for one language only, `[fr] élection*`: it then applies to posts in that language
 * (and to posts whose language is unclear).
 */
export type ParsedTerm =
  | { type: 'literal'; text: string; display: string; prefix: boolean; suffix: boolean; lang?: Locale }
  | { type: 'near'; a: ParsedLiteral; b: ParsedLiteral; distance: number; display: string; lang?: Locale };
export type ParsedLiteral = Extract<ParsedTerm, { type: 'literal' }>;

const NEAR = /^(.+?)\s+NEAR\/(\d{1,2})\s+(.+)$/;
const LANGUAGE_TAG = /^\[(en|fr)\]\s*/i;

/** Parses one lexicon entry, or says in words what is wrong with it. */
export function parseTerm(raw: string): ParsedTerm | { error: string } {
  const trimmed = raw.trim();
  const tag = trimmed.charCodeAt(0) === 91 /* [ */ ? LANGUAGE_TAG.exec(trimmed) : null;
  const lang = tag ? (tag[1].toLowerCase() as Locale) : undefined;
  const display = tag ? trimmed.slice(tag[0].length) : trimmed;
  const near = NEAR.exec(display);
  if (near) {
    const a = parseLiteral(near[1]);
    const b = parseLiteral(near[3]);
    if ('error' in a) return a;
    if ('error' in b) return b;
    const distance = Number(near[2]);
    if (distance < 1) return { error: `NEAR needs a distance of at least 1 word: ${display}` };
    return lang ? { type: 'near', a: { ...a, lang }, b: { ...b, lang }, distance, display, lang } : { type: 'near', a, b, distance, display };
  }
  const literal = parseLiteral(display);
  return lang && !('error' in literal) ? { ...literal, lang } : literal;
}

/** The entry for one language only: `[fr] élection*` (a tag it already has is kept). */
export function tagLanguage(raw: string, lang: Locale): string {
  return LANGUAGE_TAG.test(raw.trim()) ? raw : `[${lang}] ${raw.trim()}`;
}

function parseLiteral(raw: string): ParsedLiteral | { error: string } {
  const display = raw.trim();
  const suffix = display.startsWith('*');
  const prefix = display.endsWith('*') && display.length > 1;
  const core = display.slice(suffix ? 1 : 0, prefix ? -1 : undefined);
  if (core.includes('*')) return { error: `A wildcard may only start or end a term: ${display}` };
  const text = foldTerm(core);
  if (!text) return { error: `A term needs at least one letter or digit: ${display}` };
  if ((prefix || suffix) && text.length < 3) return { error: `A wildcard term needs at least 3 letters before the *: ${display}` };
  return { type: 'literal', text, display, prefix, suffix };
}
