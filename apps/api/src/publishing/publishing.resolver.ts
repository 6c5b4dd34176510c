import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { badInput } from '../common/errors';
import { pageSize, decodeKeyCursor, encodeKeyCursor, toConnection } from '../common/pagination';
import type { GqlContext } from '../common/request';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { Post, PostActionInput } from '../posts/post.models';
import { PostsService } from '../posts/posts.service';
import { tenant } from '../posts/posts.resolver';
import { RequirePermission } from '../tenancy/access.decorator';
import { CurrentMember, type TenantActor } from '../tenancy/current-actor.decorator';
import { SandboxRepository } from './connectors/sandbox/sandbox.repository';
import { AccountConnectionsService } from './account-connections.service';
import {
  AccountActionInput,
  CalendarEntry,
  CalendarFilter,
  CompleteMastodonInput,
  ConnectBlueskyInput,
  ConnectMastodonInput,
  MastodonAuthorization,
  NetworkConnection,
  Publication,
  PublicationActionInput,
  SandboxPostConnection,
} from './publication.models';
import { PublicationsRepository, type PublicationRow } from './publications.repository';
import { PublishingService } from './publishing.service';
import { isId } from '../common/ids';

const MAX_CALENDAR_DAYS = 42;

export function toPublication(row: PublicationRow): Publication {
  return {
    id: row.id,
    postId: row.post_id,
    accountId: row.account_id,
    handle: row.handle,
    network: row.network,
    displayName: row.display_name,
    state: row.state,
    dueAt: row.due_at,
    attempts: row.attempts,
    connector: row.connector,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    lastError: row.last_error,
    errorPermanent: row.error_permanent,
    nextAttemptAt: row.next_attempt_at,
    publishedAt: row.published_at,
  };
}

@Resolver(() => Post)
export class PublishingResolver {
  constructor(
    private readonly publishing: PublishingService,
    private readonly publicationRows: PublicationsRepository,
    private readonly postsService: PostsService,
    private readonly sandbox: SandboxRepository,
    private readonly connections: AccountConnectionsService,
  ) {}

  @Mutation(() => MastodonAuthorization, {
    description: 'Starts connecting a brand Mastodon account (OAuth 2): send the person to `authorizeUrl`; their server sends them back to /connect/mastodon.',
  })
  @RequirePermission('account.manage')
  async connectMastodonAccount(
    @CurrentMember() actor: TenantActor,
    @Args('input') input: ConnectMastodonInput,
    @CurrentTx() tx: Tx,
  ): Promise<MastodonAuthorization> {
    return { authorizeUrl: await this.connections.startMastodon(tx, actor, input.accountId, input.instanceUrl) };
  }

  @Mutation(() => NetworkConnection, {
    description: 'Finishes connecting with the `code` and `state` the Mastodon server sent back (same person, within 15 minutes).',
  })
  @RequirePermission('account.manage')
  async completeMastodonConnection(
    @CurrentMember() actor: TenantActor,
    @Args('input') input: CompleteMastodonInput,
    @CurrentTx() tx: Tx,
  ): Promise<NetworkConnection> {
    const done = await this.connections.completeMastodon(tx, actor, input.code, input.state);
    return { accountId: done.accountId, connector: 'MASTODON', remoteHandle: done.remoteHandle };
  }

  @Mutation(() => NetworkConnection, { description: 'Connects a brand Bluesky account with an app password (never the account’s own password).' })
  @RequirePermission('account.manage')
  async connectBlueskyAccount(@CurrentMember() actor: TenantActor, @Args('input') input: ConnectBlueskyInput, @CurrentTx() tx: Tx): Promise<NetworkConnection> {
    const done = await this.connections.connectBluesky(tx, actor, input.accountId, input.appPassword, input.service);
    return { accountId: done.accountId, connector: 'BLUESKY', remoteHandle: done.remoteHandle };
  }

  @Mutation(() => NetworkConnection, { description: 'Disconnects an account from its network: it publishes to the sandbox again, and its token is forgotten.' })
  @RequirePermission('account.manage')
  async disconnectAccount(@CurrentMember() actor: TenantActor, @Args('input') input: AccountActionInput, @CurrentTx() tx: Tx): Promise<NetworkConnection> {
    await this.connections.disconnect(tx, actor, input.accountId);
    return { accountId: input.accountId, connector: 'SANDBOX', remoteHandle: null };
  }

  @ResolveField(() => [Publication], { description: 'Where the post goes out: one publication per brand account, once it is scheduled.' })
  async publications(@Parent() post: Post, @Context() ctx: GqlContext): Promise<Publication[]> {
    const { tx, actor } = tenant(ctx);
    return (await this.publicationRows.ofPost(tx, actor.organizationId, post.id)).map(toPublication);
  }

  @Mutation(() => Post, { description: 'Publishes an approved (or scheduled) post now, if now is inside every target’s posting hours.' })
  @RequirePermission('post.write')
  publishPostNow(@CurrentMember() actor: TenantActor, @Args('input') input: PostActionInput, @CurrentTx() tx: Tx): Promise<Post> {
    return this.postsService.publishNow(tx, actor, input.postId);
  }

  @Mutation(() => Publication, { description: 'Runs a FAILED publication again (the post goes back to PUBLISHING).' })
  @RequirePermission('post.write')
  async retryPublication(@CurrentMember() actor: TenantActor, @Args('input') input: PublicationActionInput, @CurrentTx() tx: Tx): Promise<Publication> {
    return toPublication(await this.publishing.retry(tx, actor, input.publicationId));
  }

  @Query(() => SandboxPostConnection, { description: 'The sandbox network’s feed: what Clearpost published there, newest first.' })
  @RequirePermission('post.read')
  async sandboxFeed(
    @CurrentMember() actor: TenantActor,
    @CurrentTx() tx: Tx,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('accountId', { type: () => String, nullable: true }) accountId?: string,
  ): Promise<SandboxPostConnection> {
    if (accountId && !isId(accountId)) throw badInput('accountId', 'Not an account id.');
    const size = pageSize(first);
    const rows = await this.sandbox.page(tx, actor.organizationId, size + 1, after ? (decodeKeyCursor(after, 2) as [string, string]) : null, accountId ?? null);
    return toConnection(
      rows,
      size,
      (row) => encodeKeyCursor([row.created_at.toISOString(), row.id]),
      (row) => ({
        id: row.id,
        accountId: row.account_id,
        handle: row.handle,
        network: row.network,
        displayName: row.display_name,
        text: row.text,
        links: row.links,
        createdAt: row.created_at,
      }),
    );
  }

  @Query(() => [CalendarEntry], { description: 'Scheduled and published posts in [from, to), at most 42 days, by client and account.' })
  @RequirePermission('post.read')
  async calendar(@CurrentMember() actor: TenantActor, @Args('filter') filter: CalendarFilter, @CurrentTx() tx: Tx): Promise<CalendarEntry[]> {
    if (filter.to <= filter.from) throw badInput('filter.to', 'The end of the period must come after its start.');
    if (filter.to.getTime() - filter.from.getTime() > MAX_CALENDAR_DAYS * 86_400_000)
      throw badInput('filter.to', `Show at most ${MAX_CALENDAR_DAYS} days at once.`);
    const rows = await this.publicationRows.calendar(tx, actor.organizationId, filter.from, filter.to, filter.clientId ?? null, filter.accountId ?? null);
    return rows.map((row) => ({
      postId: row.post_id,
      state: row.state as CalendarEntry['state'],
      at: row.at,
      clientId: row.client_id,
      clientName: row.client_name,
      excerpt: [...(row.text ?? '')].slice(0, 140).join(''),
      accounts: (row.accounts ?? []).map((a) => ({
        id: a.id,
        handle: a.handle,
        network: a.network,
        timezone: a.timezone,
        publicationState: (a.publication_state as CalendarEntry['accounts'][number]['publicationState']) ?? null,
        remoteUrl: a.remote_url,
      })),
    }));
  }
}
