import type { Locale, RuleInput } from './schema';

/**
 * Starting points drawn from what a good SME social media policy says (see the seed guide): no
 * political statements on company accounts, nothing that disparages the company, its clients or
 * colleagues, nothing confidential, no personal data or photos of people without consent, a
 * personal-opinion disclaimer and disclosed affiliation when staff speak about the company, no
 * fake personas or undisclosed promotion. An admin adapts them; they are data like any policy.
 */
export interface PolicyTemplate {
  id: string;
  locale: Locale;
  name: string;
  description: string;
  rules: RuleInput[];
}

/** Everyday ways of running someone down (not only insults), per language. */
const EN_PUT_DOWNS = [
  'mess',
  'amateur*',
  'clown*',
  'circus',
  'joke',
  'disaster',
  'hopeless',
  'useless',
  'lazy',
  'pathetic',
  'terrible',
  'awful',
  'worst',
  'cuts corners',
  'takes credit',
  'drunk',
  'creepy',
  'rip-off',
  'scam*',
  'fraud*',
  'overcharg*',
  'exploit*',
  'free labour',
  "hasn't paid",
  'never paid',
  'slowest',
  'could do better',
  'looking at you',
  'half the work',
  'how not to',
  'exhausting',
  'should not be allowed',
  "friends don't let friends",
  'friends don’t let friends',
  'believe it when i see it',
  'nobody knows',
  'no idea',
  "couldn't organise",
  'tastes like cardboard',
  'copies everything',
];
const FR_PUT_DOWNS = [
  'massacre',
  'amateur*',
  'clown*',
  'cirque',
  'blague',
  'catastrophe',
  'nul',
  'nuls',
  'paresseu*',
  'lamentable',
  'minable',
  'pire',
  'bâcle*',
  "s'attribue",
  's’attribue',
  'ivre',
  'flippant',
  'arnaque*',
  'exploite*',
  'main-d’œuvre gratuite',
  "main-d'œuvre gratuite",
  'jamais payé',
  "n'a pas payé",
  'n’a pas payé',
  'ferait mieux',
  'se reconnaîtra',
  'deux fois moins',
  'comment ne pas',
  'épuisant*',
  'ne devraient pas avoir le droit',
  'ne laissent pas leurs amis',
  "j'y croirai quand",
  'j’y croirai quand',
  'ne saurait pas',
  'personne ne sait',
  'aucune idée',
  'goût de carton',
  'copie tout',
];
/** Whom a put-down would hurt: names resolved when the policy is checked, and the words for them. */
const EN_TARGETS = [
  '{organization}',
  '{client}',
  '{colleague}',
  '{competitor}',
  'agency',
  'management',
  'manager',
  'boss',
  'ceo',
  'studio',
  'client*',
  'colleague*',
  'competitor*',
];
const FR_TARGETS = [
  '{organization}',
  '{client}',
  '{colleague}',
  '{competitor}',
  'agence',
  'direction',
  'manager',
  'patron',
  'studio',
  'client*',
  'collègue*',
  'concurrent*',
];

/** Partisan politics: parties, elections and candidates, and issue-level stances (taxes, pensions, wages). */
const EN_POLITICS = [
  'election*',
  'vote yes',
  'vote no',
  ...['candidate', 'candidates'].flatMap((c) => ['election*', 'vote*', 'party', 'mayor*', 'council', 'parliament'].map((w) => `${c} NEAR/6 ${w}`)),
  'political party',
  'left NEAR/3 right',
  'democrat*',
  'republican*',
  'government NEAR/5 incompetent',
  'this government',
  'referendum',
  'pension reform',
  'public pensions',
  'wealth tax',
  'higher taxes',
  'tax cuts',
  'tax hike*',
  'raise taxes',
  'minimum wage',
  'immigration policy',
  'politicians',
  'write to your mp',
  'mps',
  'labour party',
  'labour candidate',
  'vote labour',
  'votes labour',
  'conservative*',
  'tories',
  'lib dems',
  'the greens',
  'front national',
  'rassemblement national',
];
const FR_POLITICS = [
  'élection*',
  'votez oui',
  'votez non',
  ...['candidat', 'candidate', 'candidats', 'candidates'].flatMap((c) =>
    ['élection*', 'municipales', 'législatives', 'présidentielle', 'scrutin', 'parti', 'mairie', 'liste'].map((w) => `${c} NEAR/6 ${w}`),
  ),
  'parti politique',
  'gauche NEAR/3 droite',
  'manifestation*',
  'gouvernement NEAR/5 incompétent*',
  'ce gouvernement',
  'référendum',
  'réforme des retraites',
  'impôt sur la fortune',
  'hausse des impôts',
  'baisse des impôts',
  'hausse du smic',
  'hausse de la tva',
  'politique d’immigration',
  "politique d'immigration",
  'députés',
  'votre député',
  'politiciens',
  'municipales',
  'législatives',
  'présidentielle',
  'rassemblement national',
  'front national',
  'liste écologiste',
  'écologistes',
  'la france insoumise',
  'les républicains',
  'republicans',
  'républicains américains',
  'démocrates américains',
  'votent lr',
  'votent rn',
  'lfi',
];
/** A vote inside the company or on a product is not politics: "élection du comité", "election of the board". */
const EN_NOT_POLITICS = ['election of the', 'committee election', 'election of our'];
const FR_NOT_POLITICS = ['élections professionnelles', 'élection du', 'élection de la', 'élection des'];

/** Words that promote: a client named in praise by staff is an endorsement that must say who speaks. */
const EN_PRAISE = [
  'best',
  'must',
  'must-try',
  'go try',
  'try it',
  'hands down',
  'incredible',
  'amazing',
  'lovely',
  'delicious',
  'five stars',
  '5 stars',
  'recommend*',
  'changed my life',
  'can’t wait',
  "can't wait",
  'buy',
  'order yours',
  'love',
  'favourite',
  'favorite',
  'perfect',
  'fantastic',
  'brilliant',
  'so good',
  '5-star',
  'five-star',
  'check out',
  'go see',
  "don't miss",
  'don’t miss',
];
const FR_PRAISE = [
  'meilleur*',
  'un must',
  'à tester',
  'allez-y',
  'sans hésiter',
  'incroyable',
  'délicieu*',
  'cinq étoiles',
  '5 étoiles',
  'recommande*',
  'a changé ma vie',
  'ont changé ma vie',
  'vivement',
  'achetez',
  'commandez',
  'j’adore',
  "j'adore",
  'préféré*',
  'parfait*',
  'génial*',
  'coup de cœur',
  'étoiles',
  'allez voir',
  'ne manquez pas',
  'foncez',
];

/** Each put-down within 8 words of each target. */
function putDowns(words: string[], targets: string[]): string[] {
  return words.flatMap((word) => targets.map((target) => `${word} NEAR/8 ${target}`));
}

const brandOnly = { accountKinds: ['BRAND' as const] };
const staffOnly = { accountKinds: ['STAFF' as const] };

function rules(locale: Locale): RuleInput[] {
  const fr = locale === 'fr';
  // The organization's name is read when a post is checked (a rename follows), never copied here.
  const company = ['{organization}', fr ? 'notre entreprise' : 'our company'];
  // Word lists are written for this language: an English word does not match French text.
  const languages: Locale[] = [locale];
  return [
    {
      id: 'politics',
      label: fr ? 'Pas de prise de position politique sur les comptes de l’entreprise' : 'No political statements on company accounts',
      kind: 'lexicon',
      languages,
      action: 'BLOCK',
      appliesTo: brandOnly,
      terms: fr ? FR_POLITICS : EN_POLITICS,
      exceptions: fr ? FR_NOT_POLITICS : EN_NOT_POLITICS,
    },
    {
      // The BBC's rule the guide quotes: staff do not state political preferences where they
      // could be read as the company's. On a personal handle it is reviewed, not refused.
      id: 'politics-staff',
      label: fr ? 'Prise de position politique d’un salarié : relecture' : 'A staff member’s political statement: review first',
      kind: 'lexicon',
      languages,
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      appliesTo: staffOnly,
      terms: fr ? FR_POLITICS : EN_POLITICS,
      exceptions: fr ? FR_NOT_POLITICS : EN_NOT_POLITICS,
    },
    {
      id: 'disparagement',
      label: fr ? 'Ne pas dénigrer l’entreprise, les clients ou les collègues' : 'Nothing that disparages the company, clients or colleagues',
      kind: 'lexicon',
      languages,
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      // Insults, and everyday put-downs near whom they would hurt: the organization, a client, a
      // colleague, a competitor (their names are read when the policy is checked) or the words for them.
      terms: fr
        ? ['incompétent*', 'escroc*', 'pire client', 'client NEAR/4 insupportable', 'collègue NEAR/4 idiot*', ...putDowns(FR_PUT_DOWNS, FR_TARGETS)]
        : ['incompetent*', 'disgrace*', 'worst client', 'client NEAR/4 unbearable', 'colleague NEAR/4 idiot*', ...putDowns(EN_PUT_DOWNS, EN_TARGETS)],
    },
    {
      id: 'confidential-clients',
      label: fr ? 'Aucune information confidentielle d’un client' : 'No client’s confidential information',
      kind: 'client_confidentiality',
      action: 'BLOCK',
    },
    {
      id: 'confidential-words',
      label: fr ? 'Mots qui signalent une information interne' : 'Words that flag internal information',
      kind: 'lexicon',
      languages,
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      // Markers of an internal document, not the word itself: "our confidential approach" or
      // "confidentiality is at the heart of our work" is a pitch, not a leak.
      terms: fr
        ? [
            'strictement confidentiel*',
            'document confidentiel',
            'confidentiel :',
            'usage interne',
            'interne uniquement',
            'sous embargo',
            'ne pas diffuser',
            'ne pas publier',
            'chiffre d’affaires NEAR/3 prévisionnel',
            ...['confidentiel', 'confidentielle', 'confidentiels', 'confidentielles'].flatMap((c) =>
              ['document', 'chiffres', 'rapport', 'tarifs', 'note', 'présentation', 'budget', 'contrat'].map((w) => `${c} NEAR/3 ${w}`),
            ),
          ]
        : [
            'strictly confidential',
            'confidential:',
            'internal only',
            'for internal use',
            'under embargo',
            'do not share',
            'not for publication',
            'revenue NEAR/3 forecast',
            ...['confidential'].flatMap((c) =>
              ['document', 'figures', 'report', 'pricing', 'memo', 'deck', 'slides', 'budget', 'contract'].map((w) => `${c} NEAR/3 ${w}`),
            ),
          ],
    },
    {
      id: 'personal-data',
      label: fr ? 'Pas de données personnelles' : 'No personal data',
      kind: 'personal_data',
      action: 'BLOCK',
      defaultCountry: fr ? 'FR' : 'GB',
    },
    {
      id: 'colleagues',
      label: fr ? 'Rien de la vie privée d’un collègue (santé, adresse, famille)' : 'Nothing of a colleague’s private life (health, address, family)',
      kind: 'colleague_names',
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      // A welcome or a congratulation naming a colleague is fine: only a name near these words counts.
      near: fr
        ? [
            'santé',
            'malade',
            'maladie',
            'arrêt maladie',
            'chimio',
            'chimiothérapie',
            'cancer',
            'burn-out',
            'dépression',
            'hôpital',
            'enceinte',
            'grossesse',
            'divorce',
            'ivre',
            'habite',
            'adresse',
            'domicile',
            'appart',
            'appartement',
            'maison',
            'numéro perso',
          ]
        : [
            'health',
            'sick',
            'illness',
            'sick leave',
            'chemo',
            'chemotherapy',
            'cancer',
            'burnout',
            'depression',
            'hospital',
            'pregnant',
            'pregnancy',
            'divorce',
            'divorcing',
            'drunk',
            'lives at',
            'address',
            'home',
            'flat',
            'house',
            'personal number',
          ],
    },
    {
      id: 'photo-consent',
      label: fr ? 'Pas de photo de personnes sans leur consentement' : 'No photos of people without their consent',
      kind: 'media_consent',
      action: 'BLOCK',
    },
    {
      id: 'staff-disclaimer',
      label: fr ? 'Mention « avis personnels » quand un salarié parle de l’entreprise' : 'Personal-opinion disclaimer when staff mention the company',
      kind: 'disclaimer',
      action: 'BLOCK',
      appliesTo: staffOnly,
      phrases: fr
        ? ['avis personnels', 'opinions personnelles', 'mes propos n’engagent que moi', "mes propos n'engagent que moi"]
        : ['views are my own', 'opinions are my own', 'my own views'],
      whenMentioning: company,
    },
    {
      id: 'staff-affiliation',
      label: fr ? 'Déclarer son lien avec l’entreprise' : 'Disclose affiliation with the company',
      kind: 'disclaimer',
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      appliesTo: staffOnly,
      // Saying it is a personal opinion already says who speaks: it is not asked for twice.
      phrases: fr
        ? [
            'je travaille chez',
            'je travaille dans',
            'où je travaille',
            'je ne suis pas objectif',
            'je ne suis pas objective',
            'notre client',
            'notre cliente',
            'salarié de',
            'salariée de',
            '#salarié',
            '#collaborateur',
            'avis personnels',
            'opinions personnelles',
            'mes propos n’engagent que moi',
            "mes propos n'engagent que moi",
          ]
        : [
            'i work at',
            'i work for',
            'the agency i work',
            'employee of',
            '#employee',
            "i'm biased",
            'i’m biased',
            'views are my own',
            'opinions are my own',
            'my own views',
            'our client',
            'a client of',
            'disclosure',
          ],
      // Staff praising one of the organization's clients (their names read at check time); naming
      // the organization itself calls for the personal-opinion disclaimer above. Not `{client_term}`:
      // a client's listed terms are confidential, and naming one is blocked outright already.
      whenMentioning: ['{client}'],
      andMentioning: fr ? FR_PRAISE : EN_PRAISE,
    },
    {
      id: 'promotion-disclosure',
      label: fr ? 'Pas de promotion non déclarée' : 'No undisclosed promotion',
      kind: 'disclaimer',
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      phrases: fr
        ? ['#pub', '#publicité', '#partenariat', '#sponsorisé', 'en partenariat avec']
        : ['#ad', '#sponsored', '#partner', 'paid partnership', 'in partnership with'],
      whenMentioning: fr
        ? ['code promo', 'offert par', 'gagnez', 'jeu-concours', 'jeu concours', 'participez au concours', 'lien affilié']
        : ['promo code', 'discount code', 'giveaway', 'win a', 'affiliate link'],
    },
    {
      id: 'fake-personas',
      label: fr ? 'Pas de faux profils ni de faux avis' : 'No fake personas or fake reviews',
      kind: 'lexicon',
      languages,
      action: 'BLOCK',
      terms: fr
        ? [
            // Posing as someone else, or as an independent customer — not talk about fake reviews.
            'avis NEAR/3 acheté*',
            'se faire passer pour',
            'faites-vous passer pour',
            'sans aucun lien',
            'pas du tout payé*',
            'client satisfait',
            'cliente satisfaite',
            'simple client',
            'avis honnête',
            'avis impartial',
            'aucun lien avec',
            'simple cliente',
            'non sponsorisé',
            'pas sponsorisé',
            'comptes différents',
            'avis cinq étoiles',
          ]
        : [
            'sock puppet*',
            'review NEAR/3 bought',
            'pretend to be',
            'no link with',
            'not paid',
            'happy customer',
            'just a regular',
            'honest review',
            'unbiased review',
            'not affiliated',
            'regular customer',
            'not sponsored',
            'different accounts',
            'five-star reviews',
          ],
    },
    {
      id: 'length',
      label: fr ? 'Respecter la longueur maximale du réseau' : 'Fit the network’s length limit',
      kind: 'length',
      action: 'BLOCK',
    },
  ];
}

const TEMPLATES: Array<Omit<PolicyTemplate, 'rules'>> = [
  {
    id: 'sme-social-media-policy-fr',
    locale: 'fr',
    name: 'Charte réseaux sociaux PME',
    description: 'Politique, dénigrement, confidentialité, données personnelles, droit à l’image, mentions pour les salariés, promotion déclarée.',
  },
  {
    id: 'sme-social-media-policy-en',
    locale: 'en',
    name: 'SME social media policy',
    description: 'Politics, disparagement, confidentiality, personal data, photo consent, staff disclaimers, disclosed promotion.',
  },
];

export function listTemplates(): PolicyTemplate[] {
  return TEMPLATES.map((template) => ({ ...template, rules: rules(template.locale) }));
}

export function findTemplate(id: string): PolicyTemplate | null {
  return listTemplates().find((template) => template.id === id) ?? null;
}
