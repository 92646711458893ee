/**
 * The Swiss model's default hash of an integer key: `DefaultSwissHasher.hash` takes safe integers
 * through classic's flat `hashWords64Halves` (so the JIT inlines it and no heap number is made per
 * insert); every other key goes word by word through the hasher's own lanes. The two must agree: an
 * int64 key is its two's-complement words, low then high, then the length 8, mixed in both lanes
 * (the low lane seeded with the seed's low word, the high lane with its high word ^ 0x9e3779b9).
 * A change to either path that the other does not follow would move every integer key of the
 * simulated maps (and the panels' pictures) without any oracle noticing: the oracles replay with
 * the runtime's own hashes.
 */
import * as assert from 'assert';
import { SeededFastRand } from '../../src/core/classic/rand';
import { DefaultSwissHasher, PackedHash, SwissSeed } from '../../src/core/swiss/hash';

/** The hasher's word-by-word path for an integer's words (its private steps, as `hashWords` runs them). */
function wordByWord(h: DefaultSwissHasher, k: number, seed: SwissSeed): PackedHash {
  const steps = h as unknown as { begin(s: SwissSeed): void; word(w: number): void; end(n: number): PackedHash };
  steps.begin(seed);
  steps.word(k >>> 0); // the low word of the two's complement
  steps.word(Math.floor(k / 2 ** 32) >>> 0); // the high word
  return steps.end(8);
}

describe('swiss: the default hash of integer keys', () => {
  const keys = [0, -0, 1, -1, 127, 128, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 32 + 1, -(2 ** 32) - 1, 2 ** 40 + 5, 2 ** 53 - 1, -(2 ** 53 - 1), 123456789, -987654321012];
  for (const bits of [64, 32] as const) {
    it(`the inlined integer path equals the word-by-word path (${bits}-bit hash)`, () => {
      const rand = new SeededFastRand(7);
      const h = new DefaultSwissHasher(new SeededFastRand(1), bits);
      let checked = 0;
      for (let s = 0; s < 5; s++) {
        const seed = { lo: rand.next() >>> 0, hi: rand.next() >>> 0 } as SwissSeed;
        for (const k of keys) {
          assert.strictEqual(h.hash(k, seed), wordByWord(h, k, seed), `key ${k}, seed ${seed.lo}/${seed.hi}`);
          checked++;
        }
      }
      assert.strictEqual(checked, 5 * keys.length);
    });
  }

  it('a key that differs only in its high word hashes differently (both words reach the hash)', () => {
    const h = new DefaultSwissHasher(new SeededFastRand(1), 64);
    const seed = { lo: 1, hi: 2 } as SwissSeed;
    assert.notStrictEqual(h.hash(5, seed), h.hash(2 ** 32 + 5, seed));
  });
});
