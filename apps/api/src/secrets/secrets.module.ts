import { Global, Module } from '@nestjs/common';
import { SecretBox } from './secret-box';

/** AES-256-GCM for what is kept at rest: OAuth tokens, mail bodies. */
@Global()
@Module({ providers: [SecretBox], exports: [SecretBox] })
export class SecretsModule {}
