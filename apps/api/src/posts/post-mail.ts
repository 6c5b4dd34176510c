import type { Locale } from '@clearpost/authz';
import { escapeHtml, type Mail } from '../mail/mail.service';
import { formatInstant } from '../mail/mail-locale';

/** What every mail about a post says: which organization, which post (its first words), and a link. */
interface PostMailBase {
  to: string;
  locale: Locale;
  organizationName: string;
  /** The first words of the post, as a title. */
  excerpt: string;
  link: string;
}

export interface ReviewRequestMail extends PostMailBase {
  kind: 'request' | 'reminder';
  authorName: string;
  stepName: string;
}

export interface ApprovalLinkMail extends PostMailBase {
  clientName: string;
  stepName: string;
  expiresAt: Date;
}

export interface DecisionMail extends PostMailBase {
  decision: 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED';
  by: string;
  comment: string | null;
}

export interface PublicationOutcomeMail extends PostMailBase {
  /** PUBLISHED: every account has it; FAILED: one gave up; RETURNED: the policy stopped it before it went out. */
  outcome: 'PUBLISHED' | 'FAILED' | 'RETURNED';
  /** Per account: where it is, or why not. */
  details: string[];
}

export interface MentionMail extends PostMailBase {
  by: string;
  body: string;
}

const TEXT = {
  en: {
    request: (m: ReviewRequestMail) => `${m.authorName}’s post for ${m.organizationName} is waiting for your approval (${m.stepName}).`,
    requestSubject: (m: ReviewRequestMail) => `Approval requested: “${m.excerpt}”`,
    reminderSubject: (m: ReviewRequestMail) => `Reminder — still waiting for your approval: “${m.excerpt}”`,
    review: 'Review the post',
    linkSubject: (m: ApprovalLinkMail) => `${m.organizationName} asks for your approval: “${m.excerpt}”`,
    linkIntro: (m: ApprovalLinkMail) =>
      `${m.organizationName} prepared a post for ${m.clientName} and asks for your approval (${m.stepName}). You can approve it, reject it or ask for changes, with a comment — no account needed.`,
    linkExpires: (when: string) => `This link works once, for this post only, and expires on ${when}. It stops working if the post changes.`,
    open: 'Open the post',
    decisionSubject: (m: DecisionMail) =>
      ({ APPROVED: `Approved: “${m.excerpt}”`, REJECTED: `Rejected: “${m.excerpt}”`, CHANGES_REQUESTED: `Changes requested: “${m.excerpt}”` })[m.decision],
    decision: (m: DecisionMail) =>
      ({
        APPROVED: `${m.by} approved your post. It is ready to be scheduled.`,
        REJECTED: `${m.by} rejected your post.`,
        CHANGES_REQUESTED: `${m.by} asked for changes to your post.`,
      })[m.decision],
    comment: 'Comment:',
    mentionSubject: (m: MentionMail) => `${m.by} mentioned you on “${m.excerpt}”`,
    mention: (m: MentionMail) => `${m.by} mentioned you in a comment:`,
    outcomeSubject: (m: PublicationOutcomeMail) =>
      ({ PUBLISHED: `Published: “${m.excerpt}”`, FAILED: `Not published: “${m.excerpt}”`, RETURNED: `Held back by the policy: “${m.excerpt}”` })[m.outcome],
    outcome: (m: PublicationOutcomeMail) =>
      ({
        PUBLISHED: `Your post for ${m.organizationName} went out.`,
        FAILED: `Your post for ${m.organizationName} could not be published on every account. You can retry from the post’s page.`,
        RETURNED: `Your post for ${m.organizationName} was not published: the policy changed since it was approved and no longer lets it go out. Edit it and submit it again.`,
      })[m.outcome],
  },
  fr: {
    request: (m: ReviewRequestMail) => `La publication de ${m.authorName} pour ${m.organizationName} attend votre validation (${m.stepName}).`,
    requestSubject: (m: ReviewRequestMail) => `Validation demandée : « ${m.excerpt} »`,
    reminderSubject: (m: ReviewRequestMail) => `Rappel — votre validation est toujours attendue : « ${m.excerpt} »`,
    review: 'Voir la publication',
    linkSubject: (m: ApprovalLinkMail) => `${m.organizationName} vous demande de valider : « ${m.excerpt} »`,
    linkIntro: (m: ApprovalLinkMail) =>
      `${m.organizationName} a préparé une publication pour ${m.clientName} et vous demande de la valider (${m.stepName}). Vous pouvez la valider, la refuser ou demander des modifications, avec un commentaire — sans créer de compte.`,
    linkExpires: (when: string) =>
      `Ce lien ne sert qu’une fois, pour cette publication seulement, et expire le ${when}. Il cesse de fonctionner si la publication change.`,
    open: 'Ouvrir la publication',
    decisionSubject: (m: DecisionMail) =>
      ({ APPROVED: `Validée : « ${m.excerpt} »`, REJECTED: `Refusée : « ${m.excerpt} »`, CHANGES_REQUESTED: `Modifications demandées : « ${m.excerpt} »` })[
        m.decision
      ],
    decision: (m: DecisionMail) =>
      ({
        APPROVED: `${m.by} a validé votre publication. Elle peut être programmée.`,
        REJECTED: `${m.by} a refusé votre publication.`,
        CHANGES_REQUESTED: `${m.by} demande des modifications à votre publication.`,
      })[m.decision],
    comment: 'Commentaire :',
    mentionSubject: (m: MentionMail) => `${m.by} vous a mentionné sur « ${m.excerpt} »`,
    mention: (m: MentionMail) => `${m.by} vous a mentionné dans un commentaire :`,
    outcomeSubject: (m: PublicationOutcomeMail) =>
      ({ PUBLISHED: `Publiée : « ${m.excerpt} »`, FAILED: `Non publiée : « ${m.excerpt} »`, RETURNED: `Retenue par la politique : « ${m.excerpt} »` })[
        m.outcome
      ],
    outcome: (m: PublicationOutcomeMail) =>
      ({
        PUBLISHED: `Votre publication pour ${m.organizationName} est en ligne.`,
        FAILED: `Votre publication pour ${m.organizationName} n’a pas pu être publiée sur tous les comptes. Vous pouvez réessayer depuis sa page.`,
        RETURNED: `Votre publication pour ${m.organizationName} n’a pas été publiée : la politique a changé depuis sa validation et ne la laisse plus partir. Modifiez-la et soumettez-la de nouveau.`,
      })[m.outcome],
  },
} satisfies Record<Locale, unknown>;

/** The first words of a post, for subjects: at most 60 characters, cut on a word. */
export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 60) return flat || '…';
  const cut = flat.slice(0, 60);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

function compose(
  kind: string,
  to: string,
  locale: Locale,
  subject: string,
  paragraphs: string[],
  action: { label: string; link: string },
  quote?: string | null,
): Mail {
  const quoted = quote ? `\n\n> ${quote.replace(/\n/g, '\n> ')}` : '';
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    quote ? `<blockquote style="border-left:3px solid #d1d5db;margin:0;padding-left:12px;color:#4b5563">${escapeHtml(quote)}</blockquote>` : '',
    `<p><a href="${escapeHtml(action.link)}">${escapeHtml(action.label)}</a></p></body></html>`,
  ].join('');
  return { kind, to, subject, text: `${paragraphs.join('\n\n')}${quoted}\n\n${action.label}: ${action.link}\n`, html };
}

/** A step's approver with an account: a post waits for them (or still does, for the reminder). */
export function reviewRequestMail(m: ReviewRequestMail): Mail {
  const t = TEXT[m.locale];
  return compose(
    m.kind === 'request' ? 'post_review_request' : 'post_review_reminder',
    m.to,
    m.locale,
    m.kind === 'request' ? t.requestSubject(m) : t.reminderSubject(m),
    [t.request(m)],
    { label: t.review, link: m.link },
    m.excerpt,
  );
}

/** A client's approver without an account: the single-use link to one post. */
export function approvalLinkMail(m: ApprovalLinkMail, token: string): Mail {
  const t = TEXT[m.locale];
  return {
    ...compose('approval_link', m.to, m.locale, t.linkSubject(m), [t.linkIntro(m), t.linkExpires(formatInstant(m.expiresAt, m.locale))], {
      label: t.open,
      link: m.link,
    }),
    // The token approves the post: kept mail shows it only to those who could have issued it.
    secret: { values: [token], grant: { kind: 'approval_link' } },
  };
}

/** The author learns what became of their post. */
export function decisionMail(m: DecisionMail): Mail {
  const t = TEXT[m.locale];
  return compose(
    'post_decision',
    m.to,
    m.locale,
    t.decisionSubject(m),
    [t.decision(m), ...(m.comment ? [t.comment] : [])],
    { label: t.review, link: m.link },
    m.comment,
  );
}

/** A member was mentioned in a comment. */
export function mentionMail(m: MentionMail): Mail {
  const t = TEXT[m.locale];
  return compose('post_mention', m.to, m.locale, t.mentionSubject(m), [t.mention(m)], { label: t.review, link: m.link }, m.body);
}

/** The author learns that their post went out, could not, or was held back by the policy. */
export function publicationOutcomeMail(m: PublicationOutcomeMail): Mail {
  const t = TEXT[m.locale];
  return compose(`post_${m.outcome.toLowerCase()}`, m.to, m.locale, t.outcomeSubject(m), [t.outcome(m), ...m.details], { label: t.review, link: m.link });
}
