import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('every string of the web app in English and French', () => {
  const english = leaves(en as unknown as Tree);
  const french = leaves(fr as unknown as Tree);

  it('has the same keys in both languages (a string missing in either fails)', () => {
    expect([...english.keys()].filter((key) => !french.has(key))).toEqual([]);
    expect([...french.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect(english.size).toBeGreaterThan(500);
  });

  it('has no empty string and the same placeholders in both', () => {
    for (const [key, text] of english) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(french.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('is translated: French differs from English except for words that are the same in both', () => {
    const same = [...english].filter(([key, text]) => french.get(key) === text).map(([key]) => key);
    // Brand names, network names and words that French shares with English ("Client", "Action", "Exceptions"…).
    expect(same.length).toBeLessThan(english.size * 0.05);
  });

  it('writes French with its own punctuation: a narrow space would do, but never a colon glued to the word', () => {
    const glued = [...french].filter(([, text]) => /[a-zà-ÿ)]:(\s|$)/i.test(text) && !/https?:/.test(text)).map(([key]) => key);
    expect(glued).toEqual([]);
  });
});
