/**
 * Aho–Corasick over UTF-16 code units, compiled to a dense DFA: every state has a transition for
 * every symbol of the patterns' alphabet (failure links folded in at build time), so scanning is
 * one table read per code unit, with no backtracking and no per-character allocation.
 *
 * Why not a package: modern-ahocorasick 3.3 (grapheme-aware) scanned a 3,000-character post
 * against 10,000 terms in ~50 µs, only 1.8× faster than one V8 alternation regex (~92 µs); this
 * table does it in a few µs. The text it scans is already normalized (see normalize.ts), so
 * grapheme awareness is not needed here; word boundaries are checked by the caller on each hit.
 */
export class AhoCorasick {
  /** code unit → symbol (0 = a unit that occurs in no pattern). */
  private readonly symbolOf: Uint16Array;
  private readonly symbols: number;
  /** Dense DFA: next state = delta[state * symbols + symbol]. */
  private readonly delta: Int32Array;
  /** Per state: index into outputList of the first pattern ending here (−1: none), and the next. */
  private readonly outputHead: Int32Array;
  private readonly outputPattern: number[] = [];
  private readonly outputNext: number[] = [];
  readonly patternLengths: Int32Array;

  constructor(patterns: readonly string[]) {
    // Alphabet: every code unit used by a pattern.
    const symbolOf = new Uint16Array(65536);
    let symbols = 1;
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.length; i++) {
        const unit = pattern.charCodeAt(i);
        if (symbolOf[unit] === 0) symbolOf[unit] = symbols++;
      }
    }
    if (symbols > 65535) throw new Error('Alphabet too large');
    this.symbolOf = symbolOf;
    this.symbols = symbols;
    this.patternLengths = Int32Array.from(patterns, (p) => p.length);

    // Trie, with growable arrays.
    let capacity = 1024;
    let delta = new Int32Array(capacity * symbols).fill(-1);
    let outputHead = new Int32Array(capacity).fill(-1);
    let states = 1;
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const cell = state * symbols + symbolOf[pattern.charCodeAt(i)];
        let next = delta[cell];
        if (next === -1) {
          if (states === capacity) {
            capacity *= 2;
            const grown = new Int32Array(capacity * symbols).fill(-1);
            grown.set(delta);
            delta = grown;
            const heads = new Int32Array(capacity).fill(-1);
            heads.set(outputHead);
            outputHead = heads;
          }
          next = states++;
          delta[cell] = next;
        }
        state = next;
      }
      this.outputPattern.push(index);
      this.outputNext.push(outputHead[state]);
      outputHead[state] = this.outputPattern.length - 1;
    });

    // Breadth-first: fold failure links into the table and chain outputs along them.
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let s = 0; s < symbols; s++) {
      const next = delta[s];
      if (next === -1) delta[s] = 0;
      else {
        fail[next] = 0;
        queue[tail++] = next;
      }
    }
    while (head < tail) {
      const state = queue[head++];
      const failState = fail[state];
      // Outputs of the failure state are outputs here too (appended once, as a chain tail).
      if (outputHead[state] === -1) outputHead[state] = outputHead[failState];
      else {
        let last = outputHead[state];
        while (this.outputNext[last] !== -1) last = this.outputNext[last];
        this.outputNext[last] = outputHead[failState];
      }
      const row = state * symbols;
      const failRow = failState * symbols;
      for (let s = 0; s < symbols; s++) {
        const next = delta[row + s];
        if (next === -1) delta[row + s] = delta[failRow + s];
        else {
          fail[next] = delta[failRow + s];
          queue[tail++] = next;
        }
      }
    }
    this.delta = delta.subarray(0, states * symbols);
    this.outputHead = outputHead.subarray(0, states);
  }

  /** Calls `onHit(patternIndex, end)` for every occurrence (end exclusive), overlaps included. */
  scan(text: string, onHit: (patternIndex: number, end: number) => void): void {
    const { symbolOf, symbols, delta, outputHead, outputPattern, outputNext } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = delta[state * symbols + symbolOf[text.charCodeAt(i)]];
      let out = outputHead[state];
      while (out !== -1) {
        onHit(outputPattern[out], i + 1);
        out = outputNext[out];
      }
    }
  }
}
