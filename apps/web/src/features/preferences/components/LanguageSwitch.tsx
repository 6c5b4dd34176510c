import { LOCALES } from '@clearpost/authz';
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../hooks';

/** English | Français, where there is no account menu (sign-in, sign-up, invitation pages). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { locale, change } = useLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={locale}
      onChange={(value) => void change(value as (typeof LOCALES)[number])}
      data={LOCALES.map((value) => ({ value, label: t(`app.languages.${value}`) }))}
    />
  );
}
