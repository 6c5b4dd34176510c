import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { badInput, notFound } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { Tx } from '../database/tx';
import { SecretBox } from '../secrets/secret-box';
import type { TenantActor } from '../tenancy/current-actor.decorator';
import { PublishError } from './connectors/connector';
import { BlueskyApi, DEFAULT_BLUESKY_SERVICE } from './connectors/bluesky/bluesky.api';
import { MastodonApi, type MastodonApp } from './connectors/mastodon/mastodon.api';
import { PublicationsRepository } from './publications.repository';

/** What a Bluesky app password looks like: never the account's own password. */
const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/;

/** A server that does not answer within this long is not waited for (the request holds a transaction). */
const SERVER_TIMEOUT_MS = 10_000;

/** How long a person has to say yes on their Mastodon server. */
const AUTHORIZATION_MINUTES = 15;

interface MastodonState {
  accountId: string;
  instanceUrl: string;
  app: MastodonApp;
  nonce: string;
  expiresAt: number;
}

/**
 * Connecting a brand account to its real network, without ever asking for a person's password:
 * Mastodon through OAuth 2 (authorization code). The server's app registration and the request
 * travel in the `state`, sealed with AES-256-GCM to this person in this organization; the token is
 * kept sealed to the account (`oauth_token_encrypted`) and never leaves the API.
 */
@Injectable()
export class AccountConnectionsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly publications: PublicationsRepository,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/connect/mastodon`;
  }

  /** Step 1: registers Clearpost with the account's server and returns where the person says yes. */
  async startMastodon(tx: Tx, actor: TenantActor, accountId: string, rawInstanceUrl: string): Promise<string> {
    await this.brandAccount(tx, actor, accountId, 'MASTODON'); // exists, a brand Mastodon account, active
    const instanceUrl = this.instanceUrl(rawInstanceUrl);
    const api = new MastodonApi(instanceUrl, AbortSignal.timeout(SERVER_TIMEOUT_MS));
    const app = await api.registerApp(this.redirectUri).catch((error: Error) => {
      throw badInput('instanceUrl', `That Mastodon server did not answer as one (${error.message}).`);
    });
    const state: MastodonState = { accountId, instanceUrl, app, nonce: randomUUID(), expiresAt: Date.now() + AUTHORIZATION_MINUTES * 60_000 };
    return api.authorizeUrl(app, this.redirectUri, this.box.encrypt(JSON.stringify(state), this.stateContext(actor)));
  }

  /** Step 2: the server sent the person back with a code; it becomes the account's token. */
  async completeMastodon(tx: Tx, actor: TenantActor, code: string, sealedState: string): Promise<{ accountId: string; remoteHandle: string }> {
    let state: MastodonState;
    try {
      state = JSON.parse(this.box.decrypt(sealedState, this.stateContext(actor))) as MastodonState;
    } catch {
      throw badInput('state', 'This authorization was not started by you here, or was altered. Start connecting the account again.');
    }
    if (state.expiresAt < Date.now())
      throw badInput('state', `This authorization is older than ${AUTHORIZATION_MINUTES} minutes. Start connecting the account again.`);
    const account = await this.brandAccount(tx, actor, state.accountId, 'MASTODON');
    const api = new MastodonApi(state.instanceUrl, AbortSignal.timeout(SERVER_TIMEOUT_MS));
    let token: string;
    let me: { id: string; acct: string; url: string };
    try {
      token = await api.exchangeCode(state.app, this.redirectUri, code);
      me = await api.verifyCredentials(token);
    } catch (error) {
      const message = error instanceof PublishError ? error.message : (error as Error).message;
      throw badInput('code', `The Mastodon server did not accept the authorization: ${message}`);
    }
    const host = new URL(state.instanceUrl).hostname;
    const remoteHandle = (me.acct.includes('@') ? me.acct : `${me.acct}@${host}`).toLowerCase();
    // The user names must match; the domain may not (a server can serve handles of another domain).
    if (remoteHandle.split('@')[0] !== account.handle.split('@')[0]) {
      throw badInput(
        'code',
        `You signed in on Mastodon as @${remoteHandle}, but this account is @${account.handle}. Sign in as @${account.handle} and try again.`,
      );
    }
    await this.accounts.setConnection(tx, actor.organizationId, account.id, {
      connector: 'MASTODON',
      details: { instanceUrl: state.instanceUrl, remoteAccountId: me.id, profileUrl: me.url },
      sealedToken: this.box.encrypt(token, account.id),
      by: actor.userId,
    });
    await this.audit.record(tx, actor.organizationId, {
      action: 'account.connected',
      actorUserId: actor.userId,
      targetType: 'account',
      targetId: account.id,
      data: { network: 'MASTODON', instance: host, remoteAccountId: me.id, handle: account.handle },
    });
    return { accountId: account.id, remoteHandle };
  }

  /**
   * Bluesky with an app password (Settings → Privacy and security → App passwords): revocable,
   * for this use only, never the account's own password — which is refused by its shape.
   */
  async connectBluesky(
    tx: Tx,
    actor: TenantActor,
    accountId: string,
    appPassword: string,
    rawService: string | undefined,
  ): Promise<{ accountId: string; remoteHandle: string }> {
    const account = await this.brandAccount(tx, actor, accountId, 'BLUESKY');
    if (!APP_PASSWORD.test(appPassword.trim())) {
      throw badInput(
        'appPassword',
        'Use an app password (xxxx-xxxx-xxxx-xxxx, made in Bluesky’s settings under App passwords), never the account’s own password.',
      );
    }
    const service = rawService ? this.instanceUrl(rawService, 'service') : DEFAULT_BLUESKY_SERVICE;
    let session: { did: string; handle: string };
    try {
      session = await new BlueskyApi(service, AbortSignal.timeout(SERVER_TIMEOUT_MS)).createSession(account.handle, appPassword.trim());
    } catch (error) {
      throw badInput('appPassword', `Bluesky did not accept this app password for @${account.handle}: ${(error as Error).message}`);
    }
    if (session.handle.toLowerCase() !== account.handle) {
      throw badInput('appPassword', `This app password belongs to @${session.handle}, not @${account.handle}.`);
    }
    await this.accounts.setConnection(tx, actor.organizationId, account.id, {
      connector: 'BLUESKY',
      details: { service, did: session.did },
      sealedToken: this.box.encrypt(appPassword.trim(), account.id),
      by: actor.userId,
    });
    await this.audit.record(tx, actor.organizationId, {
      action: 'account.connected',
      actorUserId: actor.userId,
      targetType: 'account',
      targetId: account.id,
      data: { network: 'BLUESKY', service: new URL(service).hostname, did: session.did, handle: account.handle },
    });
    return { accountId: account.id, remoteHandle: session.handle };
  }

  /** Back to the sandbox; the token is forgotten. */
  async disconnect(tx: Tx, actor: TenantActor, accountId: string): Promise<void> {
    const account = await this.publications.account(tx, actor.organizationId, accountId);
    if (!account) throw notFound('This account');
    if (account.connector === 'SANDBOX') return;
    await this.accounts.setConnection(tx, actor.organizationId, accountId, { connector: 'SANDBOX', details: null, sealedToken: null, by: null });
    await this.audit.record(tx, actor.organizationId, {
      action: 'account.disconnected',
      actorUserId: actor.userId,
      targetType: 'account',
      targetId: accountId,
      data: { network: account.network, connector: account.connector, handle: account.handle },
    });
  }

  private stateContext(actor: TenantActor): string {
    return `mastodon-connect:${actor.organizationId}:${actor.userId}`;
  }

  private async brandAccount(tx: Tx, actor: TenantActor, accountId: string, network: string) {
    const account = await this.publications.account(tx, actor.organizationId, accountId);
    if (!account) throw notFound('This account');
    if (account.network !== network) throw badInput('accountId', `@${account.handle} is not a ${network === 'MASTODON' ? 'Mastodon' : 'Bluesky'} account.`);
    if (account.kind !== 'BRAND')
      throw badInput('accountId', `@${account.handle} is a personal account: Clearpost does not publish to it, so it is not connected.`);
    if (account.deactivated_at) throw badInput('accountId', `@${account.handle} is deactivated.`);
    return account;
  }

  /**
   * The server's address: https (plain http only outside production, for local fakes), no
   * credentials, no path, and in production not an IP address (a name that resolves publicly).
   */
  private instanceUrl(raw: string, field = 'instanceUrl'): string {
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`);
    } catch {
      throw badInput(field, 'Write the server’s address, like mastodon.social.');
    }
    const allowed = this.config.production ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) throw badInput(field, 'The server must be reached over https.');
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== ''))
      throw badInput(field, 'Write only the server’s address, like mastodon.social.');
    if (this.config.production && (isIP(url.hostname.replace(/^\[|\]$/g, '')) || url.hostname === 'localhost')) {
      throw badInput(field, 'Write the server’s name, not an IP address.');
    }
    return url.origin;
  }
}
