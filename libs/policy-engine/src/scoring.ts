/**
 * How well a policy judges a labelled corpus: per category, precision and recall; over clean
 * posts, how many get any finding above MONITOR. Pure: the caller evaluates each post and says
 * which categories the findings stand for.
 */
export interface LabelledPost {
  id: string;
  lang: 'en' | 'fr';
  account: 'BRAND' | 'STAFF';
  client: string | null;
  text: string;
  labels: Array<{ category: string; quote: string }>;
  media?: Array<{ peopleTagged: number; consentRecorded: boolean }>;
  scheduledAt?: string;
}

export interface CategoryScore {
  category: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when nothing was predicted (or expected) in the category. */
  precision: number | null;
  recall: number | null;
}

export interface CorpusScore {
  posts: number;
  categories: CategoryScore[];
  clean: number;
  /** Clean posts with any finding above MONITOR, over all clean posts. */
  falseAlarmRate: number | null;
}

/** Every post whose number is a multiple of 3: the part no rule may be tuned on. */
export function isHeldOut(id: string): boolean {
  return Number(id.split('-')[1]) % 3 === 0;
}

export function score(posts: Array<{ post: LabelledPost; predicted: Set<string>; anyFinding: boolean }>, categories: readonly string[]): CorpusScore {
  const result = categories.map((category) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { post, predicted } of posts) {
      const expected = post.labels.some((l) => l.category === category);
      const found = predicted.has(category);
      if (expected && found) tp++;
      else if (found) fp++;
      else if (expected) fn++;
    }
    return {
      category,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp ? tp / (tp + fp) : null,
      recall: tp + fn ? tp / (tp + fn) : null,
    };
  });
  const clean = posts.filter((p) => !p.post.labels.length);
  return {
    posts: posts.length,
    categories: result,
    clean: clean.length,
    falseAlarmRate: clean.length ? clean.filter((p) => p.anyFinding).length / clean.length : null,
  };
}
