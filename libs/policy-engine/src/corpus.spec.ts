import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHeldOut, score, type LabelledPost } from './scoring';

const CATEGORIES = [
  'politics',
  'disparage_employer',
  'disparage_client',
  'disparage_colleague',
  'disparage_competitor',
  'confidential',
  'other_client',
  'personal_data',
  'private_life',
  'photo_consent',
  'disclaimer_missing',
  'undisclosed_affiliation',
  'astroturfing',
  'posting_hours',
];
const posts = readFileSync(join(__dirname, '..', 'corpus', 'posts.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as LabelledPost);

describe('the labelled corpus', () => {
  it('is well formed: unique ids, known categories, every quote stands in its post', () => {
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
    for (const post of posts) {
      expect(post.id.startsWith(`${post.lang}-`)).toBe(true);
      expect(['BRAND', 'STAFF']).toContain(post.account);
      for (const label of post.labels) {
        expect(CATEGORIES).toContain(label.category);
        if (!post.text.includes(label.quote)) throw new Error(`${post.id}: “${label.quote}” is not in the text`);
      }
    }
  });

  it('covers every category in both languages, with clean posts and near misses, and holds out a third', () => {
    for (const lang of ['en', 'fr']) {
      const mine = posts.filter((p) => p.lang === lang);
      for (const category of CATEGORIES) expect([category, mine.some((p) => p.labels.some((l) => l.category === category))]).toEqual([category, true]);
      expect(mine.filter((p) => !p.labels.length).length).toBeGreaterThan(mine.length / 3);
    }
    const heldOut = posts.filter((p) => isHeldOut(p.id)).length;
    expect(heldOut / posts.length).toBeCloseTo(1 / 3, 1);
  });
});

describe('scoring', () => {
  const post = (id: string, categories: string[]): LabelledPost => ({
    id,
    lang: 'en',
    account: 'BRAND',
    client: null,
    text: 'x',
    labels: categories.map((category) => ({ category, quote: 'x' })),
  });

  it('counts precision and recall per category, and false alarms on clean posts', () => {
    const result = score(
      [
        { post: post('en-001', ['politics']), predicted: new Set(['politics']), anyFinding: true },
        { post: post('en-002', ['politics']), predicted: new Set(), anyFinding: false },
        { post: post('en-003', []), predicted: new Set(['politics']), anyFinding: true },
        { post: post('en-004', []), predicted: new Set(), anyFinding: false },
      ],
      ['politics', 'confidential'],
    );
    expect(result.categories[0]).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
    expect(result.categories[1]).toMatchObject({ precision: null, recall: null });
    expect(result.falseAlarmRate).toBe(0.5);
  });
});
