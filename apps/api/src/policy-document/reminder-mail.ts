import type { Locale } from '@clearpost/authz';
import { escapeHtml, type Mail } from '../mail/mail.service';

interface ReminderMailInput {
  to: string;
  name: string;
  organizationName: string;
  version: number;
  changeSummary: string | null;
  link: string;
  locale: Locale;
}

const TEXT = {
  en: {
    subject: (i: ReminderMailInput) => `Please accept ${i.organizationName}’s social media policy (version ${i.version})`,
    hello: (name: string) => `Hello ${name},`,
    published: (i: ReminderMailInput) =>
      `${i.organizationName} published version ${i.version} of its social media policy${i.changeSummary ? ` (${i.changeSummary})` : ''}.`,
    ask: 'Please read and accept it; until then you cannot submit posts.',
    read: 'Read the policy',
  },
  fr: {
    subject: (i: ReminderMailInput) => `Merci d’accepter la charte réseaux sociaux de ${i.organizationName} (version ${i.version})`,
    hello: (name: string) => `Bonjour ${name},`,
    published: (i: ReminderMailInput) =>
      `${i.organizationName} a publié la version ${i.version} de sa charte réseaux sociaux${i.changeSummary ? ` (${i.changeSummary})` : ''}.`,
    ask: 'Merci de la lire et de l’accepter : d’ici là, vous ne pouvez pas soumettre de publication.',
    read: 'Lire la charte',
  },
} satisfies Record<Locale, unknown>;

/** The reminder to accept a new version of the social media policy, in the recipient's language. */
export function policyReminderMail(input: ReminderMailInput): Mail {
  const t = TEXT[input.locale];
  return {
    kind: 'policy_reminder',
    to: input.to,
    subject: t.subject(input),
    text: `${t.hello(input.name)}\n\n${t.published(input)} ${t.ask}\n\n${input.link}\n`,
    html: `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px"><p>${escapeHtml(t.hello(input.name))}</p><p>${escapeHtml(t.published(input))} ${escapeHtml(t.ask)}</p><p><a href="${escapeHtml(input.link)}">${escapeHtml(t.read)}</a></p></body></html>`,
  };
}
