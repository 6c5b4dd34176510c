import type { Locale } from './schema';

/**
 * Function words that only one of the two languages uses (folded: lower case, no accents) —
 * words both use ("on", "a", "en", "de", "me", "son", "as") are left out.
 */
const STOPWORDS: Record<Locale, ReadonlySet<number>> = {
  en: packAll(
    'the and is are to of for with our we you this that it was be have has not will just my your their they what from at by so if about who all can get been were would should could there here',
  ),
  fr: packAll(
    'le la les des du et est sont pour avec notre nos nous vous votre vos ce cette ces un une dans sur pas qui que au aux mon ma mes leur leurs tres mais ou je tu il elle ils elles sa ses c l d j qu n chez ete etre fait cest',
  ),
};

/** A word of at most 6 letters a–z as one number (base 27), so reading a post slices no strings. */
function pack(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 27 + (text.charCodeAt(i) - 96);
  return value;
}
function packAll(words: string): ReadonlySet<number> {
  return new Set(words.split(' ').map((word) => pack(word, 0, word.length)));
}

/**
 * The post's language, from its function words: English or French when one clearly dominates
 * (at least two of its words, twice as many as the other's), null when the post is too short or
 * mixed — then every term applies, whatever language it is written for.
 */
export function detectLanguage(folded: string): Locale | null {
  let en = 0;
  let fr = 0;
  // Function words are short: longer words are skipped without being cut out of the text.
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const code = i < folded.length ? folded.charCodeAt(i) : 0;
    const letter = code >= 97 && code <= 122;
    if (letter && start < 0) start = i;
    else if (!letter && start >= 0) {
      if (i - start <= 6) {
        const word = pack(folded, start, i);
        if (STOPWORDS.en.has(word)) en++;
        else if (STOPWORDS.fr.has(word)) fr++;
      }
      start = -1;
    }
  }
  if (en >= 2 && en >= 2 * fr) return 'en';
  if (fr >= 2 && fr >= 2 * en) return 'fr';
  return null;
}
