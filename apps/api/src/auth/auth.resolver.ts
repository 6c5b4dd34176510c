import { Inject } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CookieOptions } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { clientInfo, type Actor, type GqlContext } from '../common/request';
import { Authenticated, Public } from '../tenancy/access.decorator';
import { CurrentActor } from '../tenancy/current-actor.decorator';
import { AuthPayload, LogInInput, SignUpInput, User } from './auth.models';
import { AuthService, type IssuedSession } from './auth.service';
import { ACCESS_TOKEN_AUDIENCE, REFRESH_COOKIE, TOKEN_ISSUER, type AccessTokenClaims } from './tokens';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account, its first organization and an OWNER membership.' })
  @Public()
  async signUp(@Args('input') input: SignUpInput, @Context() ctx: GqlContext): Promise<AuthPayload> {
    return this.respond(ctx, await this.auth.signUp(input, clientInfo(ctx.req)));
  }

  @Mutation(() => AuthPayload)
  @Public()
  async logIn(@Args('input') input: LogInInput, @Context() ctx: GqlContext): Promise<AuthPayload> {
    return this.respond(ctx, await this.auth.logIn(input, clientInfo(ctx.req)));
  }

  @Mutation(() => AuthPayload, { description: 'Rotates the refresh-token cookie and returns a fresh access token.' })
  @Public()
  async refreshSession(@Context() ctx: GqlContext): Promise<AuthPayload> {
    try {
      return this.respond(ctx, await this.auth.refresh(ctx.req.cookies?.[REFRESH_COOKIE], clientInfo(ctx.req)));
    } catch (error) {
      ctx.res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
      throw error;
    }
  }

  @Mutation(() => Boolean, { description: 'Ends the current session. Always succeeds.' })
  @Public()
  async logOut(@Context() ctx: GqlContext): Promise<boolean> {
    await this.auth.logOut(ctx.req.cookies?.[REFRESH_COOKIE], await this.bearerSessionId(ctx), clientInfo(ctx.req));
    ctx.res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
    return true;
  }

  @Query(() => User, { description: 'The signed-in person and the organizations they belong to.' })
  @Authenticated()
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.auth.loadUser(actor.userId);
  }

  private respond(ctx: GqlContext, session: IssuedSession): AuthPayload {
    ctx.res.cookie(REFRESH_COOKIE, session.refreshToken, {
      ...this.cookieOptions(),
      maxAge: this.config.refreshTokenTtlSeconds * 1000,
    });
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  }

  /** httpOnly (no script can read it), Strict (never sent cross-site), only to /graphql. */
  private cookieOptions(): CookieOptions {
    return { httpOnly: true, secure: this.config.production, sameSite: 'strict', path: '/graphql' };
  }

  private async bearerSessionId(ctx: GqlContext): Promise<string | null> {
    const token = /^Bearer (.+)$/.exec(ctx.req.get('authorization') ?? '')?.[1];
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        secret: this.config.jwtSecret,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        ignoreExpiration: true, // signing out with an expired token is still signing out
      });
      return claims.sid;
    } catch {
      return null;
    }
  }
}
