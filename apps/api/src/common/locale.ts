import { registerEnumType } from '@nestjs/graphql';
import { LOCALES, preferredLocale, type Locale } from '@clearpost/authz';
import type { Request } from 'express';

/** GraphQL's `Locale`: the languages Clearpost speaks (`en`, `fr`). */
export const LocaleEnum = Object.fromEntries(LOCALES.map((locale) => [locale, locale])) as { [L in Locale]: L };
registerEnumType(LocaleEnum, { name: 'Locale', description: 'A language Clearpost speaks: its interface, its mail and its messages.' });

/** The language a request's Accept-Language prefers among Clearpost's, if any (the web app sends its own). */
export function requestLocale(req: Request | undefined): Locale | null {
  return preferredLocale(req?.get?.('accept-language'));
}
