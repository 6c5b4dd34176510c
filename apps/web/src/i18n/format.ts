import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { currentLocale } from './index';

type When = string | number | Date | null | undefined;

/** Dates and numbers in the reader's language (re-rendered when it changes). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const at = (value: When) => dayjs(value ?? undefined).locale(locale);
  return {
    locale,
    /** 2 Dec 2026 / 2 déc. 2026 */
    date: (value: When) => (value ? at(value).format('ll') : '—'),
    /** 2 Dec 2026 14:05 / 2 déc. 2026 14:05 */
    dateTime: (value: When) => (value ? at(value).format('ll LT') : '—'),
    /** in 3 days / dans 3 jours */
    relative: (value: When) => (value ? at(value).fromNow() : '—'),
    number: (value: number) => new Intl.NumberFormat(tag).format(value),
  };
}
