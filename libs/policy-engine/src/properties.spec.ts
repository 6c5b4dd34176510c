import fc from 'fast-check';
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { compile, evaluate, NETWORKS, type Post, type RuleInput } from './index';
import { findPhones } from './pii';

/** A policy with one rule of every kind, so every code path sees arbitrary posts. */
const RULES: RuleInput[] = [
  {
    id: 'lexicon',
    kind: 'lexicon',
    action: 'BLOCK',
    terms: ['élection', 'confiden*', '*gate', 'vote pour', 'client NEAR/3 retard'],
    exceptions: ['vote pour rire'],
  },
  { id: 'regex', kind: 'regex', action: 'WARN', pattern: '[0-9]{3}-[a-z]+' },
  { id: 'pii', kind: 'personal_data', action: 'BLOCK' },
  { id: 'colleagues', kind: 'colleague_names', action: 'WARN' },
  { id: 'confidential', kind: 'client_confidentiality', action: 'BLOCK' },
  { id: 'disclaimer', kind: 'disclaimer', action: 'REQUIRE_APPROVAL', approverRole: 'COMPLIANCE', phrases: ['avis personnels'], whenMentioning: ['Acme'] },
  { id: 'links', kind: 'link_domains', action: 'WARN', deny: ['bad.example'] },
  { id: 'length', kind: 'length', action: 'BLOCK' },
  { id: 'schedule', kind: 'schedule', action: 'WARN', windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }] },
  { id: 'media', kind: 'media_consent', action: 'BLOCK' },
  { id: 'counts', kind: 'counts', action: 'WARN', maxHashtags: 2, maxMentions: 2 },
];
const compiled = compile({ rules: RULES }, { colleagues: ['Léa Bernard'], clients: [{ id: 'c1', name: 'Acme', terms: ['Projet Hermine'] }] });

const words = [
  'élection',
  'Élection',
  'ELECTION',
  'confidentiel',
  'Watergate',
  'vote',
  'pour',
  'rire',
  'client',
  'retard',
  'Acme',
  'Léa',
  'Bernard',
  'Projet',
  'Hermine',
  'avis',
  'personnels',
  '#tag',
  '@alice',
  'https://bad.example/x',
  'a@b.fr',
  '06 12 34 56 78',
  '123-abc',
  '👨‍👩‍👧',
  'e\u0301',
  '\u0301',
  '\ud83d',
  'ß',
  'œuvre',
  ' ',
  '\n',
  '.',
];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.constantFrom(...words), { maxLength: 80 }).map((parts) => parts.join(' ')),
);
const arbitraryPost = fc.record({
  text,
  network: fc.constantFrom(...NETWORKS),
  accountKind: fc.constantFrom('BRAND' as const, 'STAFF' as const),
  clientId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null }),
  media: fc.array(fc.record({ peopleTagged: fc.nat(3), consentRecorded: fc.boolean() }), { maxLength: 3 }),
  links: fc.array(fc.webUrl(), { maxLength: 2 }),
  scheduledAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  timezone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC'),
}) as fc.Arbitrary<Post>;

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

describe('properties (fast-check)', () => {
  it('never throws, and every span is in bounds and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(arbitraryPost, (post) => {
        const result = evaluate(compiled, post);
        for (const finding of result.findings) {
          for (const { start, end } of finding.spans) {
            if (!(start >= 0 && start <= end && end <= post.text.length)) return false;
            if (start > 0 && isLow(post.text.charCodeAt(start)) && isHigh(post.text.charCodeAt(start - 1))) return false;
            if (end < post.text.length && isLow(post.text.charCodeAt(end)) && isHigh(post.text.charCodeAt(end - 1))) return false;
          }
        }
        return result.blocked === result.findings.some((f) => f.action === 'BLOCK');
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same findings whatever the case and accents of the text', () => {
    const lexiconOnly = compile(
      { rules: [RULES[0], RULES[3], RULES[4]] },
      { colleagues: ['Léa Bernard'], clients: [{ id: 'c1', name: 'Acme', terms: ['Projet Hermine'] }] },
    );
    const plain = fc.array(
      fc.constantFrom(
        'election',
        'confidentiel',
        'watergate',
        'vote',
        'pour',
        'rire',
        'client',
        'retard',
        'lea',
        'bernard',
        'projet',
        'hermine',
        'le',
        'la',
        'un',
      ),
      { maxLength: 40 },
    );
    const accents: Record<string, string> = { e: 'é', a: 'à', i: 'î', o: 'ô', u: 'ù', c: 'ç' };
    fc.assert(
      fc.property(plain, fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }), (parts, flips) => {
        const text = parts.join(' ');
        let k = 0;
        const variant = [...text]
          .map((ch) => {
            const flip = flips[k++ % flips.length];
            const accented = flip && accents[ch] ? accents[ch] : ch;
            return flips[(k * 7) % flips.length] ? accented.toUpperCase() : accented;
          })
          .join('');
        const summary = (t: string) =>
          evaluate(lexiconOnly, { text: t, network: 'LINKEDIN', accountKind: 'BRAND', clientId: 'c2' })
            .findings.map((f) => `${f.ruleId}:${f.spans.length}`)
            .sort();
        return JSON.stringify(summary(text)) === JSON.stringify(summary(variant));
      }),
      { numRuns: 300 },
    );
  });

  it('finds a lexicon term exactly where a naive word-by-word reading finds it', () => {
    const vocabulary = ['alpha', 'beta', 'gamma', 'delta', 'alphabet', 'betamax'];
    const lexicon = compile({ rules: [{ id: 'l', kind: 'lexicon', action: 'WARN', terms: ['alpha', 'beta'] }] });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 30 }), fc.constantFrom(' ', ', ', '\n', ' – '), (parts, separator) => {
        const text = parts.join(separator);
        const expected = parts.filter((w) => w === 'alpha' || w === 'beta').length;
        const found = evaluate(lexicon, { text, network: 'X', accountKind: 'BRAND' }).findings.reduce((n, f) => n + f.spans.length, 0);
        return found === expected;
      }),
    );
  });
});

describe('phone numbers read around runs of digits', () => {
  const pieces = [
    '06 12 34 56 78',
    '+33 6 12 34 56 78',
    '0800 123 456',
    '020 7946 0958',
    'FR76 3000 6000 0112 3456 7890 189',
    '2027',
    '12,50 €',
    'le',
    'call',
    ' ',
    '. ',
    '-',
    'n°',
    '(0)',
  ];

  it('finds what libphonenumber finds reading the whole text (valid numbers, one country)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        const whole = findPhoneNumbersInText(text, { defaultCountry: 'FR' })
          .filter((hit) => hit.number.isValid())
          .map((hit) => ({ start: hit.startsAt, end: hit.endsAt }));
        expect(findPhones(text, 'FR')).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('finds, for several countries, what reading the whole text for each country in turn finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.constantFrom('en', 'fr', null), (parts, language) => {
        const text = parts.join(' ');
        // The post's language's country first; a number one country read is not read again.
        const countries = language === 'fr' ? (['FR', 'GB'] as const) : (['GB', 'FR'] as const);
        const whole: Array<{ start: number; end: number }> = [];
        for (const defaultCountry of countries) {
          for (const hit of findPhoneNumbersInText(text, { defaultCountry }).filter((h) => h.number.isValid())) {
            if (!whole.some((w) => w.start < hit.endsAt && hit.startsAt < w.end)) whole.push({ start: hit.startsAt, end: hit.endsAt });
          }
        }
        expect(findPhones(text, ['GB', 'FR'], { language })).toEqual(whole.sort((a, b) => a.start - b.start));
      }),
      { numRuns: 300 },
    );
  });
});
