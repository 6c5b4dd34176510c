import { roleLabel, type Locale, type Role } from '@clearpost/authz';
import { escapeHtml, type Mail } from '../mail/mail.service';
import { formatInstant } from '../mail/mail-locale';

interface InvitationMailInput {
  to: string;
  organizationName: string;
  inviterName: string;
  role: Role;
  link: string;
  expiresAt: Date;
  locale: Locale;
}

const TEXT = {
  en: {
    subject: (i: InvitationMailInput) => `${i.inviterName} invited you to ${i.organizationName} on Clearpost`,
    intro: (inviter: string, organization: string, role: string) => [inviter, ' invited you to join ', organization, ` on Clearpost as ${role}.`],
    accept: 'Accept the invitation',
    acceptLine: 'Accept the invitation:',
    orOpen: 'Or open this link:',
    expires: (when: string) => `This link works once and expires on ${when}.`,
    ignore: 'If you were not expecting this, ignore this message.',
  },
  fr: {
    subject: (i: InvitationMailInput) => `${i.inviterName} vous invite à rejoindre ${i.organizationName} sur Clearpost`,
    intro: (inviter: string, organization: string, role: string) => [inviter, ' vous invite à rejoindre ', organization, ` sur Clearpost en tant que ${role}.`],
    accept: 'Accepter l’invitation',
    acceptLine: 'Accepter l’invitation :',
    orOpen: 'Ou ouvrez ce lien :',
    expires: (when: string) => `Ce lien ne fonctionne qu’une fois et expire le ${when}.`,
    ignore: 'Si vous ne vous attendiez pas à ce message, ignorez-le.',
  },
} satisfies Record<Locale, unknown>;

/** The invitation, in the language it was sent in (the person invited has no account to say theirs). */
export function invitationMail(input: InvitationMailInput): Mail {
  const t = TEXT[input.locale];
  const role = roleLabel(input.role, input.locale);
  const expires = formatInstant(input.expiresAt, input.locale);
  const [inviter, joined, organization, asRole] = t.intro(input.inviterName, input.organizationName, role);
  const text = [`${inviter}${joined}${organization}${asRole}`, '', t.acceptLine, input.link, '', t.expires(expires), t.ignore].join('\n');
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px">
<p><strong>${escapeHtml(inviter)}</strong>${escapeHtml(joined)}<strong>${escapeHtml(organization)}</strong>${escapeHtml(asRole)}</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#4c6ef5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(t.accept)}</a></p>
<p style="color:#6b7280;font-size:13px">${escapeHtml(t.orOpen)} ${escapeHtml(input.link)}<br>${escapeHtml(t.expires(expires))} ${escapeHtml(t.ignore)}</p>
</body></html>`;
  return { kind: 'invitation', to: input.to, subject: t.subject(input), text, html };
}
