import { displayHandle, NETWORKS, normalizeHandle, profileUrl } from './index';

const ok = (handle: string) => ({ ok: true, handle });

describe('normalizeHandle', () => {
  it.each([
    ['X', '@Acme_HQ', 'acme_hq'],
    ['X', 'https://twitter.com/Acme_HQ?lang=fr', 'acme_hq'],
    ['X', 'https://x.com/acme_hq/status/1', 'acme_hq'],
    ['INSTAGRAM', '@Acme.Studio', 'acme.studio'],
    ['INSTAGRAM', 'https://www.instagram.com/acme.studio/', 'acme.studio'],
    ['TIKTOK', '@Acme', 'acme'],
    ['YOUTUBE', 'https://www.youtube.com/@AcmeTV', '@acmetv'],
    ['YOUTUBE', 'AcmeTV', '@acmetv'],
    ['FACEBOOK', 'https://www.facebook.com/Acme.Official', 'acme.official'],
    ['LINKEDIN', 'https://www.linkedin.com/company/acme-sa/', 'company/acme-sa'],
    ['LINKEDIN', 'acme-sa', 'company/acme-sa'],
    ['MASTODON', '@Acme@Mastodon.Social', 'acme@mastodon.social'],
    ['MASTODON', 'https://mastodon.social/@acme', 'acme@mastodon.social'],
    ['BLUESKY', '@Acme.bsky.social', 'acme.bsky.social'],
    ['BLUESKY', 'acme', 'acme.bsky.social'],
    ['BLUESKY', 'https://bsky.app/profile/acme.fr', 'acme.fr'],
  ] as const)('%s %s → %s', (network, raw, handle) => {
    expect(normalizeHandle(network, raw)).toEqual(ok(handle));
  });

  it('reads a bare LinkedIn name as a personal profile for staff handles', () => {
    expect(normalizeHandle('LINKEDIN', 'jane-doe', 'STAFF')).toEqual(ok('in/jane-doe'));
  });

  it.each([
    ['X', 'way_too_long_for_x_handles'],
    ['X', 'acme hq'],
    ['INSTAGRAM', 'acme..studio'],
    ['MASTODON', 'acme'],
    ['MASTODON', '@acme@localhost'],
    ['FACEBOOK', 'abc'],
    ['BLUESKY', 'not a domain'],
    ['X', ''],
  ] as const)('rejects %s %j with an example of the right form', (network, raw) => {
    const result = normalizeHandle(network, raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Write it like/);
  });

  it('gives every network a profile address that round-trips through normalizeHandle', () => {
    const samples = {
      X: 'acme',
      LINKEDIN: 'company/acme',
      FACEBOOK: 'acme.official',
      INSTAGRAM: 'acme',
      MASTODON: 'acme@mastodon.social',
      BLUESKY: 'acme.bsky.social',
      TIKTOK: 'acme',
      YOUTUBE: '@acme',
    } as const;
    for (const network of NETWORKS) {
      expect(normalizeHandle(network, profileUrl(network, samples[network]))).toEqual(ok(samples[network]));
      expect(displayHandle(network, samples[network])).toContain(samples[network]);
    }
  });
});
