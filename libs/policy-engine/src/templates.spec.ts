import { compile, evaluate, listTemplates, mergePolicies, validatePolicy, type Rule } from './index';

describe('built-in templates', () => {
  it('are valid policies in English and French', () => {
    const templates = listTemplates({ companyNames: ['Acme'] });
    expect(templates.map((t) => t.locale).sort()).toEqual(['en', 'fr']);
    for (const template of templates) expect(validatePolicy({ rules: template.rules })).toMatchObject({ ok: true });
  });

  it('the French template blocks a political statement and asks staff for their disclaimer', () => {
    const fr = listTemplates({ companyNames: ['Acme'] }).find((t) => t.locale === 'fr')!;
    const compiled = compile({ rules: fr.rules });
    const brand = evaluate(compiled, { text: 'Votez pour le bon candidat aux élections !', network: 'LINKEDIN', accountKind: 'BRAND' }, { locale: 'fr' });
    expect(brand.blocked).toBe(true);
    const staff = evaluate(compiled, { text: 'Super journée chez Acme.', network: 'LINKEDIN', accountKind: 'STAFF' }, { locale: 'fr' });
    expect(staff.findings.map((f) => f.ruleId)).toEqual(['staff-disclaimer', 'staff-affiliation']);
    const disclosed = evaluate(compiled, {
      text: 'Super journée chez Acme, où je travaille chez les meilleurs. Avis personnels.',
      network: 'LINKEDIN',
      accountKind: 'STAFF',
    });
    expect(disclosed.findings).toEqual([]);
  });
});

describe('mergePolicies', () => {
  const rule = (id: string, action: Rule['action'], mode: Rule['mode'] = 'ENFORCE'): Rule => ({
    id,
    kind: 'media_consent',
    action,
    mode,
    approverRole: action === 'REQUIRE_APPROVAL' ? 'COMPLIANCE' : undefined,
  });
  const source = (scope: 'ORGANIZATION' | 'CLIENT' | 'ACCOUNT', name: string) => ({ policyId: name, policyName: name, version: 1, scope });

  it('keeps every rule, and for a shared id the strictest action, saying where it came from', () => {
    const merged = mergePolicies([
      { source: source('ACCOUNT', 'account'), rules: [rule('consent', 'WARN'), rule('only-account', 'WARN')] },
      { source: source('ORGANIZATION', 'org'), rules: [rule('consent', 'BLOCK')] },
      { source: source('CLIENT', 'client'), rules: [rule('consent', 'REQUIRE_APPROVAL')] },
    ]);
    expect(merged.map((r) => [r.rule.id, r.rule.action, r.source.policyName, r.overrides.map((o) => o.policyName).sort()])).toEqual([
      ['consent', 'BLOCK', 'org', ['account', 'client']],
      ['only-account', 'WARN', 'account', []],
    ]);
  });

  it('prefers an enforced rule to a monitored one of the same action, and the most specific scope on a tie', () => {
    const merged = mergePolicies([
      { source: source('ORGANIZATION', 'org'), rules: [rule('a', 'BLOCK', 'MONITOR'), rule('b', 'WARN')] },
      { source: source('ACCOUNT', 'account'), rules: [rule('a', 'BLOCK'), rule('b', 'WARN')] },
    ]);
    expect(merged.map((r) => [r.rule.id, r.rule.mode, r.source.policyName])).toEqual([
      ['a', 'ENFORCE', 'account'],
      ['b', 'ENFORCE', 'account'],
    ]);
  });
});
