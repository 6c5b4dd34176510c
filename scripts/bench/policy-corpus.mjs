// Issue 14's measure: how well the built-in templates judge the labelled corpus
// (libs/policy-engine/corpus), on its held-out third. Precision and recall per policy category,
// and the share of clean posts that get any finding above MONITOR.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const engine = require('../../libs/policy-engine/dist/index.js');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(ROOT, 'libs', 'policy-engine', 'corpus');

/** Policy categories as the issue lists them: the corpus's labels and the template rules that stand for each. */
export const GROUPS = {
  politics: { labels: ['politics'], rules: ['politics', 'politics-staff'] },
  disparagement: { labels: ['disparage_employer', 'disparage_client', 'disparage_colleague', 'disparage_competitor'], rules: ['disparagement'] },
  confidential: { labels: ['confidential', 'other_client'], rules: ['confidential-words', 'confidential-clients'] },
  personal_data: { labels: ['personal_data', 'private_life'], rules: ['personal-data', 'colleagues'] },
  photo_consent: { labels: ['photo_consent'], rules: ['photo-consent'] },
  disclaimer: { labels: ['disclaimer_missing'], rules: ['staff-disclaimer'] },
  affiliation: { labels: ['undisclosed_affiliation', 'astroturfing'], rules: ['staff-affiliation', 'promotion-disclosure', 'fake-personas'] },
  posting_hours: { labels: ['posting_hours'], rules: ['hours'] },
};

export function loadCorpus() {
  const world = JSON.parse(readFileSync(join(CORPUS, 'world.json'), 'utf8'));
  const posts = readFileSync(join(CORPUS, 'posts.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return { world, posts };
}

/** `rules` with the organization's posting hours added, compiled in the corpus's world (names, clients, competitors). */
export function compileForCorpus(rules, world) {
  const hours = { id: 'hours', kind: 'schedule', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', windows: [world.postingHours], blackouts: [] };
  return engine.compile(
    { rules: [...rules, hours] },
    { colleagues: world.colleagues, clients: world.clients, organizationNames: [world.organization], competitors: world.competitors },
  );
}

/** One corpus post checked as the product would check it. */
export function evaluateCorpusPost(compiled, post, world) {
  return engine.evaluate(
    compiled,
    {
      text: post.text,
      network: 'LINKEDIN',
      accountKind: post.account,
      clientId: post.client,
      media: post.media,
      scheduledAt: post.scheduledAt ?? '2026-12-14T10:00:00Z',
      timezone: world.timezone,
    },
    { locale: post.lang },
  );
}

/** Both templates attached together, as the product merges them. */
export function bothTemplates() {
  const rulesOf = (locale) => engine.validatePolicy({ rules: engine.listTemplates().find((t) => t.locale === locale).rules }).policy.rules;
  return engine
    .mergePolicies(
      ['en', 'fr'].map((locale) => ({
        source: { policyId: locale, policyName: locale.toUpperCase(), version: 1, scope: 'ORGANIZATION' },
        rules: rulesOf(locale),
      })),
    )
    .map((sourced) => sourced.rule);
}

/** Scores one set of rules on `posts`: the organization's posting hours are added to every configuration. */
export function judge(rules, posts, world) {
  const compiled = compileForCorpus(rules, world);
  const ruleGroup = new Map(Object.entries(GROUPS).flatMap(([group, g]) => g.rules.map((rule) => [rule, group])));
  const judged = posts.map((post) => {
    const evaluation = evaluateCorpusPost(compiled, post, world);
    const above = evaluation.findings.filter((f) => f.action !== 'MONITOR');
    const groupsOf = (labels) => [
      ...new Set(
        labels.flatMap((l) =>
          Object.entries(GROUPS)
            .filter(([, g]) => g.labels.includes(l.category))
            .map(([k]) => k),
        ),
      ),
    ];
    return {
      post: { ...post, labels: groupsOf(post.labels).map((category) => ({ category, quote: '' })) },
      predicted: new Set(above.map((f) => ruleGroup.get(f.ruleId)).filter(Boolean)),
      anyFinding: above.length > 0,
    };
  });
  return engine.score(judged, Object.keys(GROUPS));
}

export function benchCorpus() {
  const { world, posts } = loadCorpus();
  const heldOut = posts.filter((p) => engine.isHeldOut(p.id));
  const templates = engine.listTemplates();
  const rulesOf = (locale) => engine.validatePolicy({ rules: templates.find((t) => t.locale === locale).rules }).policy.rules;
  return [
    { name: 'EN template', result: judge(rulesOf('en'), heldOut, world) },
    { name: 'FR template', result: judge(rulesOf('fr'), heldOut, world) },
    { name: 'Both templates', result: judge(bothTemplates(), heldOut, world) },
  ].map((c) => ({ ...c, heldOut: heldOut.length, total: posts.length }));
}
