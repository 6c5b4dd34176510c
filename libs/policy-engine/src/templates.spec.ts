import { compile, evaluate, listTemplates, mergePolicies, validatePolicy, type Rule } from './index';

describe('built-in templates', () => {
  it('are valid policies in English and French', () => {
    const templates = listTemplates();
    expect(templates.map((t) => t.locale).sort()).toEqual(['en', 'fr']);
    for (const template of templates) expect(validatePolicy({ rules: template.rules })).toMatchObject({ ok: true });
  });

  it('the French template blocks a political statement and asks staff for their disclaimer', () => {
    const fr = listTemplates().find((t) => t.locale === 'fr')!;
    const compiled = compile({ rules: fr.rules }, { organizationNames: ['Acme'], clients: [{ id: 'dupont', name: 'Boulangerie Dupont', terms: [] }] });
    const brand = evaluate(compiled, { text: 'Votez pour le bon candidat aux élections !', network: 'LINKEDIN', accountKind: 'BRAND' }, { locale: 'fr' });
    expect(brand.blocked).toBe(true);
    const staff = evaluate(compiled, { text: 'Super journée chez Acme.', network: 'LINKEDIN', accountKind: 'STAFF' }, { locale: 'fr' });
    expect(staff.findings.map((f) => f.ruleId)).toEqual(['staff-disclaimer']);
    // A client named in praise on a staff handle is an endorsement: it must say who speaks.
    const praise = evaluate(compiled, { text: 'La Boulangerie Dupont, la meilleure de Lyon !', network: 'LINKEDIN', accountKind: 'STAFF' }, { locale: 'fr' });
    expect(praise.findings.map((f) => [f.ruleId, f.reason])).toEqual([
      ['staff-affiliation', expect.stringContaining('Le post nomme “Boulangerie Dupont” sans porter aucune de ces mentions')],
    ]);
    const named = evaluate(compiled, { text: 'Atelier avec la Boulangerie Dupont ce matin.', network: 'LINKEDIN', accountKind: 'STAFF' }, { locale: 'fr' });
    expect(named.findings).toEqual([]);
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

  it('says what each override did and why the winner won over it', () => {
    const merged = mergePolicies([
      { source: source('ORGANIZATION', 'b-org'), rules: [rule('x', 'WARN'), rule('y', 'WARN')] },
      { source: source('ORGANIZATION', 'a-org'), rules: [rule('y', 'WARN')] },
      { source: source('CLIENT', 'client'), rules: [rule('x', 'WARN', 'MONITOR'), rule('y', 'WARN')] },
      { source: source('ACCOUNT', 'account'), rules: [rule('x', 'BLOCK')] },
    ]);
    const why = (id: string) => merged.find((r) => r.rule.id === id)!.overridden.map((o) => [o.source.policyName, o.action, o.mode, o.because]);
    expect(why('x')).toEqual(
      expect.arrayContaining([
        ['b-org', 'WARN', 'ENFORCE', 'STRICTER'],
        ['client', 'WARN', 'MONITOR', 'STRICTER'],
      ]),
    );
    expect(merged.find((r) => r.rule.id === 'y')!.source.policyName).toBe('client');
    expect(why('y')).toEqual(
      expect.arrayContaining([
        ['a-org', 'WARN', 'ENFORCE', 'MORE_SPECIFIC'],
        ['b-org', 'WARN', 'ENFORCE', 'MORE_SPECIFIC'],
      ]),
    );
    const tie = mergePolicies([
      { source: source('ORGANIZATION', 'beta'), rules: [rule('z', 'WARN')] },
      { source: source('ORGANIZATION', 'alpha'), rules: [rule('z', 'WARN')] },
    ]);
    expect(tie[0].source.policyName).toBe('alpha');
    expect(tie[0].overridden.map((o) => [o.source.policyName, o.because])).toEqual([['beta', 'FIRST_BY_NAME']]);
  });

  it('combines language packs of one template: both languages’ words apply, either disclaimer satisfies, whatever the order', () => {
    const [en, fr] = ['en', 'fr'].map((locale) => validatePolicy({ rules: listTemplates().find((t) => t.locale === locale)!.rules }));
    if (!en.ok || !fr.ok) throw new Error('templates are valid');
    const one = mergePolicies([
      { source: { ...source('ORGANIZATION', 'SME EN'), policyId: 'z-random' }, rules: en.policy.rules },
      { source: { ...source('ORGANIZATION', 'SME FR'), policyId: 'a-random' }, rules: fr.policy.rules },
    ]);
    const other = mergePolicies([
      { source: { ...source('ORGANIZATION', 'SME FR'), policyId: 'b-random' }, rules: fr.policy.rules },
      { source: { ...source('ORGANIZATION', 'SME EN'), policyId: 'y-random' }, rules: en.policy.rules },
    ]);
    expect(one.map((r) => r.rule)).toEqual(other.map((r) => r.rule));
    const politics = one.find((r) => r.rule.id === 'politics')!;
    expect(politics.combined.map((s) => s.policyName)).toEqual(['SME FR']);
    const compiled = compile({ rules: one.map((r) => r.rule) }, { organizationNames: ['Acme'] });
    const post = (text: string, accountKind: 'BRAND' | 'STAFF' = 'BRAND') => evaluate(compiled, { text, network: 'X', accountKind });
    expect(post('Vote for the referendum').findings.map((f) => f.ruleId)).toContain('politics');
    expect(post('Votez au référendum').findings.map((f) => f.ruleId)).toContain('politics');
    // Each pack's words keep their language: the English "labour party" does not count in French text.
    expect(politics.rule.kind === 'lexicon' && politics.rule.terms).toEqual(expect.arrayContaining(['[en] labour party', '[fr] élection*']));
    expect(post('The Labour party is wrong about this and we will say it.').findings.map((f) => f.ruleId)).toContain('politics');
    expect(post('Le labour party de la ferme : on laboure les champs avec les enfants.').findings.map((f) => f.ruleId)).not.toContain('politics');
    expect(post('Acme has a new logo, and it is ours.', 'STAFF').findings.map((f) => f.ruleId)).toContain('staff-disclaimer');
    // A staff post about Acme with the French disclaimer satisfies the merged disclaimer rule.
    expect(post('Acme a un nouveau logo. Avis personnels. Je travaille chez Acme.', 'STAFF').findings.map((f) => f.ruleId)).not.toContain('staff-disclaimer');
    expect(post('Acme has a new logo. Views are my own. I work at Acme.', 'STAFF').findings.map((f) => f.ruleId)).not.toContain('staff-disclaimer');
  });

  it('gives one span once when terms fold to the same words', () => {
    const compiled = compile({ rules: [{ id: 'x', kind: 'lexicon', action: 'WARN', terms: ['élection', 'election', 'ELECTION'] }] });
    expect(evaluate(compiled, { text: 'Une élection', network: 'X', accountKind: 'BRAND' }).findings[0].spans).toEqual([{ start: 4, end: 12 }]);
  });
});

describe('people in posts', () => {
  it('a company’s free-phone number is its public line, not personal data (unless the rule says otherwise)', () => {
    const rule = (allowTollFree?: boolean) =>
      compile({
        rules: [{ id: 'pd', kind: 'personal_data', action: 'BLOCK', defaultCountry: 'FR', ...(allowTollFree === undefined ? {} : { allowTollFree }) }],
      });
    const post = { text: 'Appelez le 0 800 123 456 ou Julie au 06 12 34 56 78.', network: 'X' as const, accountKind: 'BRAND' as const };
    const spans = (compiled: ReturnType<typeof rule>) => evaluate(compiled, post).findings.flatMap((f) => f.spans.map((s) => post.text.slice(s.start, s.end)));
    expect(spans(rule())).toEqual(['06 12 34 56 78']);
    expect(spans(rule(false))).toEqual(['0 800 123 456', '06 12 34 56 78']);
  });

  it('with `near`, a colleague’s name counts only beside words of private life: a welcome is fine, their health is not', () => {
    const compiled = compile(
      { rules: [{ id: 'c', kind: 'colleague_names', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', near: ['arrêt maladie', 'enceinte'], within: 6 }] },
      { colleagues: ['Karim Haddad', 'Sophie Bernard'] },
    );
    const judge = (text: string) => evaluate(compiled, { text, network: 'X', accountKind: 'STAFF' }).findings;
    expect(judge('Bienvenue à Karim Haddad dans l’équipe design !')).toEqual([]);
    const found = judge('Karim est en arrêt maladie depuis octobre.');
    expect(found).toHaveLength(1);
    expect(found[0].spans.map((s) => 'Karim est en arrêt maladie depuis octobre.'.slice(s.start, s.end))).toEqual(['Karim', 'arrêt maladie']);
    expect(judge('Sophie Bernard est enceinte !')).toHaveLength(1);
    expect(judge('Sophie Bernard a gagné le tournoi. Une collègue en arrêt maladie a envoyé un mot, loin de tout ça, merci à elle.')).toEqual([]);
  });
});

describe('names resolved when the policy is checked', () => {
  it('{organization}, {client}, {colleague} and {competitor} stand for the context’s names — a renamed organization follows, nothing is copied', () => {
    const rules = [
      {
        id: 'd',
        kind: 'lexicon' as const,
        action: 'WARN' as const,
        terms: ['mess NEAR/6 {organization}', 'joke NEAR/6 {colleague}', 'worse NEAR/6 {competitor}'],
      },
    ];
    const judge = (text: string, organizationNames: string[]) =>
      evaluate(compile({ rules }, { organizationNames, colleagues: ['Julien Roux'], competitors: ['Agence Néon'] }), {
        text,
        network: 'X',
        accountKind: 'STAFF',
      }).findings.length;
    expect(judge('What a mess at Acme this week', ['Acme'])).toBe(1);
    expect(judge('What a mess at Acme this week', ['Globex'])).toBe(0); // renamed: the old name no longer counts
    expect(judge('Julien is a joke', ['Acme'])).toBe(1); // a colleague by first name too
    expect(judge('Agence Néon did worse again', ['Acme'])).toBe(1);
    expect(judge('A mess, a joke, worse', [])).toBe(0);
  });
});
