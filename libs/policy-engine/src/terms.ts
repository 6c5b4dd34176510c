import { foldTerm } from './normalize';

/** A lexicon entry as written: `word`, `a phrase`, `confiden*`, `*ware`, or `A NEAR/5 B`. */
export type ParsedTerm =
  | { type: 'literal'; text: string; display: string; prefix: boolean; suffix: boolean }
  | { type: 'near'; a: ParsedLiteral; b: ParsedLiteral; distance: number; display: string };
export type ParsedLiteral = Extract<ParsedTerm, { type: 'literal' }>;

const NEAR = /^(.+?)\s+NEAR\/(\d{1,2})\s+(.+)$/;

/** Parses one lexicon entry, or says in words what is wrong with it. */
export function parseTerm(raw: string): ParsedTerm | { error: string } {
  const display = raw.trim();
  const near = NEAR.exec(display);
  if (near) {
    const a = parseLiteral(near[1]);
    const b = parseLiteral(near[3]);
    if ('error' in a) return a;
    if ('error' in b) return b;
    const distance = Number(near[2]);
    if (distance < 1) return { error: `NEAR needs a distance of at least 1 word: ${display}` };
    return { type: 'near', a, b, distance, display };
  }
  return parseLiteral(display);
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
