import { isLocale, LOCALES, type Locale } from '@clearpost/authz';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

/** Where the chosen language is remembered on this device (signed out, or before `me` loads). */
export const LOCALE_STORAGE_KEY = 'clearpost.locale';

/**
 * One i18next instance for the whole app: the language is the one saved for the person (applied
 * once `me` loads), else the one chosen on this device, else the browser's; English otherwise.
 */
export function initI18n(language?: Locale) {
  if (!i18n.isInitialized) {
    void i18n
      .use(LanguageDetector)
      .use(initReactI18next)
      .init({
        resources,
        lng: language,
        fallbackLng: 'en',
        supportedLngs: [...LOCALES],
        load: 'languageOnly',
        nonExplicitSupportedLngs: true,
        detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LOCALE_STORAGE_KEY, caches: ['localStorage'] },
        interpolation: { escapeValue: false }, // React escapes
        returnNull: false,
      });
    const apply = (lng: string) => {
      dayjs.locale(currentLocale(lng));
      if (typeof document !== 'undefined') document.documentElement.lang = currentLocale(lng);
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
  }
  return i18n;
}

/** The supported language in use (`fr` for `fr-CA`). */
export function currentLocale(language: string = i18n.language): Locale {
  const short = (language ?? 'en').slice(0, 2);
  return isLocale(short) ? short : 'en';
}

export { i18n };
