/**
 * The cards of a classic map: the `hmap` header with the runtime's field names and comments, the
 * memory it holds as pprof counts it, the bucket layout with its padding, and the walk over every
 * bucket that the overview and the counts need.
 *
 * Memory words: `inuse_space` and `inuse_objects` are what `go tool pprof` reports for the heap
 * the map's allocations still hold: the hmap, its mapextra, the bucket array (and the old one while
 * growing), overflow buckets allocated one by one, the `extra.overflow` slices, and keys and elems
 * stored indirectly, each object rounded up to its malloc size class (`runtime/sizeclasses.go`).
 * "Occupied buckets" are the bmaps that hold at least one entry: a view on the same bytes.
 */
import { HMap, emptyRest, minTopHash } from '../classic/hmap';
import { bucketCnt } from '../classic/makemap';
import { hex32 } from '../classic/trace';
import { fmtInt, humanBytes, plural } from '../hover/format';
import { BucketLayout, capacityOf, liveMemory } from '../types';
import { ModelStats } from './model';
import { FieldView, LayoutView, MemoryLine, MemoryView, OverviewView, SegmentView, SlotState, maxOverviewBins } from './view';

const flagNames: [number, string][] = [[1, 'iterator'], [2, 'oldIterator'], [4, 'hashWriting'], [8, 'sameSizeGrow']];

/** What the header card reads of a classic map: a simulated `HMap`, or a captured one. */
export interface ClassicHeaderSource {
  count: number;
  flags: number;
  B: number;
  noverflow: number;
  hash0: number;
  nevacuate: number;
  /** `base` buckets (2^B), `length` with the preallocated overflow buckets; null before the first insert. */
  buckets: { base: number; length: number } | null;
  oldbuckets: unknown;
  oldBucketCount(): number;
  sameSizeGrow(): boolean;
  nextOverflowFree(): number;
}

export function classicHeader(h: ClassicHeaderSource, stats?: ModelStats): FieldView[] {
  const flags = flagNames.filter(([bit]) => h.flags & bit).map(([, n]) => n);
  const nb = h.buckets === null ? 0 : h.buckets.base;
  const prealloc = h.buckets === null ? 0 : h.buckets.length - h.buckets.base;
  const fields: FieldView[] = [
    { name: 'count', value: fmtInt(h.count), explain: '# live cells == size of map (len(m))' },
    { name: 'flags', value: flags.length ? `${h.flags} (${flags.join('|')})` : '0', explain: 'iterator: a range may be reading buckets; oldIterator: … oldbuckets; hashWriting: a write is in progress; sameSizeGrow: the growth keeps B' },
    { name: 'B', value: `${h.B}`, explain: `log_2 of # of buckets: 2^${h.B} = ${plural(2 ** h.B, 'bucket')}, holding up to ${fmtInt(capacityOf(h.B))} entries (load factor 6.5) before the map grows` },
    { name: 'noverflow', value: fmtInt(h.noverflow), explain: `approximate number of overflow buckets (exact below B = 16); ${h.B < 16 ? `at ${fmtInt(2 ** Math.min(h.B, 15))} a same-size growth packs the chains` : 'counted with probability 1/2^(B-15)'}` },
    { name: 'hash0', value: hex32(h.hash0), explain: 'hash seed, drawn by makemap (and again when the map becomes empty)' },
    {
      name: 'buckets',
      value: h.buckets === null ? 'nil' : `${plural(nb, 'bucket')}${prealloc ? ` + ${fmtInt(prealloc)} preallocated overflow` : ''}`,
      explain: 'array of 2^B buckets; may be nil if count == 0 (make with a hint ≤ 8 allocates it on the first insert)',
    },
    {
      name: 'oldbuckets',
      value: h.oldbuckets === null ? 'nil' : `${plural(h.oldBucketCount(), 'bucket')} (${h.sameSizeGrow() ? 'same-size' : 'doubling'} growth)`,
      explain: 'previous bucket array of half the size, non-nil only when growing',
    },
    { name: 'nevacuate', value: fmtInt(h.nevacuate), explain: 'progress counter for evacuation (buckets less than this have been evacuated)' },
    { name: 'extra.nextOverflow', value: fmtInt(h.nextOverflowFree()), explain: 'preallocated overflow buckets still free (handed out before any is allocated one by one)' },
  ];
  if (stats) fields.push({ name: 'chained overflow', value: fmtInt(stats.extra.overflowBuckets), explain: 'overflow buckets linked into chains now, counted by walking every bucket (noverflow only estimates this)' });
  return fields;
}

export function classicAbout(hasher: string, seed: number): FieldView[] {
  return [
    { name: 'hash function', value: hasher, explain: 'bucket placement depends on it; the rules applied to the hashes are the runtime\'s' },
    { name: 'seed', value: String(seed), explain: 'goMapInspector.seed: every random choice (hash0, range starts, random keys) replays from it' },
  ];
}

export function classicMemory(h: HMap, layout: BucketLayout, stats: ModelStats): MemoryView {
  const t = layout.info;
  const held = h.heldObjects();
  const bucketsInUse = stats.extra.bucketsInUse;
  const noPointers = t.bucketPtrdata === 0;
  const m = liveMemory(t, {
    count: h.count,
    B: h.B,
    bucketsAllocated: h.buckets !== null,
    oldB: h.oldbuckets === null ? undefined : Math.log2(h.oldBucketCount()),
    overflowAllocated: held.separateOverflow + held.oldSeparateOverflow,
    extra: held.extra,
    bucketsInUse,
    overflowListLen: noPointers ? stats.extra.overflowNew : undefined,
    oldOverflowListLen: noPointers && h.oldbuckets !== null ? stats.extra.overflowOld : undefined,
  }, layout.key.layout.size, layout.elem.layout.size);
  const separate = held.separateOverflow + held.oldSeparateOverflow;
  const lists = (noPointers && stats.extra.overflowNew > 0 ? 2 : 0) + (noPointers && h.oldbuckets !== null && stats.extra.overflowOld > 0 ? 2 : 0);
  const indirect = h.count * ((t.indirectkey ? 1 : 0) + (t.indirectelem ? 1 : 0));
  const objects = 1 + (held.extra ? 1 : 0) + (h.buckets !== null ? 1 : 0) + (h.oldbuckets !== null ? 1 : 0) + separate + lists + indirect;
  const lines: MemoryLine[] = [
    { kind: 'total', name: 'in-use heap (pprof inuse_space)', bytes: m.allocBytes, objects, explain: 'every byte the map holds now: each object rounded up to its malloc size class, as go tool pprof -sample_index=inuse_space counts it' },
  ];
  const part = (name: string, bytes: number, n: number, explain: string): void => {
    if (bytes > 0) lines.push({ kind: 'part', name, bytes, objects: n, explain });
  };
  part('hmap', m.hmapBytes, 1, 'the map header');
  part('mapextra', m.mapextraBytes, 1, 'extra: the overflow lists and nextOverflow');
  part(`bucket array (${fmtInt(held.bucketArrayLength)} × ${t.bucketsize} B)`, m.bucketArrayBytes, 1, '2^B buckets and the preallocated overflow buckets, one object');
  part(`old bucket array (${fmtInt(held.oldBucketArrayLength)} × ${t.bucketsize} B)`, m.oldBucketArrayBytes, 1, 'kept until every old bucket is evacuated');
  part(`${plural(separate, 'overflow bucket')} allocated one by one`, m.overflowBytes, separate, 'newoverflow after the preallocated ones ran out: one object each');
  part('extra.overflow lists', m.overflowListBytes, lists, 'a bucket without pointers keeps its overflow buckets alive through a slice of them: header and array');
  if (m.indirectBytes > 0) {
    const per = (t.indirectkey ? layout.key.indirectObjectBytes : 0) + (t.indirectelem ? layout.elem.indirectObjectBytes : 0);
    part(`indirect ${t.indirectkey && t.indirectelem ? 'keys and elems' : t.indirectkey ? 'keys' : 'elems'} (${fmtInt(h.count)} × ${per} B)`, m.indirectBytes, indirect, 'over 128 bytes: each stored in an object of its own, the bucket holds a pointer');
  }
  const totalBmaps = held.bucketArrayLength + held.oldBucketArrayLength + separate;
  lines.push({ kind: 'note', name: `occupied buckets: ${fmtInt(bucketsInUse)} of ${plural(totalBmaps, 'bmap')}`, bytes: bucketsInUse * t.bucketsize, explain: 'bmaps that hold at least one entry; the rest of the arrays is allocated and empty' });
  lines.push({ kind: 'note', name: `entries: ${plural(h.count, 'entry', 'entries')} × (1 + ${t.keysize} + ${t.elemsize}) B`, bytes: m.entryBytes, explain: 'the tophash byte, key and elem of each entry (and their indirect objects)' });
  if (h.count > 0) {
    lines.push({ kind: 'note', name: `per entry: ${humanBytes(Math.round(m.allocBytes / h.count))}`, bytes: Math.round(m.allocBytes / h.count), explain: 'in-use heap divided by len(m)' });
    const r = m.rebuild;
    lines.push({ kind: 'note', name: `a rebuild, make(map[K]V, ${fmtInt(h.count)}) + copy: B = ${r.B}, ${r.savedBytes >= 0 ? 'frees' : 'costs'} ${humanBytes(Math.abs(r.savedBytes))}`, bytes: r.allocBytes, explain: 'what a fresh map sized for len(m) would hold (without collisions beyond its preallocated overflow buckets)' });
  }
  return { inUseBytes: m.allocBytes, inUseObjects: objects, lines };
}

export function classicLayout(l: BucketLayout): LayoutView {
  const t = l.info;
  const segs: SegmentView[] = [];
  let end = 0;
  for (const r of l.regions) {
    if (r.paddingBefore > 0) segs.push({ kind: 'pad', bytes: r.paddingBefore, label: 'padding' });
    const kind = r.name === 'topbits' ? 'ctrl' : r.name;
    segs.push({ kind, bytes: r.size, label: `${r.name === 'topbits' ? 'tophash' : r.name} ${r.type}` });
    end = r.offset + r.size;
  }
  if (t.bucketsize > end) segs.push({ kind: 'pad', bytes: t.bucketsize - end, label: 'padding' });
  const il = l.interleaved;
  const inter: SegmentView[] = [{ kind: 'ctrl', bytes: 8, label: 'tophash' }];
  for (let i = 0; i < bucketCnt; i++) {
    inter.push({ kind: 'pair', bytes: il.pairSize - il.pairPadding, label: `key/elem ${i}` });
    if (il.pairPadding > 0) inter.push({ kind: 'pad', bytes: il.pairPadding, label: 'padding' });
  }
  const used = 8 + 8 * il.pairSize + t.ptrSize;
  if (il.bucketsize > used) inter.push({ kind: 'pad', bytes: il.bucketsize - used, label: 'padding' });
  inter.push({ kind: 'overflow', bytes: t.ptrSize, label: 'overflow' });
  const notes: string[] = [
    `key ${l.key.type}: ${l.key.layout.size} B${l.key.indirect ? `, stored indirectly (over 128 B: the bucket holds a ${t.ptrSize}-byte pointer)` : ''}; elem ${l.elem.type}: ${l.elem.layout.size} B${l.elem.indirect ? `, stored indirectly (over 128 B: the bucket holds a ${t.ptrSize}-byte pointer)` : ''}.`,
  ];
  for (const [role, s] of [['key', l.key], ['elem', l.elem]] as const) {
    if (s.internalPadding > 0) {
      notes.push(`Padding inside the ${role} type: ${s.type} wastes ${plural(s.internalPadding, 'byte')} per ${role}${s.indirect ? ' (in its own object)' : `, ${fmtInt(8 * s.internalPadding)} B per bucket`}.`);
    }
  }
  const r = l.reorder[0];
  if (r) notes.push(`Reordering the fields of ${r.type} (${r.order.join(', ')}) would save ${plural(r.savedPerSlot, 'byte')} per ${r.role} and ${plural(r.savedPerBucket, 'byte')} per bucket.`);
  notes.push(t.bucketPtrdata ? `The GC scans the first ${t.bucketPtrdata} B of each bucket (pointers inside).` : 'No pointers in the bucket: the GC never scans the bucket array.');
  return {
    title: 'bucket layout',
    rulers: [
      { label: `bmap: ${t.bucketsize} B, ${plural(l.paddingBytes, 'byte')} of padding in the bucket itself${l.slotPaddingBytes ? ` and ${fmtInt(l.slotPaddingBytes)} inside its 8 keys and 8 elems` : ''}`, bytes: t.bucketsize, segments: segs },
      { label: `interleaved ${il.pairType} pairs (what the runtime avoids): ${il.bucketsize} B, ${plural(il.paddingBytes, 'byte')} of padding${il.savedPerBucket > 0 ? `; keys and elems kept apart save ${plural(il.savedPerBucket, 'byte')} per bucket` : ''}`, bytes: il.bucketsize, segments: inter },
    ],
    notes,
  };
}

/** Buckets walked between two yields of the stats walk (a power of two). */
const statsSlice = 1 << 15;

/**
 * One walk over both bucket arrays: overflow buckets chained per array, bmaps in use, tophash
 * states, and the overview bins. Never-written memory is skipped (it reads as zeroed memory, all
 * emptyRest), so a large hint costs little.
 */
export function* classicStatsWalk(h: HMap): Generator<void, ModelStats, void> {
  const states: Partial<Record<SlotState, number>> = {};
  const counts = [0, 0, 0, 0, 0, 0];
  const overview: OverviewView[] = [];
  let bucketsInUse = 0;
  const chained = { buckets: 0, oldbuckets: 0 };
  const arrays: ['buckets' | 'oldbuckets', number][] = [['buckets', h.buckets === null ? 0 : h.buckets.base]];
  if (h.oldbuckets !== null) arrays.push(['oldbuckets', h.oldBucketCount()]);
  for (const [name, n] of arrays) {
    const a = name === 'buckets' ? h.buckets : h.oldbuckets;
    const perBin = Math.max(1, Math.ceil(n / maxOverviewBins));
    const bins = Math.ceil(n / perBin);
    const maxChain = new Array<number>(bins).fill(0);
    const live = new Array<number>(bins).fill(0);
    let untouched = 0;
    for (let i = 0; a !== null && i < n; i++) {
      if ((i & (statsSlice - 1)) === statsSlice - 1) yield;
      if (!a.touched(i)) {
        untouched++;
        continue;
      }
      const bin = Math.floor(i / perBin);
      let len = 0;
      for (let b = i; b >= 0; b = a.overflowOf(b)) {
        len++;
        let used = false;
        for (let j = 0; j < bucketCnt; j++) {
          const top = a.tophashAt(b, j);
          counts[top < minTopHash ? top : minTopHash]++;
          if (top >= minTopHash) {
            live[bin]++;
            used = true;
          }
        }
        if (used) bucketsInUse++;
      }
      chained[name] += len - 1;
      if (len > maxChain[bin]) maxChain[bin] = len;
    }
    counts[emptyRest] += untouched * bucketCnt;
    const fill = live.map((l) => Math.min(255, Math.round((l / (bucketCnt * perBin)) * 255)));
    overview.push({ array: name, rows: n, perBin, maxChain, fill });
  }
  (['emptyRest', 'emptyOne', 'evacuatedX', 'evacuatedY', 'evacuatedEmpty', 'full'] as SlotState[]).forEach((s, i) => {
    if (counts[i] > 0) states[s] = counts[i];
  });
  return {
    overview,
    states,
    extra: { bucketsInUse, overflowBuckets: chained.buckets + chained.oldbuckets, overflowNew: chained.buckets, overflowOld: chained.oldbuckets },
  };
}
