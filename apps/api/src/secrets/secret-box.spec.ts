import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { SecretBox } from './secret-box';

const box = (key = randomBytes(32)) => new SecretBox({ encryptionKey: key } as AppConfig);

describe('SecretBox (AES-256-GCM at rest)', () => {
  const key = randomBytes(32);

  it('round-trips, and never stores the plaintext', () => {
    const sealed = box(key).encrypt('oauth-token-123', 'account-1');
    expect(sealed).not.toContain('oauth-token-123');
    expect(sealed).toMatch(/^v1\./);
    expect(box(key).decrypt(sealed, 'account-1')).toBe('oauth-token-123');
  });

  it('uses a fresh IV each time', () => {
    expect(box(key).encrypt('same', 'a')).not.toBe(box(key).encrypt('same', 'a'));
  });

  it('refuses a tampered value, another row’s context or another key', () => {
    const sealed = box(key).encrypt('oauth-token-123', 'account-1');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box(key).decrypt([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'account-1')).toThrow();
    expect(() => box(key).decrypt(sealed, 'account-2')).toThrow();
    expect(() => box().decrypt(sealed, 'account-1')).toThrow();
  });
});
