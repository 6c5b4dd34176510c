import { Global, Module } from '@nestjs/common';
import { AccountsRepository } from './accounts/accounts.repository';
import { AuditRepository } from './audit/audit.repository';
import { AuthRepository } from './auth/auth.repository';
import { ClientsRepository } from './clients/clients.repository';
import { MailRepository } from './mail/mail.repository';
import { InvitationsRepository } from './members/invitations.repository';
import { MembersRepository } from './members/members.repository';
import { OrganizationsRepository } from './organizations/organizations.repository';
import { OutboxRepository } from './outbox/outbox.repository';
import { PoliciesRepository } from './policies/policies.repository';
import { PolicyAttachmentsRepository } from './policies/policy-attachments.repository';
import { PolicyContextRepository } from './policies/policy-context.repository';
import { PolicyDocumentRepository } from './policy-document/policy-document.repository';
import { ApprovalsRepository } from './posts/approvals.repository';
import { PostsRepository } from './posts/posts.repository';
import { PublicationsRepository } from './publishing/publications.repository';
import { WebhooksRepository } from './webhooks/webhooks.repository';

const REPOSITORIES = [
  AccountsRepository,
  ApprovalsRepository,
  AuditRepository,
  AuthRepository,
  ClientsRepository,
  InvitationsRepository,
  MailRepository,
  MembersRepository,
  OrganizationsRepository,
  OutboxRepository,
  PoliciesRepository,
  PolicyAttachmentsRepository,
  PolicyContextRepository,
  PolicyDocumentRepository,
  PostsRepository,
  PublicationsRepository,
  WebhooksRepository,
];

/**
 * The repositories, each in its feature's folder and alone in writing SQL for that feature's
 * tables. Registered in one place because they depend on nothing (a repository takes the caller's
 * transaction): any service may ask any feature's repository, none reaches another's table.
 */
@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RepositoriesModule {}
