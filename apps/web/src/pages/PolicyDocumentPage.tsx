import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { AcknowledgementsTable } from '../features/policy-document/components/AcknowledgementsTable';
import { PolicyAcceptance } from '../features/policy-document/components/PolicyAcceptance';
import { PolicyDocumentEditor } from '../features/policy-document/components/PolicyDocumentEditor';
import { PageHeader } from '../ui/PageHeader';

export function PolicyDocumentPage() {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  return (
    <>
      <PageHeader title={t('policyDocument.page.title')} description={t('policyDocument.page.description')} />
      <Tabs defaultValue="read" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="read">{t('policyDocument.page.read')}</Tabs.Tab>
          {can('policy_document.manage') && <Tabs.Tab value="edit">{t('policyDocument.page.edit')}</Tabs.Tab>}
          {can('policy_document.acknowledgements') && <Tabs.Tab value="acks">{t('policyDocument.page.acks')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="read">
          <PolicyAcceptance />
        </Tabs.Panel>
        <Tabs.Panel value="edit">
          <PolicyDocumentEditor />
        </Tabs.Panel>
        <Tabs.Panel value="acks">
          <AcknowledgementsTable />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
