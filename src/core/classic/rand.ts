/**
 * The runtime's randomness, made replayable.
 *
 * The Go runtime draws `fastrand()` for: a map's hash seed (`hash0`, at `makemap`, when a delete
 * empties the map, at `mapclear`), the start bucket and offset of every `range`, and, once B > 15,
 * whether `incrnoverflow` counts a new overflow bucket. We draw them from a seeded generator so a
 * session can be replayed exactly.
 *
 * The generator is the runtime's own `fastrand` for 32-bit platforms (Go 1.19 `runtime/stubs.go`):
 * xorshift64+ built from two 32-bit xorshift sequences with the shift triplet [17, 7, 16]. Its state
 * is seeded from a 32-bit seed with splitmix32, so that every seed gives a non-zero state.
 */

export interface FastRand {
  /** `fastrand()`: a uniformly distributed uint32. */
  next(): number;
}

export class SeededFastRand implements FastRand {
  private s0: number;
  private s1: number;

  constructor(readonly seed: number) {
    let x = seed >>> 0;
    const splitmix32 = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix32();
    this.s1 = splitmix32() || 1;
  }

  next(): number {
    let s1 = this.s0;
    const s0 = this.s1;
    s1 ^= s1 << 17;
    s1 = s1 ^ s0 ^ (s1 >>> 7) ^ (s0 >>> 16);
    this.s0 = s0;
    this.s1 = s1 >>> 0;
    return (s0 + this.s1) >>> 0;
  }

  /** The generator's state, so a history can resume it. */
  state(): [number, number] {
    return [this.s0, this.s1];
  }

  restore([s0, s1]: [number, number]): void {
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
  }
}
