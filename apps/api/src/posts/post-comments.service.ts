import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, isClientRole, type Locale } from '@clearpost/authz';
import { AuditService } from '../audit/audit.service';
import { badInput, forbidden, notFound, present } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { MailService } from '../mail/mail.service';
import { MembersRepository } from '../members/members.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { ApprovalsRepository, type CommentRow } from './approvals.repository';
import { excerptOf, mentionMail } from './post-mail';
import type { AddPostCommentInput, PostComment } from './post.models';
import { PostsRepository } from './posts.repository';

export function toComment(row: CommentRow): PostComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorId: row.author_user_id,
    visibility: row.visibility,
    body: row.body,
    mentions: row.mentions,
    createdAt: row.created_at,
  };
}

/**
 * Comments on a post, threaded: INTERNAL ones are the agency's (row-level security hides them from
 * client users), CLIENT ones are shared with the client's users and the seatless page. A member
 * mentioned gets a mail.
 */
@Injectable()
export class PostCommentsService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly approvals: ApprovalsRepository,
    private readonly members: MembersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(tx: Tx, organizationId: string, postId: string): Promise<PostComment[]> {
    return (await this.approvals.comments(tx, organizationId, postId)).map(toComment);
  }

  async add(tx: Tx, actor: TenantActor, input: AddPostCommentInput): Promise<PostComment> {
    const organizationId = actor.organizationId;
    const post = await this.posts.view(tx, organizationId, input.postId);
    if (!post) throw notFound('This post');
    const client = isClientRole(actor.role);
    if (client && input.visibility !== 'CLIENT') throw forbidden('Your comments are shared with the agency: choose CLIENT visibility.');
    if (input.parentId && !(await this.approvals.commentExists(tx, organizationId, post.id, input.parentId)))
      throw badInput('parentId', 'The comment you reply to does not exist on this post.');

    const mentions = [...new Set(input.mentions)].filter((id) => id !== actor.userId);
    for (const userId of mentions) {
      const member = await this.members.active(tx, organizationId, userId);
      if (!member) throw badInput('mentions', 'One of the people mentioned is not a member of this organization.');
      if (isClientRole(member.role)) {
        // A client user can be told only what they may read: a CLIENT comment on their own client's post.
        const theirs = await this.members.clientIdsOf(tx, organizationId, userId);
        if (input.visibility !== 'CLIENT' || !post.client_id || !theirs.includes(post.client_id)) {
          throw badInput('mentions', `${member.name} cannot read this comment: mention client users only in CLIENT comments on their own posts.`);
        }
      }
    }
    const author = present((await this.posts.names(tx, [actor.userId])).get(actor.userId), 'The author');
    const id = randomUUID();
    await this.approvals.insertComment(tx, {
      organizationId,
      id,
      postId: post.id,
      parentId: input.parentId ?? null,
      authorUserId: actor.userId,
      authorEmail: null,
      authorName: author.name,
      visibility: input.visibility,
      body: input.body,
      mentions,
    });
    await this.audit.record(tx, organizationId, {
      action: 'comment.added',
      actorUserId: actor.userId,
      targetType: 'post',
      targetId: post.id,
      data: { commentId: id, visibility: input.visibility, parentId: input.parentId ?? null, mentions },
    });
    if (mentions.length) {
      const people = await this.posts.names(tx, mentions);
      const organizationName = (await this.organizations.nameOf(tx, organizationId)) ?? '';
      for (const userId of mentions) {
        const person = people.get(userId);
        if (!person) continue;
        await this.mail.send(
          tx,
          organizationId,
          mentionMail({
            to: person.email,
            locale: (person.locale as Locale | null) ?? DEFAULT_LOCALE,
            organizationName,
            excerpt: excerptOf(post.content.text),
            by: author.name,
            body: input.body,
            link: `${this.config.publicUrl}/posts/${post.id}`,
          }),
        );
      }
    }
    return toComment(
      present(
        (await this.approvals.comments(tx, organizationId, post.id)).find((c) => c.id === id),
        'The new comment',
      ),
    );
  }
}
