import type { Locale } from '@clearpost/authz';

/** An instant as mail states it, in the recipient's language, in UTC (mail has no time zone to go by). */
export function formatInstant(instant: Date, locale: Locale): string {
  const formatted = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(instant);
  return `${formatted} UTC`;
}
