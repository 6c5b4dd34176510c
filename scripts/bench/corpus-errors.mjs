// For tuning the templates: the posts of the corpus's TUNING part (never the held-out third) that
// both templates get wrong, per category — missed (FN) and wrongly flagged (FP), with the findings.
// node scripts/bench/corpus-errors.mjs [category]   (needs `npx nx run policy-engine:build`)
import { createRequire } from 'node:module';
import { bothTemplates, compileForCorpus, evaluateCorpusPost, GROUPS, loadCorpus } from './policy-corpus.mjs';

const require = createRequire(import.meta.url);
const engine = require('../../libs/policy-engine/dist/index.js');
const only = process.argv[2];
const { world, posts } = loadCorpus();
const tuning = posts.filter((p) => !engine.isHeldOut(p.id));
const compiled = compileForCorpus(bothTemplates(), world);
const groupOfRule = new Map(Object.entries(GROUPS).flatMap(([g, { rules: ids }]) => ids.map((id) => [id, g])));
for (const post of tuning) {
  const findings = evaluateCorpusPost(compiled, { ...post, lang: 'en' }, world).findings.filter((f) => f.action !== 'MONITOR');
  const expected = new Set(
    post.labels.flatMap((l) =>
      Object.entries(GROUPS)
        .filter(([, g]) => g.labels.includes(l.category))
        .map(([k]) => k),
    ),
  );
  const predicted = new Set(findings.map((f) => groupOfRule.get(f.ruleId)).filter(Boolean));
  for (const group of new Set([...expected, ...predicted])) {
    if (only && group !== only) continue;
    if (expected.has(group) === predicted.has(group)) continue;
    const kind = expected.has(group) ? 'FN' : 'FP';
    const why = findings.filter((f) => groupOfRule.get(f.ruleId) === group).map((f) => `${f.ruleId}: ${f.reason ?? f.message}`);
    console.log(`${kind} ${group.padEnd(14)} ${post.id} [${post.account}${post.client ? ` ${post.client}` : ''}] ${post.text}`);
    for (const line of why) console.log(`      ${line}`);
    if (kind === 'FN') console.log(`      labels: ${post.labels.map((l) => `${l.category} “${l.quote}”`).join('; ')}`);
  }
}
