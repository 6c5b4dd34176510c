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
import type { en } from './en';
import type { Messages } from './types';

export const fr: Messages<typeof en> = {
  ...common.fr,
  accounts: accounts.fr,
  approvalChains: approvalChains.fr,
  audit: audit.fr,
  auth: auth.fr,
  clients: clients.fr,
  invitations: invitations.fr,
  mail: mail.fr,
  members: members.fr,
  organizations: organizations.fr,
  policies: policies.fr,
  policyDocument: policyDocument.fr,
  posts: posts.fr,
  webhooks: webhooks.fr,
};
