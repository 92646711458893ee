/**
 * Where a classic map's random numbers come from. The runtime draws `fastrand()` for `hash0` (at
 * makemap, at mapclear, when a delete empties the map), for the start bucket and offset of every
 * `range` (mapiterinit) and, above B = 15, for whether `incrnoverflow` counts an overflow bucket.
 * The model asks a `MapRandomness`, normally `seededRandomness` over a seeded `fastrand`
 * (`rand.ts`), so that a session replays exactly.
 */
import { FastRand } from './rand';
import { bucketCnt, bucketShift } from './makemap';

/** Where the runtime's random numbers come from. */
export interface MapRandomness {
  /** `fastrand()` for hash seeds. */
  hash0(): number;
  /** `mapiterinit`'s random start: the start bucket (< 1<<B) and the offset inside buckets (< 8). */
  iterStart(B: number): { startBucket: number; offset: number };
  /** `fastrand()` for `incrnoverflow` when B > 15. */
  fastrand(): number;
}

/** All random choices from one seeded generator, in the order the runtime would draw them. */
export function seededRandomness(rand: FastRand): MapRandomness {
  return {
    hash0: () => rand.next(),
    fastrand: () => rand.next(),
    iterStart(B) {
      // mapiterinit: r := fastrand() (fastrand64() when B > 31-bucketCntBits);
      // startBucket = r & bucketMask(B); offset = uint8(r >> B & (bucketCnt - 1)).
      const lo = rand.next();
      const hi = B > 31 - 3 ? rand.next() : 0;
      const startBucket = B === 0 ? 0 : lo & (bucketShift(B) - 1);
      const shifted = B + 3 <= 32 ? lo >>> B : (lo >>> B) | (hi << (32 - B));
      return { startBucket, offset: shifted & (bucketCnt - 1) };
    },
  };
}
