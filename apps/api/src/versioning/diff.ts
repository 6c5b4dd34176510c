import { diffWords } from 'diff';

/**
 * What changed between two versions, for the audit trail: compliance reads "3 rules changed" or
 * "212 words added" next to who published, rather than two blobs to compare by eye.
 */
export interface TextDiffSummary {
  wordsAdded: number;
  wordsRemoved: number;
}

export function diffText(before: string, after: string): TextDiffSummary {
  let wordsAdded = 0;
  let wordsRemoved = 0;
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  for (const part of diffWords(before, after)) {
    if (part.added) wordsAdded += words(part.value);
    else if (part.removed) wordsRemoved += words(part.value);
  }
  return { wordsAdded, wordsRemoved };
}

export interface ListDiffSummary {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Items keyed by `id`: which were added, removed, or changed in any way. */
export function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[]): ListDiffSummary {
  const previous = new Map(before.map((item) => [item.id, JSON.stringify(item)]));
  const next = new Map(after.map((item) => [item.id, JSON.stringify(item)]));
  return {
    added: [...next.keys()].filter((id) => !previous.has(id)),
    removed: [...previous.keys()].filter((id) => !next.has(id)),
    changed: [...next.keys()].filter((id) => previous.has(id) && previous.get(id) !== next.get(id)),
  };
}

/** A list of names set whole (competitors, approver emails, confidential terms): what the audit trail records, or null when nothing changed. */
export function listChange(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[]; count: number } | null {
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  return added.length || removed.length ? { added, removed, count: after.length } : null;
}
