import { MAX_RETRY_SECONDS, postOutcome, retryDelaySeconds } from './index';

describe('retry delays', () => {
  it('doubles from 5 s, jittered between half and all of it', () => {
    expect(retryDelaySeconds(1, 0)).toBe(2.5);
    expect(retryDelaySeconds(1, 0.999999)).toBe(5);
    expect(retryDelaySeconds(2, 0.999999)).toBe(10);
    expect(retryDelaySeconds(4, 0)).toBe(20);
  });

  it('never retries before the network’s Retry-After, and never waits more than an hour', () => {
    expect(retryDelaySeconds(1, 0.5, 90)).toBe(90);
    expect(retryDelaySeconds(3, 0.5, 1)).toBe(15);
    expect(retryDelaySeconds(30, 0.9)).toBe(MAX_RETRY_SECONDS);
    expect(retryDelaySeconds(1, 0, 1e9)).toBe(MAX_RETRY_SECONDS);
  });

  it('spreads workers that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, (_, i) => retryDelaySeconds(3, i / 20)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('the post’s outcome', () => {
  it('waits while a publication is to run, then PUBLISHED or FAILED', () => {
    expect(postOutcome([])).toBeNull();
    expect(postOutcome(['PUBLISHED', 'SCHEDULED'])).toBeNull();
    expect(postOutcome(['PUBLISHED', 'PUBLISHING'])).toBeNull();
    expect(postOutcome(['PUBLISHED', 'PUBLISHED'])).toBe('PUBLISHED');
    expect(postOutcome(['PUBLISHED', 'CANCELLED'])).toBe('PUBLISHED');
    expect(postOutcome(['PUBLISHED', 'FAILED'])).toBe('FAILED');
    expect(postOutcome(['CANCELLED'])).toBeNull();
  });
});
