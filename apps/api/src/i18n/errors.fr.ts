/**
 * The API's error messages in French, keyed by the English sentence the code writes: the code
 * keeps one readable language, and a request in French (Accept-Language, which the web app sends)
 * gets these. A sentence missing here goes out in English; a test lists the code's fixed sentences
 * and fails on any without a translation.
 */
export const ERRORS_FR: Record<string, string> = {
  '"from" must be before "to".': '« from » doit précéder « to ».',
  'A comment is at most 5,000 characters.': 'Un commentaire fait au plus 5 000 caractères.',
  'A post can be at most 70,000 characters.': 'Une publication fait au plus 70 000 caractères.',
  'A post goes to the accounts of one client at a time (or only to the organization’s own).':
    'Une publication va aux comptes d’un seul client à la fois (ou seulement à ceux de l’organisation).',
  'A post stays with its client: choose accounts of the same client.': 'Une publication reste à son client : choisissez des comptes du même client.',
  'A staff handle belongs to a person, not to a client.': 'Un compte personnel appartient à une personne, pas à un client.',
  'A webhook is sent over https.': 'Un webhook est envoyé en https.',
  'An account with this email already exists. Sign in instead.': 'Un compte existe déjà avec cet e-mail. Connectez-vous plutôt.',
  'An app password looks like xxxx-xxxx-xxxx-xxxx.': 'Un mot de passe d’application a la forme xxxx-xxxx-xxxx-xxxx.',
  'As a member, you change only your own posts.': 'En tant que membre, vous ne modifiez que vos propres publications.',
  'As a member, you submit only your own posts.': 'En tant que membre, vous ne soumettez que vos propres publications.',
  'As a member, you write posts only for your own personal accounts.': 'En tant que membre, vous n’écrivez que pour vos propres comptes personnels.',
  'At most 20 approver emails per client.': 'Au plus 20 e-mails de validateurs par client.',
  'At most 200 competitors.': 'Au plus 200 concurrents.',
  'Choose BRAND or STAFF.': 'Choisissez BRAND ou STAFF.',
  'Choose English or French.': 'Choisissez l’anglais ou le français.',
  'Choose a network.': 'Choisissez un réseau.',
  'Choose a password.': 'Choisissez un mot de passe.',
  'Choose a role.': 'Choisissez un rôle.',
  'Choose a time at least a few seconds from now, or publish it now.': 'Choisissez une heure au moins quelques secondes plus tard, ou publiez maintenant.',
  'Choose an organization: send its id in the X-Organization-Id header.': 'Choisissez une organisation : envoyez son id dans l’en-tête X-Organization-Id.',
  'Choose at least one account.': 'Choisissez au moins un compte.',
  'Choose at least one event.': 'Choisissez au moins un événement.',
  'Client name must be 1 to 100 characters.': 'Le nom du client fait de 1 à 100 caractères.',
  'Display name must be 1 to 100 characters.': 'Le nom affiché fait de 1 à 100 caractères.',
  'Each account can be chosen only once.': 'Chaque compte ne peut être choisi qu’une fois.',
  'Each competitor’s name is 2 to 100 characters.': 'Le nom de chaque concurrent fait de 2 à 100 caractères.',
  'Each confidential term must be 1 to 100 characters.': 'Chaque terme confidentiel fait de 1 à 100 caractères.',
  'Enter a valid email address.': 'Saisissez une adresse e-mail valide.',
  'Enter your name.': 'Saisissez votre nom.',
  'For your security this session was ended: an old sign-in token was used again. Please sign in again.':
    'Pour votre sécurité, cette session a été fermée : un ancien jeton de connexion a été réutilisé. Reconnectez-vous.',
  'Give a date and time.': 'Indiquez une date et une heure.',
  'Give the policy a title (1 to 200 characters).': 'Donnez un titre à la charte (1 à 200 caractères).',
  'Name each step (1 to 80 characters).': 'Nommez chaque étape (1 à 80 caractères).',
  'Name must be 1 to 100 characters.': 'Le nom fait de 1 à 100 caractères.',
  'Name the client or account.': 'Indiquez le client ou le compte.',
  'Name the policy (1 to 100 characters).': 'Nommez ces règles (1 à 100 caractères).',
  'Not a client id.': 'Ce n’est pas un id de client.',
  'Not a comment id.': 'Ce n’est pas un id de commentaire.',
  'Not a content hash.': 'Ce n’est pas une empreinte de contenu.',
  'Not a delivery id.': 'Ce n’est pas un id d’envoi.',
  'Not a member id.': 'Ce n’est pas un id de membre.',
  'Not a policy id.': 'Ce n’est pas un id de règles.',
  'Not a post id.': 'Ce n’est pas un id de publication.',
  'Not a publication id.': 'Ce n’est pas un id d’envoi sur un réseau.',
  'Not a time zone. Use a name like Europe/Paris.': 'Ce n’est pas un fuseau horaire. Utilisez un nom comme Europe/Paris.',
  'Not a valid id.': 'Id non valide.',
  'Not a webhook id.': 'Ce n’est pas un id de webhook.',
  'Not an account id.': 'Ce n’est pas un id de compte.',
  'Not an authorization code.': 'Ce n’est pas un code d’autorisation.',
  'Not an authorization state.': 'Ce n’est pas un état d’autorisation.',
  'One of the addresses is not a valid email.': 'L’une des adresses n’est pas un e-mail valide.',
  'One of the chosen clients does not exist or is archived.': 'L’un des clients choisis n’existe pas ou est archivé.',
  'One of the clients is not a valid id.': 'L’un des clients n’est pas un id valide.',
  'One of the members is not a valid id.': 'L’un des membres n’est pas un id valide.',
  'One of the mentions is not a member id.': 'L’une des mentions n’est pas un id de membre.',
  'One of the people mentioned is not a member of this organization.': 'L’une des personnes mentionnées n’est pas membre de cette organisation.',
  'One of the people named is not a member of this organization.': 'L’une des personnes nommées n’est pas membre de cette organisation.',
  'Only an owner can invite an owner.': 'Seul un propriétaire peut inviter un propriétaire.',
  'Only an owner can make someone an owner or change an owner’s role.':
    'Seul un propriétaire peut nommer un propriétaire ou changer le rôle d’un propriétaire.',
  'Only an owner can manage an invitation to become an owner.': 'Seul un propriétaire peut gérer une invitation à devenir propriétaire.',
  'Only an owner can remove an owner.': 'Seul un propriétaire peut retirer un propriétaire.',
  'Only owners and admins add brand accounts. You can register your own handle as a staff account.':
    'Seuls les propriétaires et les administrateurs ajoutent des comptes de marque. Vous pouvez déclarer votre propre compte comme compte personnel.',
  'Only owners and admins deactivate accounts other than their own handles.':
    'Seuls les propriétaires et les administrateurs désactivent d’autres comptes que les leurs.',
  'Organization name must be 1 to 100 characters.': 'Le nom de l’organisation fait de 1 à 100 caractères.',
  'People from a client company cannot own accounts; choose a member of your staff.':
    'Les personnes d’une entreprise cliente ne peuvent pas être responsables de comptes ; choisissez un membre de votre équipe.',
  'Please sign in to continue.': 'Connectez-vous pour continuer.',
  'Publish a version of this policy before attaching it.': 'Publiez une version de ces règles avant de les rattacher.',
  'Put no credentials in the address: verify the signature instead.': 'Ne mettez pas d’identifiants dans l’adresse : vérifiez plutôt la signature.',
  'Remind after at least 1 hour.': 'Relancez après au moins 1 heure.',
  'Remind within 90 days.': 'Relancez dans les 90 jours.',
  'Rules must be a list.': 'Les règles doivent être une liste.',
  'Scan at least one post.': 'Analysez au moins une publication.',
  'Search for at most 100 characters.': 'Recherchez au plus 100 caractères.',
  'Something went wrong on our side. Please try again; if it keeps happening, contact support.':
    'Un problème est survenu de notre côté. Réessayez ; si cela persiste, contactez le support.',
  'The clients this invitation was for have been archived. Ask for a new invitation.':
    'Les clients visés par cette invitation ont été archivés. Demandez une nouvelle invitation.',
  'The comment you reply to does not exist on this post.': 'Le commentaire auquel vous répondez n’existe pas sur cette publication.',
  'The end of the period must come after its start.': 'La fin de la période doit suivre son début.',
  'The input is not valid.': 'La saisie n’est pas valide.',
  'The owner must be a current member of this organization.': 'Le responsable doit être un membre actuel de cette organisation.',
  'The policy text must be 1 to 200,000 characters.': 'Le texte de la charte fait de 1 à 200 000 caractères.',
  'The server must be reached over https.': 'Le serveur doit être joint en https.',
  'There is no draft to publish. Edit the policy first.': 'Il n’y a pas de brouillon à publier. Modifiez d’abord les règles.',
  'There is no draft to publish. Write the new version first.': 'Il n’y a pas de brouillon à publier. Écrivez d’abord la nouvelle version.',
  'There is no template with this id.': 'Aucun modèle n’a cet id.',
  'This account does not exist.': 'Ce compte n’existe pas.',
  'This account is deactivated. Reactivate it by adding it again.': 'Ce compte est désactivé. Réactivez-le en l’ajoutant de nouveau.',
  'This authorization was not started by you here, or was altered. Start connecting the account again.':
    'Cette autorisation n’a pas été lancée par vous ici, ou a été modifiée. Recommencez la connexion du compte.',
  'This cursor is not valid. Start again from the first page.': 'Ce curseur n’est pas valide. Reprenez à la première page.',
  'This delivery is still being sent.': 'Cet envoi est encore en cours.',
  'This invitation has already been accepted.': 'Cette invitation a déjà été acceptée.',
  'This invitation was revoked.': 'Cette invitation a été révoquée.',
  'This is not a valid id.': 'Ce n’est pas un id valide.',
  'This is not the current version of the policy. Accept the current one.': 'Ce n’est pas la version actuelle de la charte. Acceptez la version actuelle.',
  'This link has already been used.': 'Ce lien a déjà été utilisé.',
  'This link was already withdrawn.': 'Ce lien a déjà été retiré.',
  'This policy is already attached there.': 'Ces règles y sont déjà rattachées.',
  'This post changed since you opened it. Read the current version before deciding.':
    'Cette publication a changé depuis que vous l’avez ouverte. Lisez la version actuelle avant de décider.',
  'This post goes to personal accounts only: their owners post it themselves, Clearpost does not.':
    'Cette publication ne va qu’à des comptes personnels : leurs titulaires la publient eux-mêmes, pas Clearpost.',
  'This step waits for the people who could approve it when the post was submitted; you were not one of them.':
    'Cette étape attend les personnes qui pouvaient la valider quand la publication a été soumise ; vous n’en faisiez pas partie.',
  'This text contains a NUL character (\\u0000), which is not allowed.': 'Ce texte contient un caractère NUL (\\u0000), qui n’est pas autorisé.',
  'This text contains an unpaired UTF-16 surrogate, which is not valid Unicode.':
    'Ce texte contient un demi-caractère UTF-16 isolé, ce qui n’est pas de l’Unicode valide.',
  'Use a public host name, not an IP address.': 'Utilisez un nom d’hôte public, pas une adresse IP.',
  'Use an app password (xxxx-xxxx-xxxx-xxxx, made in Bluesky’s settings under App passwords), never the account’s own password.':
    'Utilisez un mot de passe d’application (xxxx-xxxx-xxxx-xxxx, créé dans les réglages de Bluesky, sous App passwords), jamais le mot de passe du compte.',
  'Write a comment of 1 to 5,000 characters.': 'Écrivez un commentaire de 1 à 5 000 caractères.',
  'Write only the server’s address, like mastodon.social.': 'Écrivez seulement l’adresse du serveur, comme mastodon.social.',
  'Write the full address, like https://example.com/hooks/clearpost.': 'Écrivez l’adresse complète, comme https://example.com/hooks/clearpost.',
  'Write the server’s address, like bsky.social.': 'Écrivez l’adresse du serveur, comme bsky.social.',
  'Write the server’s address, like mastodon.social.': 'Écrivez l’adresse du serveur, comme mastodon.social.',
  'Write the server’s name, not an IP address.': 'Écrivez le nom du serveur, pas une adresse IP.',
  'You are no longer a member of this organization.': 'Vous n’êtes plus membre de cette organisation.',
  'You are not a member of this organization.': 'Vous n’êtes pas membre de cette organisation.',
  'You can register only your own handles.': 'Vous ne pouvez enregistrer que vos propres comptes.',
  'You do not have access to this.': 'Vous n’avez pas accès à ceci.',
  'You have already approved this post in this review: one person counts once, whatever their roles.':
    'Vous avez déjà validé cette publication dans cette relecture : une personne compte une fois, quels que soient ses rôles.',
  'You may not change this client’s confidential terms.': 'Vous ne pouvez pas modifier les termes confidentiels de ce client.',
  'Your change met another one at the same moment and was not saved. Please try again.':
    'Votre modification a croisé une autre au même moment et n’a pas été enregistrée. Réessayez.',
  'Your comments are shared with the agency: choose CLIENT visibility.': 'Vos commentaires sont partagés avec l’agence : choisissez la visibilité CLIENT.',
  'Your session has ended. Please sign in again.': 'Votre session a pris fin. Reconnectez-vous.',
  'action must look like "member.added" or "auth.*"': 'action doit avoir la forme « member.added » ou « auth.* »',
  'actorUserId must be a user id': 'actorUserId doit être un id d’utilisateur',
  'The request body is not valid JSON.': 'Le corps de la requête n’est pas du JSON valide.',
  'The request body could not be read (check its encoding and Content-Type).':
    'Le corps de la requête n’a pas pu être lu (vérifiez son encodage et son Content-Type).',
};

/** `notFound(what)` in French, by what it names (whole sentences: French agrees in gender and number). */
export const NOT_FOUND_FR: Record<string, string> = {
  'A chain for this scope': 'Aucun circuit de validation pour ce périmètre.',
  'This account': 'Ce compte est introuvable.',
  'This approval link': 'Ce lien de validation est introuvable.',
  'This attachment': 'Ce rattachement est introuvable.',
  'This client': 'Ce client est introuvable.',
  'This delivery': 'Cet envoi est introuvable.',
  'This invitation': 'Cette invitation est introuvable.',
  'This member': 'Ce membre est introuvable.',
  'This organization': 'Cette organisation est introuvable.',
  'This policy': 'Ces règles sont introuvables.',
  'This policy version': 'Cette version des règles est introuvable.',
  'This post': 'Cette publication est introuvable.',
  'This publication': 'Cet envoi sur un réseau est introuvable.',
  'This webhook': 'Ce webhook est introuvable.',
};

/** Sentences built from values: the English shape, and the French one with the same values. */
const PATTERNS_FR: Array<[RegExp, (...values: string[]) => string]> = [
  [/^(.+) was not found\.$/, (what) => NOT_FOUND_FR[what] ?? `Introuvable : ${what}.`],
  [/^Too many attempts\. Please wait (\d+) minute\(s\) and try again\.$/, (n) => `Trop de tentatives. Attendez ${n} minute(s) et réessayez.`],
  [/^Your role \((.+)\) does not allow this\.$/, (role) => `Votre rôle (${role}) ne le permet pas.`],
  [/^A client named “(.+)” already exists\.$/, (name) => `Un client nommé « ${name} » existe déjà.`],
  [/^A policy named “(.+)” already exists\.$/, (name) => `Des règles nommées « ${name} » existent déjà.`],
  [/^(.+) is already a member of this organization\.$/, (email) => `${email} est déjà membre de cette organisation.`],
  [/^(.+) already has a pending invitation\. Resend it instead\.$/, (email) => `${email} a déjà une invitation en attente. Renvoyez-la plutôt.`],
  [/^Password must be at least (\d+) characters\.$/, (n) => `Le mot de passe fait au moins ${n} caractères.`],
  [/^"first" must be between 1 and (\d+)\.$/, (n) => `« first » doit être compris entre 1 et ${n}.`],
  [/^@(.+) is deactivated\.$/, (handle) => `@${handle} est désactivé.`],
  [/^@(.+) is deactivated: it takes no new posts\.$/, (handle) => `@${handle} est désactivé : il ne prend plus de nouvelles publications.`],
  [
    /^Read and accept the social media policy \(version (\d+)\) before submitting posts\.$/,
    (v) => `Lisez et acceptez la charte des réseaux sociaux (version ${v}) avant de soumettre des publications.`,
  ],
  [/^You are already a member of (.+)\.$/, (org) => `Vous êtes déjà membre de ${org}.`],
  [/^A post goes out on at most (\d+) accounts\.$/, (n) => `Une publication part sur au plus ${n} comptes.`],
  [/^Your role does not allow seeing (.+)\.$/, (where) => `Votre rôle ne permet pas de voir ${where}.`],
  [
    /^Step “(.+)” needs (\d+) approvals? but only (\d+) (?:person|people) other than the author may give (?:it|them)\. Change the approval chain or add approvers\.$/,
    (step, needed, eligible) =>
      `L’étape « ${step} » demande ${needed} validation(s) mais seulement ${eligible} personne(s) autre(s) que l’auteur peu(ven)t la donner. Modifiez le circuit de validation ou ajoutez des validateurs.`,
  ],
  [/^(.+) is a client user: use “client approvers” instead\.$/, (name) => `${name} est un utilisateur client : utilisez plutôt les « validateurs client ».`],
  [/^(.+) is a member: members do not approve posts\.$/, (name) => `${name} est membre : les membres ne valident pas les publications.`],
  [
    /^@(.+) is a personal account: only its owner writes posts for it\.$/,
    (handle) => `@${handle} est un compte personnel : seul son titulaire écrit pour lui.`,
  ],
  [
    /^@(.+) is a personal account: Clearpost does not publish to it, so it is not connected\.$/,
    (handle) => `@${handle} est un compte personnel : Clearpost n’y publie pas, il n’est donc pas connecté.`,
  ],
  [
    /^This person owns (\d+) accounts?\. Give (?:it|them) another owner first\.$/,
    (n) => `Cette personne est responsable de ${n} compte(s). Donnez-leur d’abord un autre responsable.`,
  ],
  [
    /^The last owner cannot be (removed|demoted)\. Make someone else an owner first\.$/,
    (verb) => `Le dernier propriétaire ne peut pas être ${verb === 'removed' ? 'retiré' : 'rétrogradé'}. Nommez d’abord un autre propriétaire.`,
  ],
  [/^Show at most (\d+) days at once\.$/, (n) => `Affichez au plus ${n} jours à la fois.`],
  [/^Scan at most (\d+) posts at a time\.$/, (n) => `Analysez au plus ${n} publications à la fois.`],
  [/^At most (\d+) confidential terms per client\.$/, (n) => `Au plus ${n} termes confidentiels par client.`],
  [/^An organization has at most (\d+) webhooks\.$/, (n) => `Une organisation a au plus ${n} webhooks.`],
  [/^Too many items \((\d+); at most (\d+)\)\.$/, (n, max) => `Trop d’éléments (${n} ; au plus ${max}).`],
  [/^This value is too large \(more than (\d+) items\)\.$/, (n) => `Cette valeur est trop grande (plus de ${n} éléments).`],
  [/^This value is nested too deeply \(more than (\d+) levels\)\.$/, (n) => `Cette valeur est trop imbriquée (plus de ${n} niveaux).`],
  [
    /^“(.+)” cannot be null\. Leave it out to keep the current value\.$/,
    (field) => `« ${field} » ne peut pas être null. Omettez-le pour garder la valeur actuelle.`,
  ],
  [
    /^This invitation is for (.+), but you are signed in as (.+)\. Sign out and open the link again\.$/,
    (invited, signedIn) => `Cette invitation est pour ${invited}, mais vous êtes connecté en tant que ${signedIn}. Déconnectez-vous et rouvrez le lien.`,
  ],
  [
    /^An account for (.+) already exists\. Sign in as \1, then open the link again\.$/,
    (email) => `Un compte existe déjà pour ${email}. Connectez-vous en tant que ${email}, puis rouvrez le lien.`,
  ],
  [
    /^(.+) is already registered on (\w+) in this organization\.$/,
    (handle, network) => `${handle} est déjà enregistré sur ${network} dans cette organisation.`,
  ],
  [/^Too many requests\. Please wait (\d+) second\(s\) and try again\.$/, (n) => `Trop de requêtes. Attendez ${n} seconde(s) et réessayez.`],
  [/^The request is too large \(limit (\d+) KB\)\.$/, (n) => `La requête est trop grosse (limite ${n} Ko).`],
  [/^The query nests too deeply \(more than (\d+) brackets\)\.$/, (n) => `La requête imbrique trop de niveaux (plus de ${n} accolades).`],
];

/** `message` in French when it is one the API writes; as it is otherwise. */
export function messageInFrench(message: string): string {
  const fixed = ERRORS_FR[message];
  if (fixed) return fixed;
  for (const [pattern, french] of PATTERNS_FR) {
    const match = pattern.exec(message);
    if (match) return french(...match.slice(1));
  }
  return message;
}
