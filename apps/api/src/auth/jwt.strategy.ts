import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ACCESS_TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessTokenClaims } from './tokens';

/** Checks the access token's signature, expiry, issuer and audience; the session is checked by the guard. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject built once: given the string, jsonwebtoken first tries (and fails) to parse it as
      // a public key on every request, ~0.7 ms of CPU each. passport-jwt's types predate KeyObject.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): { userId: string; sessionId: string } {
    return { userId: claims.sub, sessionId: claims.sid };
  }
}
