import { useMutation } from '@apollo/client/react';
import { isLocale, type Locale } from '@clearpost/authz';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session/hooks';
import { UpdateMyPreferencesMutation } from './graphql';

/** The language in use, and a way to change it: on this device at once, and for the person when signed in. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const session = useSession();
  const [save] = useMutation(UpdateMyPreferencesMutation);
  const locale = currentLocale(i18n.language);
  const change = async (next: Locale) => {
    await i18n.changeLanguage(next);
    if (session.status === 'signed-in') await save({ variables: { input: { locale: next } } }).catch(() => undefined); // kept on this device regardless
  };
  return { locale, change };
}

/** Applies the language saved for the signed-in person (chosen on another device, say) once it is known. */
export function useSavedLanguage(saved: string | null | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (isLocale(saved) && saved !== currentLocale(i18n.language)) void i18n.changeLanguage(saved);
  }, [saved, i18n]);
}
