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
  'overcharg*',
  'exploit*',
  'free labour',
  'not paid',
  "hasn't paid",
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
  'pas payé',
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
  'client*',
  'collègue*',
  'concurrent*',
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
  return [
    {
      id: 'politics',
      label: fr ? 'Pas de prise de position politique sur les comptes de l’entreprise' : 'No political statements on company accounts',
      kind: 'lexicon',
      action: 'BLOCK',
      appliesTo: brandOnly,
      terms: fr
        ? [
            'élection*',
            'votez',
            'vote pour',
            'votez oui',
            'votez non',
            'candidat*',
            'gauche NEAR/3 droite',
            'parti politique',
            'manifestation*',
            'gouvernement NEAR/5 incompétent*',
            'ce gouvernement',
            'référendum',
            'réforme des retraites',
            'impôt sur la fortune',
            'hausse du smic',
            'hausse de la tva',
            'politique d’immigration',
            "politique d'immigration",
            'députés',
            'politiciens',
            'municipales',
            'législatives',
            'présidentielle',
            'rassemblement national',
            'front national',
            'écologistes',
            'la france insoumise',
            'les républicains',
          ]
        : [
            'election*',
            'vote for',
            'vote yes',
            'vote no',
            'candidate*',
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
            'minimum wage',
            'immigration policy',
            'politicians',
            'mps',
            'labour',
            'conservative*',
            'tories',
            'the greens',
            'front national',
          ],
      // An internal vote is not politics: "élection du comité des fêtes", "election of the board".
      exceptions: fr
        ? ['élections professionnelles', 'élection du', 'élection de la', 'élection des']
        : ['election of the', 'committee election', 'election of our'],
    },
    {
      id: 'disparagement',
      label: fr ? 'Ne pas dénigrer l’entreprise, les clients ou les collègues' : 'Nothing that disparages the company, clients or colleagues',
      kind: 'lexicon',
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      // Insults, and everyday put-downs near whom they would hurt: the organization, a client, a
      // colleague, a competitor (their names are read when the policy is checked) or the words for them.
      terms: fr
        ? ['incompétent*', 'arnaque*', 'escroc*', 'pire client', 'client NEAR/4 insupportable', 'collègue NEAR/4 idiot*', ...putDowns(FR_PUT_DOWNS, FR_TARGETS)]
        : [
            'incompetent*',
            'scam*',
            'fraud*',
            'disgrace*',
            'worst client',
            'client NEAR/4 unbearable',
            'colleague NEAR/4 idiot*',
            ...putDowns(EN_PUT_DOWNS, EN_TARGETS),
          ],
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
      action: 'REQUIRE_APPROVAL',
      approverRole: 'COMPLIANCE',
      terms: fr
        ? ['confidentiel*', 'interne uniquement', 'sous embargo', 'ne pas diffuser', 'chiffre d’affaires NEAR/3 prévisionnel']
        : ['confidential*', 'internal only', 'under embargo', 'do not share', 'revenue NEAR/3 forecast'],
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
            'employee of',
            '#employee',
            'views are my own',
            'opinions are my own',
            'my own views',
            'our client',
            'a client of',
            'disclosure',
          ],
      // Staff speaking of the organization, or of one of its clients (their names read at check time).
      whenMentioning: [...company, '{client}'],
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
        ? ['code promo', 'offert par', 'gagnez', 'concours', 'lien affilié']
        : ['promo code', 'discount code', 'giveaway', 'win a', 'affiliate link'],
    },
    {
      id: 'fake-personas',
      label: fr ? 'Pas de faux profils ni de faux avis' : 'No fake personas or fake reviews',
      kind: 'lexicon',
      action: 'BLOCK',
      terms: fr
        ? [
            'faux avis',
            'faux compte*',
            'avis NEAR/3 acheté*',
            'se faire passer pour',
            'faites-vous passer pour',
            'sans aucun lien',
            'pas du tout payé*',
            'client satisfait',
            'cliente satisfaite',
            'comptes différents',
            'avis cinq étoiles',
          ]
        : [
            'fake review*',
            'fake account*',
            'sock puppet*',
            'review NEAR/3 bought',
            'pretend to be',
            'no link with',
            'not paid',
            'happy customer',
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
