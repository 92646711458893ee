/**
 * Many operations on a classic map without freezing the caller: `runInSlices` runs them a slice at
 * a time, reports progress and gives the event loop a turn between slices, and when asked to stop
 * puts the map back exactly as it was before the first one (memory, header and hash seed alike),
 * from a copy taken at the start (`saveMap`/`restoreMap`). A copy of a map of 10^6 int64 entries is
 * about 50 MB of typed arrays, copied in milliseconds.
 *
 * The map's random generator is the caller's: if it is shared with the map (`seededRandomness`),
 * save and restore it too (`SeededFastRand.state`/`restore`) for a replay to stay exact.
 */
import { BucketArray } from './buckets';
import type { HMap } from './hmap';

/** A map's fields with copies of its bucket arrays, as `restoreMap` puts them back. */
export type HMapState = { readonly [field: string]: unknown } & {
  readonly buckets: BucketArray | null;
  readonly oldbuckets: BucketArray | null;
  readonly nextOverflowArr: BucketArray | null;
};

/** The fields of s with copies of its arrays (nextOverflow pointing into the copy). */
function copyState(s: HMapState): HMapState {
  const buckets = s.buckets?.copy() ?? null;
  return { ...s, buckets, oldbuckets: s.oldbuckets?.copy() ?? null, nextOverflowArr: s.nextOverflowArr === null ? null : buckets };
}

/** A copy of the map's state, memory included. */
export function saveMap(h: HMap): HMapState {
  return copyState({ ...h } as unknown as HMapState);
}

/** Puts the map back as `saveMap` found it (a state can be restored more than once). */
export function restoreMap(h: HMap, s: HMapState): void {
  Object.assign(h, copyState(s));
}

export interface SliceOptions {
  /** Operations between two checks (default 50,000: about 10-20 ms of inserts). */
  sliceSize?: number;
  /** Asked between slices; true stops the run and restores the map. */
  cancelled?: () => boolean;
  /** Told after each slice how many operations ran. */
  progress?: (done: number) => void;
  /** Between slices (default: one turn of the event loop). */
  pause?: () => Promise<void>;
}

export interface SliceResult {
  /** Operations that ran (and stayed, unless cancelled). */
  done: number;
  /** Stopped by `cancelled`: the map is as it was before the first operation. */
  cancelled: boolean;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `op(i)` for i = 0, 1, ... until it returns false or `count` operations ran (an op that
 * returns false did nothing), in slices. An exception from `op` restores the map and is rethrown.
 * Example: 10^6 random inserts, `runInSlices(h, 1e6, () => (h.assign(rnd(), 0), true), opts)`.
 */
export async function runInSlices(h: HMap, count: number, op: (i: number) => boolean, opts: SliceOptions = {}): Promise<SliceResult> {
  const saved = saveMap(h);
  const sliceSize = Math.max(1, opts.sliceSize ?? 50_000);
  const pause = opts.pause ?? nextTurn;
  let done = 0;
  try {
    while (done < count) {
      if (opts.cancelled?.()) {
        restoreMap(h, saved);
        return { done: 0, cancelled: true };
      }
      const end = Math.min(count, done + sliceSize);
      for (; done < end; done++) if (!op(done)) return { done, cancelled: false };
      opts.progress?.(done);
      if (done < count) await pause();
    }
  } catch (e) {
    restoreMap(h, saved);
    throw e;
  }
  return { done, cancelled: false };
}
