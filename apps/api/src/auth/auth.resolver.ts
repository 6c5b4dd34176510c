import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CookieOptions } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { CurrentTx } from '../database/current-tx.decorator';
import type { Tx } from '../database/tx';
import { clientInfo, type Actor, type GqlContext } from '../common/request';
import { Authenticated, Public } from '../tenancy/access.decorator';
import { ORGANIZATION_HEADER } from '../tenancy/access.guard';
import { CurrentActor } from '../tenancy/current-actor.decorator';
import { requestLocale } from '../common/locale';
import { AuthPayload, LogInInput, SignUpInput, UpdateMyPreferencesInput, User } from './auth.models';
import { AuthService, type IssuedSession } from './auth.service';
import { REFRESH_COOKIE } from './tokens';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account, its first organization and an OWNER membership.' })
  @Public()
  async signUp(@Args('input') input: SignUpInput, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<AuthPayload> {
    return this.respond(ctx, await this.auth.signUp(tx, input, clientInfo(ctx.req), requestLocale(ctx.req)));
  }

  @Mutation(() => AuthPayload)
  @Public()
  async logIn(@Args('input') input: LogInInput, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<AuthPayload> {
    return this.respond(ctx, await this.auth.logIn(tx, input, clientInfo(ctx.req)));
  }

  @Mutation(() => AuthPayload, { description: 'Rotates the refresh-token cookie and returns a fresh access token.' })
  @Public()
  async refreshSession(@Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<AuthPayload> {
    try {
      return this.respond(ctx, await this.auth.refresh(tx, ctx.req.cookies?.[REFRESH_COOKIE], clientInfo(ctx.req)));
    } catch (error) {
      ctx.res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
      throw error;
    }
  }

  @Mutation(() => Boolean, { description: 'Ends the current session. Always succeeds.' })
  @Public()
  async logOut(@Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<boolean> {
    await this.auth.logOut(ctx.req.cookies?.[REFRESH_COOKIE], await this.bearerSessionId(ctx, tx), clientInfo(ctx.req));
    ctx.res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
    return true;
  }

  @Query(() => User, { description: 'The signed-in person and the organizations they belong to.' })
  @Authenticated()
  async me(@CurrentActor() actor: Actor, @Context() ctx: GqlContext, @CurrentTx() tx: Tx): Promise<User> {
    const user = await this.auth.loadUser(tx, actor.userId);
    const current = user.memberships.find((m) => m.organization.id === ctx.req.get(ORGANIZATION_HEADER)?.toLowerCase());
    return { ...user, role: current?.role ?? null, permissions: current?.permissions ?? [] };
  }

  @Mutation(() => User, { description: 'Saves the signed-in person’s preferences (their language), wherever they sign in.' })
  @Authenticated()
  async updateMyPreferences(
    @Args('input') input: UpdateMyPreferencesInput,
    @CurrentActor() actor: Actor,
    @Context() ctx: GqlContext,
    @CurrentTx() tx: Tx,
  ): Promise<User> {
    await this.auth.setLocale(tx, actor.userId, input.locale);
    return this.me(actor, ctx, tx);
  }

  private respond(ctx: GqlContext, session: IssuedSession): AuthPayload {
    return respondWithSession(ctx, session, this.config);
  }

  private cookieOptions(): CookieOptions {
    return refreshCookieOptions(this.config);
  }

  private async bearerSessionId(ctx: GqlContext, tx: Tx): Promise<string | null> {
    // Signing out with an expired token is still signing out.
    return (await this.auth.sessionFromBearer(tx, ctx.req.get('authorization'), true))?.sessionId ?? null;
  }
}

/** httpOnly (no script can read it), Strict (never sent cross-site), only to /graphql. */
export function refreshCookieOptions(config: AppConfig): CookieOptions {
  return { httpOnly: true, secure: config.production, sameSite: 'strict', path: '/graphql' };
}

/** Sets the refresh cookie and returns what the client keeps in memory. */
export function respondWithSession(ctx: GqlContext, session: IssuedSession, config: AppConfig): AuthPayload {
  ctx.res.cookie(REFRESH_COOKIE, session.refreshToken, { ...refreshCookieOptions(config), maxAge: config.refreshTokenTtlSeconds * 1000 });
  return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
}
