import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLBoolean } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import jwt from 'jsonwebtoken';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { ACCESS_TOKEN_AUDIENCE, TOKEN_ISSUER } from '../auth/tokens';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Db } from '../database/db.service';
import { LiveRepository } from './live.repository';
import { PostEvents, type PostEvent } from './post-events';
import { isId } from '../common/ids';

export const LIVE_PATH = '/graphql/ws';

interface LiveActor {
  userId: string;
  organizationId: string;
  role: string;
  client: boolean;
}

const PostChange = new GraphQLObjectType({
  name: 'PostChange',
  description: 'Something happened to a post: re-read it. Ids and the audit action only.',
  fields: {
    postId: { type: new GraphQLNonNull(GraphQLID) },
    action: { type: new GraphQLNonNull(GraphQLString), description: 'The audit action, e.g. publication.published.' },
    at: { type: new GraphQLNonNull(GraphQLString) },
  },
});

/**
 * GraphQL subscriptions over graphql-ws at /graphql/ws: `postChanged(postId)` for a post page and
 * `postsChanged` for the queue and the calendar. The connection says who it is in its
 * `connectionParams` ({ authorization: "Bearer …", organizationId }) — checked like a request: the
 * token, the live session, the membership. Each event is sent only to readers who may see the post
 * (row-level security decides, so a client user hears only their client's posts). Events come from
 * every process through Redis pub/sub (PostEvents).
 */
@Injectable()
export class LiveGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private wss: WebSocketServer | null = null;
  private dispose: (() => void | Promise<void>) | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly events: PostEvents,
    private readonly db: Db,
    private readonly live: LiveRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return; // a worker: no HTTP, no subscribers
    this.wss = new WebSocketServer({ server, path: LIVE_PATH, maxPayload: 64 * 1024 });
    const cleanup = useServer<Record<string, unknown>, { actor?: LiveActor }>(
      {
        schema: this.schema(),
        onConnect: async (ctx) => {
          const actor = await this.authenticate(ctx.connectionParams ?? {}).catch(() => null);
          if (!actor) return false; // closes with 4403 Forbidden
          ctx.extra.actor = actor;
          return true;
        },
        context: (ctx) => ({ actor: ctx.extra.actor }),
      },
      this.wss,
    );
    this.dispose = () => cleanup.dispose();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispose?.();
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  private schema(): GraphQLSchema {
    const follow = (actor: LiveActor, postId: string | null) => this.follow(actor, postId);
    return new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { live: { type: GraphQLBoolean, resolve: () => true } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: {
          postChanged: {
            type: new GraphQLNonNull(PostChange),
            args: { postId: { type: new GraphQLNonNull(GraphQLID) } },
            subscribe: async (_root, args: { postId: string }, context: { actor: LiveActor }) => {
              if (!isId(args.postId)) throw new Error('Not a post id.');
              const seen = await this.db.run({ organizationId: context.actor.organizationId, userId: context.actor.userId }, (tx) =>
                this.live.sees(tx, context.actor.organizationId, args.postId),
              );
              if (!seen) throw new Error('This post was not found.');
              return follow(context.actor, args.postId);
            },
            resolve: (event: PostEvent) => event,
          },
          postsChanged: {
            type: new GraphQLNonNull(PostChange),
            description: 'Every post of the organization the reader may see.',
            subscribe: (_root, _args, context: { actor: LiveActor }) => follow(context.actor, null),
            resolve: (event: PostEvent) => event,
          },
        },
      }),
    });
  }

  /** The events of the reader's organization (of one post, or all they may see), as an async iterator. */
  private follow(actor: LiveActor, postId: string | null): AsyncIterableIterator<PostEvent> {
    const queue: PostEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const stop = this.events.listen((event) => {
      if (event.organizationId !== actor.organizationId || (postId && event.postId !== postId)) return;
      void this.visible(actor, event, postId).then((ok) => {
        if (!ok || done) return;
        queue.push(event);
        wake?.();
      });
    });
    const iterator: AsyncIterableIterator<PostEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        while (!done && !queue.length) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        return done ? { value: undefined, done: true } : { value: queue.shift() as PostEvent, done: false };
      },
      return: async () => {
        done = true;
        stop();
        wake?.();
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }

  /** Staff see every post of their organization but drafts of others are theirs to see too; client users only what RLS shows them. */
  private async visible(actor: LiveActor, event: PostEvent, followed: string | null): Promise<boolean> {
    if (!actor.client && followed) return true; // checked when the subscription started
    if (!actor.client) return true;
    return this.db
      .run({ organizationId: actor.organizationId, userId: actor.userId }, (tx) => this.live.sees(tx, actor.organizationId, event.postId))
      .catch(() => false);
  }

  private async authenticate(params: Record<string, unknown>): Promise<LiveActor | null> {
    const token = String(params.authorization ?? '').replace(/^Bearer /, '');
    const organizationId = String(params.organizationId ?? '');
    if (!token || !isId(organizationId)) return null;
    let claims: { sub?: string; sid?: string };
    try {
      claims = jwt.verify(token, this.config.jwtSecret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE }) as typeof claims;
    } catch {
      return null;
    }
    if (!claims.sub || !claims.sid || !isId(claims.sub) || !isId(claims.sid)) return null;
    const userId = claims.sub;
    const sessionId = claims.sid;
    const row = await this.db.run({ organizationId, userId }, (tx) => this.live.access(tx, sessionId, userId, organizationId));
    if (!row?.live || !row.role) return null;
    return { userId, organizationId, role: row.role, client: row.role.startsWith('CLIENT_') };
  }
}
