/**
 * Text as the lexicon sees it: lower case, without accents, ligatures spelled out, apostrophes and
 * white space unified, so `Élection`, `election` and `ÉLECTION` read alike. Every folded code unit
 * remembers the original range it came from, so a match in folded text maps back to original
 * UTF-16 offsets that never split a character (a dropped combining accent joins the letter
 * before it; a surrogate pair stays whole).
 */
export interface FoldedText {
  text: string;
  /** Original start offset of each folded code unit. */
  start: Int32Array;
  /** Original end offset (exclusive) of each folded code unit. */
  end: Int32Array;
  /** Length of the original text. */
  originalLength: number;
}

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  ı: 'i',
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u00b4': "'",
  '`': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
};

const COMBINING = /\p{M}/gu;
const cache = new Map<number, string>();

/** White space beyond ASCII (what \s matches above U+007F). */
function isSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The folded form of one non-ASCII code point (memoized: posts reuse few distinct characters). */
function foldCodePoint(codePoint: number): string {
  let folded = cache.get(codePoint);
  if (folded === undefined) {
    const char = String.fromCodePoint(codePoint);
    folded = SPECIAL[char] ?? char.normalize('NFKD').replace(COMBINING, '').toLowerCase();
    if (cache.size < 10_000) cache.set(codePoint, folded);
  }
  return folded;
}

const decoder = typeof TextDecoder === 'undefined' ? null : new TextDecoder('utf-16le');

export function fold(original: string): FoldedText {
  const length = original.length;
  // A code point folds to at most a few units (e.g. ß → ss, ǆ → dz); grow if a text needs more.
  let capacity = length + 16;
  let out = new Uint16Array(capacity);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let n = 0;
  let lastWasSpace = false;
  const push = (unit: number, from: number, to: number) => {
    if (n === capacity) {
      capacity *= 2;
      const grownOut = new Uint16Array(capacity);
      grownOut.set(out);
      out = grownOut;
      const grownStart = new Int32Array(capacity);
      grownStart.set(start);
      start = grownStart;
      const grownEnd = new Int32Array(capacity);
      grownEnd.set(end);
      end = grownEnd;
    }
    out[n] = unit;
    start[n] = from;
    end[n] = to;
    n++;
  };
  for (let i = 0; i < length;) {
    const code = original.charCodeAt(i);
    if (code < 128) {
      // ASCII fast path.
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (lastWasSpace) end[n - 1] = i + 1;
        else push(32, i, i + 1);
        lastWasSpace = true;
      } else {
        push(code >= 65 && code <= 90 ? code + 32 : code === 96 ? 39 : code, i, i + 1);
        lastWasSpace = false;
      }
      i += 1;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < length ? 2 : 1;
    const codePoint = width === 2 ? (original.codePointAt(i) ?? code) : code;
    if (isSpace(codePoint)) {
      if (lastWasSpace) end[n - 1] = i + width;
      else push(32, i, i + width);
      lastWasSpace = true;
    } else {
      const folded = foldCodePoint(codePoint);
      // A lone combining mark folds to nothing: it belongs to the character before it.
      if (folded.length === 0) {
        if (n > 0) end[n - 1] = i + width;
      } else for (let k = 0; k < folded.length; k++) push(folded.charCodeAt(k), i, i + width);
      lastWasSpace = false;
    }
    i += width;
  }
  const units = out.subarray(0, n);
  let text: string;
  if (decoder) text = decoder.decode(units);
  else {
    text = '';
    for (let k = 0; k < n; k += 8192) text += String.fromCharCode(...units.subarray(k, k + 8192));
  }
  return { text, start: start.subarray(0, n), end: end.subarray(0, n), originalLength: length };
}

/** Folds a term or phrase the same way, trimmed. */
export function foldTerm(term: string): string {
  return fold(term.trim()).text;
}

/** Letters and digits (any script) count as word characters. */
export function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95;
  return WORD.test(String.fromCharCode(code)) || (code >= 0xd800 && code <= 0xdfff);
}
const WORD = /[\p{L}\p{N}]/u;

/** The original range of folded units [from, to). */
export function toOriginal(folded: FoldedText, from: number, to: number): { start: number; end: number } {
  return { start: folded.start[from], end: folded.end[to - 1] };
}
