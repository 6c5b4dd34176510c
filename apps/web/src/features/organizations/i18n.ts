import type { Messages } from '../../i18n/types';

export const en = {
  switcher: {
    label: 'Switch organization',
    none: 'No organization',
    yours: 'Your organizations',
    create: 'Create organization',
  },
  create: {
    title: 'Create an organization',
    intro: 'Each organization has its own members, accounts, policies and audit trail. You will be its owner.',
    name: 'Name',
    placeholder: 'e.g. Northwind Agency',
    nameRequired: 'Give the organization a name.',
    submit: 'Create',
    created: 'Organization created',
    nowIn: 'You are now working in {{name}}.',
  },
  overview: {
    loadFailed: 'Your workspace could not be loaded',
    noOrganization: 'You do not belong to any organization',
    noOrganizationHelp: 'Create one with the organization menu at the top of the page, or ask an admin to invite you.',
    signedInAs: 'Signed in as {{name}} ({{email}}).',
    yourRole: 'Your role',
    memberSince: 'Member since {{date}}. Your role decides what you can see and do here.',
    compliance: 'Compliance',
    complianceText:
      'Everything that changes in {{organization}} is written to a tamper-evident audit trail. Anyone with access can check that no event was altered or removed.',
    openAudit: 'Open the audit trail',
    auditReaders: 'Owners, admins and compliance officers can read the audit trail.',
    nextSteps: 'Next steps',
    steps: {
      clients: 'Add the clients you run social accounts for, with their confidential terms',
      members: 'Invite your team and your clients, each with the role that fits them',
      accounts: 'Register the social accounts you run and give each one an owner',
      policies: 'Turn your social media policy into rules every post is checked against',
      approvals: 'Approve every post before it goes out, and keep the proof (coming next)',
    },
  },
  clientHome: {
    yourBrand: 'Your brand',
    runsForYou: '{{organization}} runs these accounts for you. As {{role}}, you see your own accounts and posts only.',
    loadFailed: 'Your brand could not be loaded',
    noAccounts: 'No accounts yet',
    noAccountsHelp: '{{organization}} has not registered your accounts yet.',
    managedBy: 'Managed by {{name}}',
    ownerPending: 'Owner being assigned',
  },
};

export const fr: Messages<typeof en> = {
  switcher: {
    label: 'Changer d’organisation',
    none: 'Aucune organisation',
    yours: 'Vos organisations',
    create: 'Créer une organisation',
  },
  create: {
    title: 'Créer une organisation',
    intro: 'Chaque organisation a ses propres membres, comptes, règles et piste d’audit. Vous en serez le propriétaire.',
    name: 'Nom',
    placeholder: 'ex. Agence Northwind',
    nameRequired: 'Donnez un nom à l’organisation.',
    submit: 'Créer',
    created: 'Organisation créée',
    nowIn: 'Vous travaillez maintenant dans {{name}}.',
  },
  overview: {
    loadFailed: 'Votre espace n’a pas pu être chargé',
    noOrganization: 'Vous n’appartenez à aucune organisation',
    noOrganizationHelp: 'Créez-en une avec le menu des organisations en haut de la page, ou demandez à un administrateur de vous inviter.',
    signedInAs: 'Connecté en tant que {{name}} ({{email}}).',
    yourRole: 'Votre rôle',
    memberSince: 'Membre depuis le {{date}}. Votre rôle détermine ce que vous pouvez voir et faire ici.',
    compliance: 'Conformité',
    complianceText:
      'Tout ce qui change dans {{organization}} est inscrit dans une piste d’audit infalsifiable. Toute personne autorisée peut vérifier qu’aucun événement n’a été modifié ni supprimé.',
    openAudit: 'Ouvrir la piste d’audit',
    auditReaders: 'Les propriétaires, les administrateurs et la conformité peuvent consulter la piste d’audit.',
    nextSteps: 'Prochaines étapes',
    steps: {
      clients: 'Ajoutez les clients dont vous gérez les comptes sociaux, avec leurs termes confidentiels',
      members: 'Invitez votre équipe et vos clients, chacun avec le rôle qui lui convient',
      accounts: 'Déclarez les comptes sociaux que vous gérez et désignez un responsable pour chacun',
      policies: 'Traduisez votre charte réseaux sociaux en règles appliquées à chaque publication',
      approvals: 'Approuvez chaque publication avant sa mise en ligne, et gardez-en la preuve (bientôt)',
    },
  },
  clientHome: {
    yourBrand: 'Votre marque',
    runsForYou: '{{organization}} gère ces comptes pour vous. En tant que {{role}}, vous ne voyez que vos comptes et vos publications.',
    loadFailed: 'Votre marque n’a pas pu être chargée',
    noAccounts: 'Aucun compte pour l’instant',
    noAccountsHelp: '{{organization}} n’a pas encore déclaré vos comptes.',
    managedBy: 'Géré par {{name}}',
    ownerPending: 'Responsable en cours de désignation',
  },
};
