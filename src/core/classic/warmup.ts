/**
 * The JIT's first look at `mapassign`'s rare paths, before the first map of the process is used.
 *
 * V8 optimizes `mapassign` after a few thousand inserts, with the type feedback it has seen so far,
 * and throws that code away ("insufficient type feedback", then a new compile of 10-20 ms of CPU)
 * the first time an insert takes a path it has not seen: the first tophash equal to a different
 * key's (`keyMatches`), the first walk to an overflow bucket, the first `newoverflow`. In a
 * presized map of 10^6 int64 keys those come one by one over the first few hundred thousand
 * inserts: three deopts, four compiles. So before the first map of a process whose keys and elems
 * are integers (word lanes), a throwaway map of the same type (B = 4, so with a preallocated
 * overflow bucket) takes 13 keys that all hash alike: each new key compares tophashes equal to
 * other keys', the 9th takes the overflow bucket, the rest walk to it; then one key is updated.
 * 14 inserts, twice, no growth; the user's map, its randomness and its hash seed are untouched.
 */
import { MapTypeInfo } from '../maptype';
import { Hasher, packHash } from './hash';
import { laneKindOf } from './lanes';
import { SeededFastRand } from './rand';
import { seededRandomness } from './randomness';
import type { HMap, HMapOptions } from './hmap';

/** Every key the same hash: bucket 5, tophash 0xab. */
const oneHash: Hasher = { description: 'warm-up: one hash for every key', hash: () => packHash(0xab000000, 5) };
/** A hint for B = 4 (1<<4 buckets and 1 preallocated overflow bucket). */
const warmHint = 100;
/** One bucket and 5 slots of its overflow bucket; below the load factor of B = 4. */
const warmKeys = 13;
let warmed = false;

/** Once per process, for the first map with integer keys and elems: see the header. */
export function warmUpAssign(t: MapTypeInfo, make: (t: MapTypeInfo, hint: number, opts: HMapOptions) => HMap): void {
  if (warmed || laneKindOf(t.key, t.indirectkey) === 'value' || laneKindOf(t.elem, t.indirectelem) === 'value') return;
  warmed = true;
  // Twice: V8 keeps no feedback for a function's first 8 calls (it allocates the vector then).
  for (let round = 0; round < 2; round++) {
    const m = make(t, warmHint, { hasher: oneHash, random: seededRandomness(new SeededFastRand(1)) });
    for (let i = 1; i <= warmKeys; i++) m.assign(i, i);
    m.assign(warmKeys, 0);
  }
}
