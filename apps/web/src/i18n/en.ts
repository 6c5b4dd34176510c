import * as accounts from '../features/accounts/i18n';
import * as approvalChains from '../features/approval-chains/i18n';
import * as audit from '../features/audit/i18n';
import * as auth from '../features/auth/i18n';
import * as clients from '../features/clients/i18n';
import * as invitations from '../features/invitations/i18n';
import * as mail from '../features/mail/i18n';
import * as members from '../features/members/i18n';
import * as organizations from '../features/organizations/i18n';
import * as policies from '../features/policies/i18n';
import * as policyDocument from '../features/policy-document/i18n';
import * as posts from '../features/posts/i18n';
import * as webhooks from '../features/webhooks/i18n';
import * as common from './common';

/** Every English string of the web app, by feature; the French in fr.ts has exactly the same keys. */
export const en = {
  ...common.en,
  accounts: accounts.en,
  approvalChains: approvalChains.en,
  audit: audit.en,
  auth: auth.en,
  clients: clients.en,
  invitations: invitations.en,
  mail: mail.en,
  members: members.en,
  organizations: organizations.en,
  policies: policies.en,
  policyDocument: policyDocument.en,
  posts: posts.en,
  webhooks: webhooks.en,
};
