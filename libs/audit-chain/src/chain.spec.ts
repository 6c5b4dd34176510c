import fc from 'fast-check';
import {
  canonicalAroundSeq,
  canonicalDecode,
  canonicalEncode,
  chainHash,
  contentHash,
  ChainVerifier,
  GENESIS_HASH,
  sealEvent,
  verifyChain,
  type AuditEventContent,
  type StoredAuditEvent,
} from './index';

const ORG = '7f0c1b1e-2d4a-4c55-9d7e-0a4c9e3f5b21';

function content(seq: number, overrides: Partial<AuditEventContent> = {}): AuditEventContent {
  return {
    organizationId: ORG,
    seq,
    occurredAt: new Date(Date.UTC(2026, 10, 25, 6, 0, seq)).toISOString(),
    action: seq === 1 ? 'organization.created' : 'member.added',
    actorUserId: 'b3a3b0a8-1c61-4a7e-8d0e-5b8a2b3c9d10',
    targetType: 'organization',
    targetId: ORG,
    data: { name: `Acme ${seq}`, nested: { z: 1, a: [3, 2, 1] } },
    ...overrides,
  };
}

function buildChain(length: number): StoredAuditEvent[] {
  const events: StoredAuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const c = content(seq);
    const sealed = sealEvent(prevHash, c);
    events.push({ seq, ...sealed, content: c });
    prevHash = sealed.hash;
  }
  return events;
}

describe('canonical encoding (RFC 8785)', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    const text = canonicalEncode(content(1, { data: { b: 1, a: { d: true, c: null } } }));
    expect(text.startsWith('{"action":"organization.created","actorUserId":')).toBe(true);
    expect(text).toContain('"data":{"a":{"c":null,"d":true},"b":1}');
    expect(text).not.toMatch(/\s/);
    expect(text.endsWith(',"v":1}')).toBe(true);
  });

  it('does not depend on the order properties were written in', () => {
    const a = content(2);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as AuditEventContent;
    expect(canonicalEncode(reordered)).toBe(canonicalEncode(a));
  });

  it('formats numbers the ECMAScript way and escapes only what JSON requires', () => {
    const text = canonicalEncode(content(3, { data: { n: 1e21, f: 0.1 + 0.2, s: 'é\u2028"' } }));
    expect(text).toContain('"f":0.30000000000000004');
    expect(text).toContain('"n":1e+21');
    expect(text).toContain('"s":"é\u2028\\""');
  });

  it('round-trips through decode', () => {
    const c = content(4);
    expect(canonicalDecode(canonicalEncode(c))).toEqual(c);
    expect(() => canonicalDecode('{"v":99}')).toThrow('Not a canonical audit event');
  });
});

describe('canonical text around the seq (what PostgreSQL seals with)', () => {
  it('rebuilds the exact encoding for any seq and any data, even data holding seq and targetId keys', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const data = fc.dictionary(fc.oneof(fc.constantFrom('seq', 'targetId', 'v', 'a'), fc.string()), json, { maxKeys: 5 });
    fc.assert(
      fc.property(
        data,
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (eventData, targetType, targetId, seq) => {
          const event = { ...content(1), data: { ...eventData, nested: { seq: 0, targetId: 'x' } }, targetType, targetId };
          const { seq: _seq, ...withoutSeq } = event;
          const { beforeSeq, afterSeq } = canonicalAroundSeq(withoutSeq);
          expect(`${beforeSeq}${seq}${afterSeq}`).toBe(canonicalEncode({ ...event, seq }));
        },
      ),
    );
  });
});

describe('hash chain', () => {
  it('links each event to the previous hash', () => {
    const [first, second] = buildChain(2);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, first.canonical)).toBe(first.hash);
    // A different predecessor gives a different hash for the same content.
    expect(chainHash(second.hash, first.canonical)).not.toBe(first.hash);
  });

  it('verifies an intact chain and reports its head', () => {
    const events = buildChain(10);
    expect(verifyChain(events, { seq: 10, hash: events[9].hash })).toEqual({
      ok: true,
      checkedCount: 10,
      firstBrokenSeq: null,
      reason: null,
      headSeq: 10,
      headHash: events[9].hash,
    });
  });

  it('treats an empty chain as intact', () => {
    expect(verifyChain([])).toMatchObject({ ok: true, checkedCount: 0, headSeq: 0, headHash: GENESIS_HASH });
  });
});

describe('tamper detection', () => {
  const cases: Array<[string, number]> = [
    ['first', 1],
    ['middle', 5],
    ['last', 10],
  ];

  it.each(cases)('finds a rewritten canonical text at the %s position (seq %i)', (_label, seq) => {
    const events = buildChain(10);
    const target = events[seq - 1];
    target.canonical = target.canonical.replace('Acme', 'Evil');
    const result = verifyChain(events, { seq: 10, hash: events[9].hash });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: seq, reason: 'hash', checkedCount: seq - 1 });
  });

  it.each(cases)('finds a column edited without its canonical text at the %s position', (_label, seq) => {
    const events = buildChain(10);
    events[seq - 1].content = { ...events[seq - 1].content!, action: 'member.removed' };
    expect(verifyChain(events, { seq: 10, hash: events[9].hash })).toMatchObject({
      ok: false,
      firstBrokenSeq: seq,
      reason: 'content',
    });
  });

  it.each(cases)('finds an event re-hashed by the forger at the %s position by the next link', (_label, seq) => {
    const events = buildChain(10);
    const head = { seq: 10, hash: events[9].hash }; // recorded by the writer before the forgery
    const target = events[seq - 1];
    target.canonical = target.canonical.replace('Acme', 'Evil');
    target.hash = chainHash(target.prevHash, target.canonical);
    target.content = canonicalDecode(target.canonical);
    const result = verifyChain(events, head);
    // The forged event is self-consistent; the break shows where the next event points back,
    // or, for the last event, where the recorded head disagrees.
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(seq === 10 ? 10 : seq + 1);
    expect(result.reason).toBe(seq === 10 ? 'head' : 'prev-hash');
  });

  it('reports a deleted middle event at the missing seq', () => {
    const events = buildChain(10);
    events.splice(6, 1); // seq 7 gone
    expect(verifyChain(events, { seq: 10, hash: buildChain(10)[9].hash })).toMatchObject({
      ok: false,
      firstBrokenSeq: 7,
      reason: 'gap',
      checkedCount: 6,
    });
  });

  it('reports events deleted from the end against the recorded head', () => {
    const events = buildChain(10);
    const head = { seq: 10, hash: events[9].hash };
    expect(verifyChain(events.slice(0, 8), head)).toMatchObject({ ok: false, firstBrokenSeq: 9, reason: 'head' });
  });

  it('reports an event appended behind the writer’s back', () => {
    const events = buildChain(10);
    expect(verifyChain(events, { seq: 9, hash: events[8].hash })).toMatchObject({ ok: false, firstBrokenSeq: 10 });
  });

  it('streams: pushing after a break is refused and does not move the verdict', () => {
    const events = buildChain(5);
    events[1].hash = 'f'.repeat(64);
    const verifier = new ChainVerifier();
    expect(events.map((e) => verifier.push(e))).toEqual([true, false, false, false, false]);
    expect(verifier.result()).toMatchObject({ ok: false, firstBrokenSeq: 2, checkedCount: 1 });
  });
});

describe('content hash', () => {
  it('does not depend on key order and changes with any byte', () => {
    const a = contentHash({ text: 'Bonjour', targets: [{ accountId: 'x', text: null }], v: 1 });
    const b = contentHash({ v: 1, targets: [{ text: null, accountId: 'x' }], text: 'Bonjour' });
    expect(a).toEqual(b);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ v: 1, targets: [{ text: null, accountId: 'x' }], text: 'Bonjour!' }).hash).not.toBe(a.hash);
  });
});
