import { ROLE_LABELS, type Role } from '@clearpost/authz';
import { escapeHtml, type Mail } from '../mail/mail.service';

export function invitationMail(input: { to: string; organizationName: string; inviterName: string; role: Role; link: string; expiresAt: Date }): Mail {
  const role = ROLE_LABELS[input.role];
  const expires = input.expiresAt.toUTCString();
  const subject = `${input.inviterName} invited you to ${input.organizationName} on Clearpost`;
  const text = [
    `${input.inviterName} invited you to join ${input.organizationName} on Clearpost as ${role}.`,
    '',
    'Accept the invitation:',
    input.link,
    '',
    `This link works once and expires on ${expires}.`,
    'If you were not expecting this, ignore this message.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px">
<p><strong>${escapeHtml(input.inviterName)}</strong> invited you to join <strong>${escapeHtml(input.organizationName)}</strong> on Clearpost as ${escapeHtml(role)}.</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#4c6ef5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Accept the invitation</a></p>
<p style="color:#6b7280;font-size:13px">Or open this link: ${escapeHtml(input.link)}<br>It works once and expires on ${escapeHtml(expires)}. If you were not expecting this, ignore this message.</p>
</body></html>`;
  return { kind: 'invitation', to: input.to, subject, text, html };
}
