import { Injectable } from '@nestjs/common';
import type { Connector } from './connector';
import { BlueskyConnector } from './bluesky/bluesky.connector';
import { MastodonConnector } from './mastodon/mastodon.connector';
import { SandboxConnector } from './sandbox/sandbox.connector';

/** The connector an account publishes through, by name. */
@Injectable()
export class Connectors {
  private readonly byName: Map<string, Connector>;

  constructor(sandbox: SandboxConnector, mastodon: MastodonConnector, bluesky: BlueskyConnector) {
    this.byName = new Map<string, Connector>([
      [sandbox.name, sandbox],
      [mastodon.name, mastodon],
      [bluesky.name, bluesky],
    ]);
  }

  get(name: string): Connector {
    const connector = this.byName.get(name);
    if (!connector) throw new Error(`No connector for ${name}`);
    return connector;
  }

  /** Tests and benches register the connectors they point at a fake network. */
  register(connector: Connector): void {
    this.byName.set(connector.name, connector);
  }
}
