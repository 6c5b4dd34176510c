import { compile, evaluate, PolicyError, validatePolicy, type Post, type RuleInput } from './index';

const post = (text: string, extra: Partial<Post> = {}): Post => ({ text, network: 'LINKEDIN', accountKind: 'BRAND', ...extra });
const run = (rules: RuleInput[], p: Post, context = {}) => evaluate(compile({ rules }, context), p);
const highlighted = (text: string, spans: Array<{ start: number; end: number }>) => spans.map((s) => text.slice(s.start, s.end));

describe('lexicon', () => {
  const politics: RuleInput = { id: 'politics', kind: 'lexicon', action: 'BLOCK', terms: ['élection', 'vote pour', 'confiden*', '*gate'] };

  it('matches case- and accent-insensitively, and points at the original characters', () => {
    for (const text of ['Avant l’Élection, rien.', 'Avant l’election, rien.', 'AVANT L’ÉLECTION, RIEN.', 'Avant l’E\u0301lection, rien.']) {
      const result = run([politics], post(text));
      expect(result.blocked).toBe(true);
      expect(result.findings).toHaveLength(1);
      const [span] = highlighted(text, result.findings[0].spans);
      expect(span.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toBe('election');
      expect(span.length).toBe(text.includes('\u0301') ? 9 : 8); // the combining accent stays with its letter
    }
  });

  it('needs whole words, except on the side of a wildcard', () => {
    expect(run([politics], post('Les électionnaires')).findings).toEqual([]);
    const wild = run([politics], post('Ce document est CONFIDENTIEL et le Watergate aussi.'));
    expect(wild.findings.map((f) => highlighted('Ce document est CONFIDENTIEL et le Watergate aussi.', f.spans))).toEqual([['CONFIDENTIEL'], ['Watergate']]);
    expect(run([politics], post('unconfidential')).findings).toEqual([]);
  });

  it('matches phrases across any white space', () => {
    const result = run([politics], post('Je vote\n   pour lui'));
    expect(highlighted('Je vote\n   pour lui', result.findings[0].spans)).toEqual(['vote\n   pour']);
  });

  it('does not count a term inside an exception phrase', () => {
    const rule: RuleInput = { id: 'opinion', kind: 'lexicon', action: 'WARN', terms: ['my own'], exceptions: ['views are my own'] };
    expect(run([rule], post('These views are my own.')).findings).toEqual([]);
    expect(run([rule], post('This is my own idea.')).findings).toHaveLength(1);
  });

  it('finds A NEAR/n B within n words, in either order', () => {
    const rule: RuleInput = { id: 'near', kind: 'lexicon', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', terms: ['client NEAR/3 retard*'] };
    const close = run([rule], post('Le client subit un retard important.'));
    expect(close.requiredApprovals).toEqual(['COMPLIANCE']);
    expect(highlighted('Le client subit un retard important.', close.findings[0].spans)).toEqual(['client', 'retard']);
    expect(run([rule], post('Retard du client.')).findings).toHaveLength(1);
    expect(run([rule], post('Le client est content, mais le train a eu du retard.')).findings).toEqual([]);
  });

  it('refuses malformed terms at save time, naming the term', () => {
    const result = validatePolicy({ rules: [{ id: 'x', kind: 'lexicon', action: 'WARN', terms: ['co*fidential', 'ab*'] }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path.join('.'))).toEqual(['rules.0.terms.0', 'rules.0.terms.1']);
  });
});

describe('safe regular expressions', () => {
  it('runs patterns in linear time and reports the matches', () => {
    const rule: RuleInput = { id: 'ref', kind: 'regex', action: 'WARN', pattern: 'REF-[0-9]{4}' };
    const text = 'Voir réf-1234 et REF-9876.';
    expect(highlighted(text, run([rule], post(text)).findings[0].spans)).toEqual(['REF-9876']); // é is not e for a pattern
  });

  it('finishes instantly on input that makes backtracking engines explode', () => {
    const rule: RuleInput = { id: 'evil', kind: 'regex', action: 'WARN', pattern: '(a+)+$' };
    const started = Date.now();
    const result = run([rule], post(`${'a'.repeat(5000)}!`));
    expect(result.findings).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(2000); // a backtracking engine would not finish at all
  });

  it('refuses backreferences, lookarounds and patterns that match nothing', () => {
    for (const pattern of ['(a)\\1', '(?=secret)', 'x*']) {
      const result = validatePolicy({ rules: [{ id: 'r', kind: 'regex', action: 'WARN', pattern }] });
      expect(result.ok).toBe(false);
    }
    expect(() => compile({ rules: [{ id: 'r', kind: 'regex', action: 'WARN', pattern: '(?<=x)y' }] })).toThrow(PolicyError);
  });
});

describe('personal data', () => {
  const rule: RuleInput = { id: 'pii', kind: 'personal_data', action: 'BLOCK', allowEmails: ['contact@acme.fr'] };
  const spansOf = (text: string) => run([rule], post(text)).findings.map((f) => [f.message, highlighted(text, f.spans)]);

  it('finds email addresses, except the allowed public ones', () => {
    expect(spansOf('Écrivez à jean.dupont@acme.fr ou contact@acme.fr.')).toEqual([[expect.stringMatching(/email/), ['jean.dupont@acme.fr']]]);
  });

  it('finds valid phone numbers, French and international', () => {
    expect(spansOf('Appelez le 06 12 34 56 78 !')[0][1]).toEqual(['06 12 34 56 78']);
    expect(spansOf('Call +44 20 7946 0958 now')[0][1]).toEqual(['+44 20 7946 0958']);
    expect(spansOf('Commande n° 12345 livrée')).toEqual([]);
  });

  it('finds IBANs only when their check digits are right', () => {
    expect(spansOf('IBAN FR76 3000 6000 0112 3456 7890 189 merci')[0][1]).toEqual(['FR76 3000 6000 0112 3456 7890 189']);
    expect(spansOf('IBAN FR77 3000 6000 0112 3456 7890 189 merci')).toEqual([]);
  });

  it('finds card numbers only when they pass the Luhn check', () => {
    expect(spansOf('Carte 4111 1111 1111 1111 ok')[0][1]).toEqual(['4111 1111 1111 1111']);
    expect(spansOf('Carte 4111 1111 1111 1112 ok')).toEqual([]);
  });
});

describe('colleagues and client confidentiality', () => {
  const context = {
    colleagues: ['Léa Bernard', 'Hugo Petit'],
    clients: [
      { id: 'acme', name: 'Acme', terms: ['Projet Hermine', 'Falcon'] },
      { id: 'globex', name: 'Globex', terms: ['Scorpio'] },
    ],
  };
  const rules: RuleInput[] = [
    { id: 'colleagues', kind: 'colleague_names', action: 'WARN' },
    { id: 'confidential', kind: 'client_confidentiality', action: 'BLOCK' },
  ];

  it('warns about colleagues’ names', () => {
    const result = run(rules, post('Bravo à lea bernard !'), context);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['colleagues']);
    expect(result.blocked).toBe(false);
  });

  it('blocks another client’s confidential term, not the client’s own', () => {
    const forAcme = run(rules, post('Le projet hermine avance, Scorpio aussi.', { clientId: 'acme' }), context);
    expect(forAcme.findings.map((f) => f.message)).toEqual(['“Scorpio” is confidential to another client (Globex).']);
    expect(forAcme.blocked).toBe(true);
    const forOwnAccount = run(rules, post('Falcon !', { clientId: null }), context);
    expect(forOwnAccount.blocked).toBe(true);
  });
});

describe('disclaimers', () => {
  const rule: RuleInput = {
    id: 'disclaimer',
    kind: 'disclaimer',
    action: 'BLOCK',
    phrases: ['views are my own', 'avis personnels'],
    whenMentioning: ['Acme'],
    appliesTo: { accountKinds: ['STAFF'] },
  };

  it('requires the disclaimer on staff posts that mention the company', () => {
    const missing = run([rule], post('Fier de travailler chez Acme !', { accountKind: 'STAFF' }));
    expect(missing.blocked).toBe(true);
    expect(missing.findings[0].messages.fr).toBe('Ajoutez la mention : “views are my own” ou “avis personnels”.');
    expect(run([rule], post('Fier de travailler chez Acme ! Avis personnels.', { accountKind: 'STAFF' })).findings).toEqual([]);
    expect(run([rule], post('Beau temps aujourd’hui.', { accountKind: 'STAFF' })).findings).toEqual([]);
    expect(run([rule], post('Fier de travailler chez Acme !', { accountKind: 'BRAND' })).findings).toEqual([]);
  });
});

describe('links', () => {
  it('applies deny and allow lists, subdomains included', () => {
    const deny: RuleInput = { id: 'deny', kind: 'link_domains', action: 'BLOCK', deny: ['bad.example'] };
    const text = 'Lire https://news.bad.example/x et https://ok.example';
    const result = run([deny], post(text));
    expect(highlighted(text, result.findings[0].spans)).toEqual(['https://news.bad.example/x']);
    const allow: RuleInput = { id: 'allow', kind: 'link_domains', action: 'WARN', allow: ['acme.fr'] };
    expect(run([allow], post('Voir www.acme.fr/offre')).findings).toEqual([]);
    expect(run([allow], post('Voir', { links: ['https://elsewhere.com'] })).findings[0].message).toMatch(/elsewhere.com/);
  });
});

describe('length limits', () => {
  const rule: RuleInput = { id: 'length', kind: 'length', action: 'BLOCK' };

  it('counts links as 23 on X and highlights what does not fit', () => {
    const text = `${'a'.repeat(250)} https://example.com/${'x'.repeat(100)}`;
    expect(run([rule], post(text, { network: 'X' })).findings).toEqual([]); // 250 + 1 + 23 = 274
    const long = 'b'.repeat(281);
    const result = run([rule], post(long, { network: 'X' }));
    expect(result.findings[0].spans).toEqual([{ start: 280, end: 281 }]);
    expect(result.findings[0].message).toBe('Too long for X: 281 of 280 characters.');
  });

  it('counts an emoji as 2 on X and one grapheme on Bluesky', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(run([rule], post(family.repeat(140), { network: 'X' })).findings).toEqual([]);
    expect(run([rule], post(family.repeat(141), { network: 'X' })).findings).toHaveLength(1);
    expect(run([rule], post(family.repeat(300), { network: 'BLUESKY' })).findings).toEqual([]);
    const over = run([rule], post(family.repeat(301), { network: 'BLUESKY' }));
    expect(over.findings[0].spans[0].start).toBe(family.length * 300); // never inside the emoji
  });

  it('uses each network’s limit', () => {
    expect(run([rule], post('a'.repeat(500), { network: 'MASTODON' })).findings).toEqual([]);
    expect(run([rule], post('a'.repeat(501), { network: 'MASTODON' })).findings).toHaveLength(1);
    expect(run([rule], post('a'.repeat(3000), { network: 'LINKEDIN' })).findings).toEqual([]);
    expect(run([rule], post('a'.repeat(3001), { network: 'LINKEDIN' })).findings).toHaveLength(1);
  });
});

describe('posting windows and blackouts, in the account’s time zone', () => {
  const rule: RuleInput = {
    id: 'hours',
    kind: 'schedule',
    action: 'REQUIRE_APPROVAL',
    approverRole: 'ADMIN',
    windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
    blackouts: [{ from: '2027-03-28T00:00', to: '2027-03-29T00:00', label: 'Jour de deuil' }],
  };
  const at = (iso: string) => run([rule], post('x', { scheduledAt: iso, timezone: 'Europe/Paris' }));

  it('allows weekday office hours in Paris, summer and winter time alike', () => {
    expect(at('2027-01-12T08:30:00Z').findings).toEqual([]); // 09:30 CET
    expect(at('2027-07-13T07:30:00Z').findings).toEqual([]); // 09:30 CEST
    expect(at('2027-07-13T06:30:00Z').findings).toHaveLength(1); // 08:30 CEST
    expect(at('2027-01-16T10:00:00Z').findings[0].message).toMatch(/2027-01-16 11:00 \(Europe\/Paris\)/); // Saturday
  });

  it('handles the night the clocks change', () => {
    // 2027-03-28 is the switch to summer time in Paris: the whole local day is a blackout.
    expect(at('2027-03-27T22:59:00Z').findings[0].message).toMatch(/outside/); // Saturday 23:59 CET
    expect(at('2027-03-27T23:00:00Z').findings[0].message).toMatch(/blackout.*Jour de deuil/); // Sunday 00:00 CET
    expect(at('2027-03-28T21:59:00Z').findings[0].message).toMatch(/blackout/); // Sunday 23:59 CEST
    expect(at('2027-03-29T07:00:00Z').findings).toEqual([]); // Monday 09:00 CEST
  });
});

describe('media, hashtags and mentions', () => {
  it('flags images of people without recorded consent', () => {
    const rule: RuleInput = { id: 'consent', kind: 'media_consent', action: 'BLOCK' };
    const result = run(
      [rule],
      post('x', {
        media: [
          { peopleTagged: 0, consentRecorded: false },
          { peopleTagged: 2, consentRecorded: false },
          { peopleTagged: true, consentRecorded: true },
        ],
      }),
    );
    expect(result.findings.map((f) => f.message)).toEqual(['Image 2 shows people whose consent is not recorded.']);
  });

  it('limits hashtags and mentions, highlighting the extra ones', () => {
    const rule: RuleInput = { id: 'counts', kind: 'counts', action: 'WARN', maxHashtags: 2, maxMentions: 1 };
    const text = '#un #deux #trois avec @alice et @bob@mastodon.social, mail a@b.fr';
    const result = run([rule], post(text));
    expect(result.findings.map((f) => highlighted(text, f.spans))).toEqual([['#trois'], ['@bob@mastodon.social']]);
  });
});

describe('actions', () => {
  it('records MONITOR findings without enforcing them', () => {
    const rule: RuleInput = { id: 'trial', kind: 'lexicon', action: 'BLOCK', mode: 'MONITOR', terms: ['promo'] };
    const result = run([rule], post('Grosse promo'));
    expect(result.findings[0]).toMatchObject({ action: 'MONITOR', intendedAction: 'BLOCK' });
    expect(result.blocked).toBe(false);
  });

  it('uses a rule’s own message in the requested language', () => {
    const rule: RuleInput = { id: 'r', kind: 'lexicon', action: 'WARN', terms: ['x'], message: { en: 'No x.', fr: 'Pas de x.' } };
    const compiled = compile({ rules: [rule] });
    expect(evaluate(compiled, post('x'), { locale: 'fr' }).findings[0].message).toBe('Pas de x.');
  });

  it('requires approverRole for REQUIRE_APPROVAL and unique rule ids', () => {
    const result = validatePolicy({
      rules: [
        { id: 'a', kind: 'media_consent', action: 'REQUIRE_APPROVAL' },
        { id: 'a', kind: 'media_consent', action: 'WARN' },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['Name the role whose approval is required.', 'Two rules have the id “a”.']));
  });
});

describe('why a finding fired', () => {
  const context = {
    colleagues: ['Camille Martin'],
    clients: [
      { id: 'acme', name: 'Acme', terms: ['Projet Hermine'] },
      { id: 'globex', name: 'Globex', terms: [] },
    ],
    organizationNames: ['Lumière'],
  };
  const reasons = (rules: RuleInput[], p: Post, locale: 'en' | 'fr' = 'en') =>
    evaluate(compile({ rules }, context), p, { locale }).findings.map((f) => [f.ruleId, f.label, f.reason]);

  it('names the term, the words found and what made them count, in both languages', () => {
    const rules: RuleInput[] = [
      { id: 'insult', label: 'Put-downs', kind: 'lexicon', action: 'WARN', terms: ['nul* NEAR/4 {organization}', 'boycott'] },
      { id: 'private', kind: 'colleague_names', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', near: ['hôpital'], within: 6 },
      { id: 'secret', kind: 'client_confidentiality', action: 'BLOCK' },
    ];
    const text = 'Chez LUMIÈRE ils sont nuls. Camille est à l’hôpital. Boycott ! Projet Hermine.';
    expect(reasons(rules, post(text, { clientId: 'globex' }))).toEqual([
      ['insult', 'Put-downs', 'Matched the rule’s term “boycott”.'],
      ['insult', 'Put-downs', '“nuls” stands within 4 words of “LUMIÈRE”.'],
      ['private', null, '“Camille”, a colleague, stands within 6 words of “hôpital”.'],
      ['secret', null, '“Projet Hermine” is on Acme’s list of confidential terms, and this post is for Globex.'],
    ]);
    expect(reasons(rules, post(text, { clientId: 'globex' }), 'fr')[3][2]).toBe(
      '“Projet Hermine” figure dans les termes confidentiels de Acme, et ce post est pour Globex.',
    );
  });

  it('says which mention asked for a disclaimer, and which posting hours a time is outside', () => {
    const rules: RuleInput[] = [
      {
        id: 'disclose',
        kind: 'disclaimer',
        action: 'REQUIRE_APPROVAL',
        approverRole: 'COMPLIANCE',
        phrases: ['views are my own'],
        whenMentioning: ['{client}'],
      },
      { id: 'hours', kind: 'schedule', action: 'WARN', windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }] },
    ];
    const sunday = post('Try the new acme app!', { scheduledAt: '2027-01-03T10:00:00Z', timezone: 'Europe/Paris' });
    expect(reasons(rules, sunday)).toEqual([
      ['disclose', null, 'The post names “acme” and carries none of: “views are my own”.'],
      ['hours', null, 'The account’s posting hours are Mon, Tue, Wed, Thu, Fri 09:00–18:00.'],
    ]);
  });
});

describe('one finding per span', () => {
  it('gives terms that fold alike one finding on the words they both find', () => {
    const rule: RuleInput = { id: 'politics', kind: 'lexicon', action: 'BLOCK', terms: ['élection*', 'election*', 'vote'] };
    const result = run([rule], post('After the election, vote. Élections !'));
    expect(result.findings.map((f) => [f.message, highlighted('After the election, vote. Élections !', f.spans)])).toEqual([
      ['“élection*” is not allowed by the policy.', ['election', 'Élections']],
      ['“vote” is not allowed by the policy.', ['vote']],
    ]);
  });
});

describe('language-aware word lists', () => {
  const en: RuleInput = { id: 'politics', kind: 'lexicon', action: 'BLOCK', languages: ['en'], terms: ['labour'] };
  const fr: RuleInput = { id: 'fr', kind: 'lexicon', action: 'BLOCK', terms: ['[fr] élection*', 'grève'] };

  it('reads a rule written for English against English posts only, and posts whose language is unclear', () => {
    expect(run([en], post('Vote Labour: the party that cares about our town.')).findings).toHaveLength(1);
    expect(run([en], post('Le labour des champs commence avec les premières pluies de la saison.')).findings).toEqual([]);
    expect(run([en], post('Labour!')).findings).toHaveLength(1); // too short to tell: the word applies
    expect(run([en], post('Le labour des champs commence.')).language).toBe('fr');
  });

  it('applies a term tagged [fr] to French posts only, the others to every post', () => {
    expect(run([fr], post('Avant l’élection, nous restons ouverts pour vous.')).findings).toHaveLength(1);
    expect(run([fr], post('The election of the year is here and we are ready for it.')).findings).toEqual([]);
    expect(run([fr], post('The grève is on and we are closed for the day.')).findings).toHaveLength(1);
  });

  it('refuses a tag for a language it does not know', () => {
    expect(validatePolicy({ rules: [{ id: 'x', kind: 'lexicon', action: 'WARN', terms: ['[de] Wahl'] }] }).ok).toBe(true); // an ordinary term then
    expect(validatePolicy({ rules: [{ id: 'x', kind: 'lexicon', action: 'WARN', terms: ['a'], languages: ['de'] }] }).ok).toBe(false);
  });
});

describe('disclaimers asked for by what the post says', () => {
  const rule: RuleInput = {
    id: 'affiliation',
    kind: 'disclaimer',
    action: 'REQUIRE_APPROVAL',
    approverRole: 'COMPLIANCE',
    phrases: ['our client'],
    whenMentioning: ['{client}'],
    andMentioning: ['best', 'go try'],
  };
  const context = { clients: [{ id: 'dupont', name: 'Boulangerie Dupont', terms: [] }] };

  it('asks only when the client is named and praised, pointing at both', () => {
    const text = 'Best bread in town: Boulangerie Dupont, go try it!';
    const praised = run([rule], post(text, { accountKind: 'STAFF' }), context);
    expect(praised.findings.map((f) => highlighted(text, f.spans))).toEqual([['Best', 'Boulangerie Dupont', 'go try']]);
    expect(run([rule], post('Workshop with Boulangerie Dupont today.', { accountKind: 'STAFF' }), context).findings).toEqual([]);
    expect(run([rule], post('Our client Boulangerie Dupont has the best bread.', { accountKind: 'STAFF' }), context).findings).toEqual([]);
  });

  it('reads a client’s listed offers through {client_term}, as it reads its name through {client}', () => {
    const offers = { ...rule, whenMentioning: ['{client_term}'] };
    const withOffer = { clients: [{ id: 'dupont', name: 'Boulangerie Dupont', terms: ['Projet Levain'] }] };
    const text = 'Projet Levain is the best bread of the year, go try it.';
    expect(run([offers], post(text, { accountKind: 'STAFF' }), withOffer).findings.map((f) => highlighted(text, f.spans))).toEqual([
      ['Projet Levain', 'best', 'go try'],
    ]);
    expect(run([offers], post(text, { accountKind: 'STAFF' }), context).findings).toEqual([]); // no listed offer: nothing to name
  });

  it('names a few of a long list of phrases, and how many more would do', () => {
    const many = { ...rule, phrases: ['our client', 'i work at', 'i work for', 'disclosure', 'notre client', 'je travaille chez'] };
    const [finding] = run([many], post('Best bread in town: Boulangerie Dupont.', { accountKind: 'STAFF' }), context).findings;
    expect(finding.messages).toEqual({
      en: 'Add the disclaimer: “our client”, “i work at”, “i work for” or 3 more.',
      fr: 'Ajoutez la mention : “our client”, “i work at”, “i work for” ou 3 autres.',
    });
    expect(finding.reasons?.en).toBe('The post names “Boulangerie Dupont” and carries none of: “our client”, “i work at”, “i work for” and 3 more.');
  });
});

describe('personal data: public lines and reserved ranges', () => {
  const rule: RuleInput = { id: 'pii', kind: 'personal_data', action: 'BLOCK', defaultCountry: 'GB', alsoCountries: ['FR'] };

  it('allows role mailboxes, not people’s addresses', () => {
    expect(run([rule], post('Write to contact@dupont.fr or Bonjour@dupont.fr')).findings).toEqual([]);
    expect(run([rule], post('Write to julien.roux@gmail.com')).findings).toHaveLength(1);
    expect(run([{ ...rule, allowRoleAddresses: false }], post('Write to contact@dupont.fr')).findings).toHaveLength(1);
  });

  it('reads national numbers of every listed country, and international numbers in reserved ranges', () => {
    const text = 'Call 07 70 09 00 45 or +44 7700 900456, or 020 7946 0958.';
    expect(highlighted(text, run([rule], post(text)).findings[0].spans)).toEqual(['07 70 09 00 45', '+44 7700 900456', '020 7946 0958']);
  });
});
