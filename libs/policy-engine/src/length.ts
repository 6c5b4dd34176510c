import type { Network } from './schema';

/** Each network's limit on a post's text, and how it counts. */
export const LENGTH_LIMITS: Record<Network, { max: number; counting: 'x' | 'mastodon' | 'graphemes' | 'utf16' }> = {
  X: { max: 280, counting: 'x' },
  MASTODON: { max: 500, counting: 'mastodon' },
  BLUESKY: { max: 300, counting: 'graphemes' },
  LINKEDIN: { max: 3_000, counting: 'utf16' },
  FACEBOOK: { max: 63_206, counting: 'utf16' },
  INSTAGRAM: { max: 2_200, counting: 'utf16' },
  TIKTOK: { max: 4_000, counting: 'utf16' },
  YOUTUBE: { max: 5_000, counting: 'utf16' },
};

/** A link counts as this many characters on X and Mastodon, whatever its length. */
export const LINK_LENGTH = 23;

const URL = /https?:\/\/[^\s<>"]+|www\.[^\s<>"]+/iy;
const MASTODON_MENTION = /@([A-Za-z0-9_]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/y;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** X (twitter-text v3): most Latin letters and punctuation weigh 1, other characters 2. */
function xWeight(code: number): number {
  return code <= 4351 || (code >= 8192 && code <= 8205) || (code >= 8208 && code <= 8223) || (code >= 8242 && code <= 8247) ? 1 : 2;
}

/** Code points that continue an emoji: joiner, variation selectors, skin tones, tags. */
function continuesEmoji(code: number): boolean {
  return (
    code === 0x200d || code === 0xfe0f || code === 0xfe0e || (code >= 0x1f3fb && code <= 0x1f3ff) || (code >= 0xe0020 && code <= 0xe007f) || code === 0x20e3
  );
}

/**
 * The length of `text` as `network` counts it, and the UTF-16 offset where the count first goes
 * over `max` (null when it fits), so the part that does not fit can be highlighted.
 */
export function measure(text: string, network: Network, max: number): { count: number; overflowAt: number | null } {
  const { counting } = LENGTH_LIMITS[network];
  if (counting === 'utf16') {
    return { count: text.length, overflowAt: text.length > max ? max - (isLowSurrogate(text.charCodeAt(max)) ? 1 : 0) : null };
  }
  let count = 0;
  let overflowAt: number | null = null;
  const add = (weight: number, at: number) => {
    count += weight;
    if (overflowAt === null && count > max) overflowAt = at;
  };
  if (counting === 'graphemes') {
    if (segmenter) for (const { index } of segmenter.segment(text)) add(1, index);
    else for (let i = 0; i < text.length; i += isHighSurrogate(text.charCodeAt(i)) ? 2 : 1) add(1, i);
    return { count, overflowAt };
  }
  // X and Mastodon, code point by code point (no grapheme segmentation needed: an emoji sequence
  // is recognized by its joiners and modifiers).
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    if (code === 104 || code === 72 || code === 119 || code === 87) {
      URL.lastIndex = i;
      const link = (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1])) && URL.exec(text);
      if (link) {
        add(LINK_LENGTH, i);
        i += link[0].length;
        continue;
      }
    }
    if (counting === 'mastodon' && code === 64 && (i === 0 || /\s/.test(text[i - 1]))) {
      MASTODON_MENTION.lastIndex = i;
      const mention = MASTODON_MENTION.exec(text);
      if (mention) {
        add(mention[1].length + 1, i); // only @user counts, not the server
        i += mention[0].length;
        continue;
      }
    }
    if (counting === 'x' && code >= 0x2000 && (PICTOGRAPHIC.test(String.fromCodePoint(code)) || (code >= 0x1f1e6 && code <= 0x1f1ff))) {
      add(2, i); // an emoji, whatever its sequence, weighs 2
      let j = i + width;
      if (code >= 0x1f1e6 && code <= 0x1f1ff) {
        const next = text.codePointAt(j) ?? 0;
        if (next >= 0x1f1e6 && next <= 0x1f1ff) j += 2; // a flag is a pair of regional indicators
      }
      for (;;) {
        const next = text.codePointAt(j) ?? 0;
        if (j >= text.length || !continuesEmoji(next)) break;
        j += next > 0xffff ? 2 : 1;
        if (next === 0x200d && j < text.length) {
          const joined = text.codePointAt(j) ?? 0;
          j += joined > 0xffff ? 2 : 1;
        }
      }
      i = j;
      continue;
    }
    add(counting === 'x' ? (code >= 0x300 && code <= 0x36f ? 0 : xWeight(code)) : 1, i); // a combining accent adds nothing on X
    i += width;
  }
  return { count, overflowAt };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
