/**
 * The numbers hovers quote, from the runtime's own sizing (`classic/makemap.ts`) and the bucket
 * type (`types/bucket.ts`): what `make` allocates, when the next growth happens, what growing
 * from empty costs, and bytes per entry around a growth.
 */
import { bucketArrayLength, bucketShift, bucketsLog2ForHint, makeAlloc } from '../classic/makemap';
import { GoArch, MapTypeInfo } from '../maptype';
import { roundupsize } from '../sizeclasses';
import { BucketLayout, GoType, capacityOf, mapMemory, mapTypeOf, optimalFieldOrder, typeString } from '../types';

/** The smallest count at which `overLoadFactor(count, B)` holds: the insert that makes the map
 * this big starts a growth (13·2^(B-1)+1 for B ≥ 1, 9 for B = 0). */
export function nextGrowthCount(B: number): number {
  return capacityOf(B) + 1;
}

/** Heap bytes of the bucket array `makeBucketArray` allocates for B (1 bucket object at B = 0). */
export function bucketArrayBytes(t: Pick<MapTypeInfo, 'bucketsize'>, B: number): number {
  return roundupsize(bucketArrayLength(t.bucketsize, B) * t.bucketsize);
}

export interface MakeFigures {
  hint: number;
  B: number;
  /** Regular buckets, 1<<B (0 when the array comes with the first insert). */
  buckets: number;
  /** Preallocated overflow buckets. */
  overflow: number;
  /** Bytes of the bucket array object, rounded to its size class or pages (0 when lazy). */
  arrayBytes: number;
  /** `hmap` rounded to its size class. */
  hmapBytes: number;
  /** `mapextra` rounded, when preallocated overflow buckets need one. */
  extraBytes: number;
  /** Everything `make` allocates on the heap. */
  allocBytes: number;
  /** The count whose insert starts the next growth. */
  nextGrowth: number;
}

export function makeFigures(t: MapTypeInfo, hint: number): MakeFigures {
  const m = mapMemory(t, hint);
  return {
    hint,
    B: m.B,
    buckets: m.nbuckets === 0 ? 0 : bucketShift(m.B),
    overflow: m.nextOverflowFree,
    arrayBytes: m.bucketArrayAlloc,
    hmapBytes: m.hmapBytes,
    extraBytes: m.mapextraBytes,
    allocBytes: m.allocBytes,
    nextGrowth: m.capacity + 1,
  };
}

export interface GrowthFigures {
  entries: number;
  /** B after `entries` inserts into `make(map[K]V)` (the same B `make` picks for that hint). */
  B: number;
  /** Growths on the way (each allocates a new array twice as large and evacuates the old one). */
  growths: number;
  /** Heap bytes of all bucket arrays allocated on the way, the last one included. */
  allocatedBytes: number;
  /** The final bucket array (what stays live). */
  finalArrayBytes: number;
  /** Entries copied by evacuation over all growths. */
  evacuated: number;
  /** What `make(map[K]V, entries)` allocates instead (hmap, array, mapextra). */
  presizedBytes: number;
}

/**
 * Inserting `entries` distinct keys into `make(map[K]V)`: the first insert allocates one bucket;
 * each insert that makes the map overloaded calls hashGrow, which allocates the array for B+1
 * (with preallocated overflow buckets from B+1 = 4 on) and moves every entry over by evacuation.
 * Overflow buckets from collisions are not counted.
 */
export function growthFigures(t: MapTypeInfo, entries: number): GrowthFigures {
  const B = bucketsLog2ForHint(t, entries);
  let allocatedBytes = entries > 0 ? roundupsize(t.bucketsize) : 0;
  let evacuated = 0;
  for (let b = 0; b < B; b++) {
    allocatedBytes += bucketArrayBytes(t, b + 1);
    evacuated += nextGrowthCount(b) - 1;
  }
  return {
    entries,
    B,
    growths: B,
    allocatedBytes,
    finalArrayBytes: B === 0 ? (entries > 0 ? roundupsize(t.bucketsize) : 0) : bucketArrayBytes(t, B),
    evacuated,
    presizedBytes: makeAlloc(t, entries).allocBytes,
  };
}

export interface PerEntryFigures {
  /** The B the figures are taken at (a large map, so hmap and rounding do not matter). */
  B: number;
  /** Entries just before the growth (the most B buckets hold). */
  before: number;
  /** Bucket-array bytes per entry at `before` entries. */
  perEntryBefore: number;
  /** Bytes per entry just after the growth, new array only (old one evacuated). */
  perEntryAfter: number;
  /** Bytes per entry just after the growth while the old array is still referenced. */
  perEntryDuring: number;
  /** Key and elem slot bytes of one entry: what the data itself takes in the bucket. */
  payload: number;
}

/** Bytes per entry around the growth from B to B+1 (default: B = 17, about 850,000 entries). */
export function perEntryFigures(t: MapTypeInfo, B = 17): PerEntryFigures {
  const before = nextGrowthCount(B) - 1;
  const old = bucketArrayBytes(t, B);
  const next = bucketArrayBytes(t, B + 1);
  return {
    B,
    before,
    perEntryBefore: old / before,
    perEntryAfter: next / (before + 1),
    perEntryDuring: (old + next) / (before + 1),
    payload: t.keysize + t.elemsize,
  };
}

/** A struct used as key and/or elem whose fields could be reordered to shrink the bucket. */
export interface StructReorder {
  /** The struct type (named or not). */
  type: GoType;
  roles: Array<'key' | 'elem'>;
  /** Field names in fieldalignment's order. */
  order: string[];
  size: number;
  optimalSize: number;
  /** The bucket with the type reordered in every role it has. */
  bucketsize: number;
  savedPerBucket: number;
}

/**
 * The reorderings `bucketLayout` suggests (one per role), grouped by type: `map[Rec]Rec` gets one
 * entry whose saving counts both the keys and the elems reordered.
 */
export function structReorders(l: BucketLayout, key: GoType, elem: GoType, arch: GoArch): StructReorder[] {
  const out: StructReorder[] = [];
  for (const r of l.reorder) {
    if (r.savedPerBucket <= 0) continue;
    const type = r.role === 'key' ? key : elem;
    const same = out.find((o) => o.type === type || typeString(o.type) === typeString(type));
    if (same) same.roles.push(r.role);
    else out.push({ type, roles: [r.role], order: r.order, size: r.size, optimalSize: r.optimalSize, bucketsize: r.bucketsize, savedPerBucket: r.savedPerBucket });
  }
  for (const o of out) {
    if (o.roles.length < 2) continue;
    const reordered: GoType = { kind: 'struct', fields: optimalFieldOrder(o.type, arch) };
    o.bucketsize = mapTypeOf(reordered, reordered, arch).bucketsize;
    o.savedPerBucket = l.info.bucketsize - o.bucketsize;
  }
  return out;
}
