/**
 * The social networks Clearpost governs, and how a handle is written on each. A handle is stored
 * in its normalized form so the same account cannot be registered twice under two spellings
 * (`@Acme`, `acme`, `https://x.com/acme`). Runs in the API and in the browser.
 */
export const NETWORKS = ['X', 'LINKEDIN', 'FACEBOOK', 'INSTAGRAM', 'MASTODON', 'BLUESKY', 'TIKTOK', 'YOUTUBE'] as const;
export type Network = (typeof NETWORKS)[number];

export const NETWORK_LABELS: Record<Network, string> = {
  X: 'X',
  LINKEDIN: 'LinkedIn',
  FACEBOOK: 'Facebook',
  INSTAGRAM: 'Instagram',
  MASTODON: 'Mastodon',
  BLUESKY: 'Bluesky',
  TIKTOK: 'TikTok',
  YOUTUBE: 'YouTube',
};

/** What a handle looks like on each network, for placeholders and error messages. */
export const HANDLE_EXAMPLES: Record<Network, string> = {
  X: '@acme',
  LINKEDIN: 'company/acme or in/jane-doe',
  FACEBOOK: 'acme.official',
  INSTAGRAM: '@acme.studio',
  MASTODON: '@acme@mastodon.social',
  BLUESKY: 'acme.bsky.social',
  TIKTOK: '@acme',
  YOUTUBE: '@acme',
};

export type HandleResult = { ok: true; handle: string } | { ok: false; message: string };

const URL_PREFIX: Record<Network, RegExp> = {
  X: /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\//,
  LINKEDIN: /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\//,
  FACEBOOK: /^(?:https?:\/\/)?(?:www\.|m\.)?(?:facebook|fb)\.com\//,
  INSTAGRAM: /^(?:https?:\/\/)?(?:www\.)?instagram\.com\//,
  MASTODON: /^$/, // a Mastodon URL names the server too; handled below
  BLUESKY: /^(?:https?:\/\/)?bsky\.app\/profile\//,
  TIKTOK: /^(?:https?:\/\/)?(?:www\.)?tiktok\.com\//,
  YOUTUBE: /^(?:https?:\/\/)?(?:www\.|m\.)?youtube\.com\//,
};

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function invalid(network: Network): HandleResult {
  return { ok: false, message: `This is not a valid ${NETWORK_LABELS[network]} handle. Write it like ${HANDLE_EXAMPLES[network]}.` };
}

/**
 * The canonical form of `raw` on `network`: lower case, without `@` or profile URL, e.g.
 * `acme` on X, `company/acme` on LinkedIn, `acme@mastodon.social` on Mastodon. `kind` decides
 * what a bare LinkedIn name means (a company page for a brand, a profile for staff).
 */
export function normalizeHandle(network: Network, raw: string, kind: 'BRAND' | 'STAFF' = 'BRAND'): HandleResult {
  let value = raw
    .trim()
    .toLowerCase()
    .replace(URL_PREFIX[network], '')
    .replace(/[/?#].*$/s, (rest) => (network === 'LINKEDIN' ? rest : ''));
  if (network === 'LINKEDIN') value = value.replace(/[?#].*$/s, '').replace(/\/+$/, '');
  switch (network) {
    case 'X':
      value = value.replace(/^@/, '');
      return /^[a-z0-9_]{1,15}$/.test(value) ? { ok: true, handle: value } : invalid(network);
    case 'INSTAGRAM':
      value = value.replace(/^@/, '');
      return /^(?!.*\.\.)(?!\.)(?!.*\.$)[a-z0-9._]{1,30}$/.test(value) ? { ok: true, handle: value } : invalid(network);
    case 'TIKTOK':
      value = value.replace(/^@/, '');
      return /^(?!.*\.$)[a-z0-9._]{2,24}$/.test(value) ? { ok: true, handle: value } : invalid(network);
    case 'YOUTUBE':
      value = value.replace(/^@/, '');
      return /^[a-z0-9._-]{3,30}$/.test(value) ? { ok: true, handle: `@${value}` } : invalid(network);
    case 'FACEBOOK':
      return /^[a-z0-9.]{5,50}$/.test(value) ? { ok: true, handle: value } : invalid(network);
    case 'LINKEDIN': {
      const match = /^(?:(company|in|showcase|school)\/)?([a-z0-9-]{2,100})$/.exec(value);
      if (!match) return invalid(network);
      return { ok: true, handle: `${match[1] ?? (kind === 'STAFF' ? 'in' : 'company')}/${match[2]}` };
    }
    case 'MASTODON': {
      const fromUrl = /^(?:https?:\/\/)([^/]+)\/@([^/?#]+)/.exec(raw.trim().toLowerCase());
      const [user, server] = fromUrl ? [fromUrl[2], fromUrl[1]] : value.replace(/^@/, '').split('@');
      if (!user || !server || !/^[a-z0-9_]{1,30}$/.test(user) || !DOMAIN.test(server)) return invalid(network);
      return { ok: true, handle: `${user}@${server}` };
    }
    case 'BLUESKY': {
      value = value.replace(/^@/, '');
      if (!value.includes('.')) value = `${value}.bsky.social`;
      return DOMAIN.test(value) ? { ok: true, handle: value } : invalid(network);
    }
  }
}

/** How the handle is shown to people: `@acme` where the network writes it that way. */
export function displayHandle(network: Network, handle: string): string {
  switch (network) {
    case 'X':
    case 'INSTAGRAM':
    case 'TIKTOK':
    case 'BLUESKY':
    case 'MASTODON':
      return `@${handle}`;
    default:
      return handle;
  }
}

/** The public profile address of a normalized handle. */
export function profileUrl(network: Network, handle: string): string {
  switch (network) {
    case 'X':
      return `https://x.com/${handle}`;
    case 'LINKEDIN':
      return `https://www.linkedin.com/${handle}`;
    case 'FACEBOOK':
      return `https://www.facebook.com/${handle}`;
    case 'INSTAGRAM':
      return `https://www.instagram.com/${handle}`;
    case 'MASTODON': {
      const [user, server] = handle.split('@');
      return `https://${server}/@${user}`;
    }
    case 'BLUESKY':
      return `https://bsky.app/profile/${handle}`;
    case 'TIKTOK':
      return `https://www.tiktok.com/@${handle}`;
    case 'YOUTUBE':
      return `https://www.youtube.com/${handle}`;
  }
}

export function isNetwork(value: unknown): value is Network {
  return typeof value === 'string' && (NETWORKS as readonly string[]).includes(value);
}
