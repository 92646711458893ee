/**
 * One bmap as the views read it (panel, tree, dumps, tests): a live window on a flat bucket array
 * (`buckets.ts`), the way a `*bmap` is a window on the runtime's memory. Its tophash, keys and
 * elems are arrays of 8 whose element i reads the array's memory when it is read, so a view taken
 * before an operation shows the bmap after it. Slots that hold no entry read as undefined keys and
 * elems. Views are for reading a few bmaps; code that walks every bucket should use the array's
 * `tophashAt`/`overflowOf`/`keyAt`/`elemAt`.
 */
import { KeyValue } from './hash';
import { bucketCnt } from './makemap';
import { emptyOne, holdsEntry, minTopHash } from './tophash';
import type { BucketArray } from './buckets';

/** One bmap: its tophash, keys and elems, and a link to the next bmap of the chain. */
export interface Bmap {
  readonly tophash: number[];
  readonly keys: KeyValue[];
  readonly elems: unknown[];
  /** The next bmap of the chain, or null. */
  readonly overflow: Bmap | null;
  /** Allocated on its own by `newobject` (an overflow bucket not taken from the array). */
  readonly separate: boolean;
  /** The bmap's index in its array (`buckets.ts`). */
  readonly index: number;
}

/** `evacuated` reports whether bucket b has been evacuated (by its first slot). */
export function evacuated(b: Pick<Bmap, 'tophash'>): boolean {
  const h = b.tophash[0];
  return h > emptyOne && h < minTopHash;
}

export class BmapView implements Bmap {
  private th?: number[];
  private k?: KeyValue[];
  private e?: unknown[];

  constructor(private readonly arr: BucketArray, readonly index: number) {}

  get tophash(): number[] {
    return (this.th ??= liveSlots((i) => this.arr.tophashAt(this.index, i)));
  }

  get keys(): KeyValue[] {
    return (this.k ??= liveSlots((i) => (holdsEntry(this.arr.tophashAt(this.index, i)) ? this.arr.keyAt(this.index, i) : undefined)));
  }

  get elems(): unknown[] {
    return (this.e ??= liveSlots((i) => (holdsEntry(this.arr.tophashAt(this.index, i)) ? this.arr.elemAt(this.index, i) : undefined)));
  }

  get overflow(): Bmap | null {
    const o = this.arr.overflowOf(this.index);
    return o < 0 ? null : new BmapView(this.arr, o);
  }

  get separate(): boolean {
    return this.arr.isSeparate(this.index);
  }
}

/** An array of `bucketCnt` elements whose element i is `read(i)` at the time it is read. */
function liveSlots<T>(read: (i: number) => T): T[] {
  return new Proxy(new Array<T>(bucketCnt).fill(undefined as T), {
    get(target, p, receiver) {
      if (typeof p === 'string' && p.length === 1) {
        const i = p.charCodeAt(0) - 48;
        if (i >= 0 && i < bucketCnt) return read(i);
      }
      return Reflect.get(target, p, receiver);
    },
    set() {
      return false; // a view does not write memory
    },
  });
}
