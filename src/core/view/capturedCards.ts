/**
 * The cards of a captured map (`captured.ts`), from what the capture read out of the paused
 * process rather than from a simulation: the header through the simulated models' own header
 * cards (`classicHeader`, `swissHeader`, which read only the runtime's fields), the bucket or group
 * layout from the offsets measured in the debuggee (`bucket<K,V>`, `noalg.map.group[K]V`), and the
 * memory the bucket arrays, overflow chains, tables and directory occupy at those measured sizes.
 *
 * What a capture cannot say is said so: the allocator's size classes and the objects the runtime
 * allocated but the map no longer links (preallocated overflow buckets not handed out yet) are not
 * counted, so the memory card is "read" memory, not pprof's `inuse_space`.
 */
import { bucketCnt } from '../classic/makemap';
import { emptyRest, minTopHash } from '../classic/tophash';
import type { CapturedClassic, CapturedSwiss } from '../capture/types';
import { fmtInt, plural } from '../hover/format';
import { ctrlDeleted, slotsPerGroup } from '../swiss/constants';
import { ClassicHeaderSource } from './classicCards';
import { ModelStats } from './model';
import { SwissHeaderSource } from './swissCards';
import { LayoutView, MemoryLine, MemoryView, OverviewView, SegmentView, SlotState, maxOverviewBins } from './view';

/** The `hmap` fields of a classic capture, as the classic header card reads them. */
export function classicHeaderSource(c: CapturedClassic): ClassicHeaderSource {
  const nb = c.buckets === null ? 0 : c.buckets.length;
  return {
    count: c.count, flags: c.flags, B: c.B, noverflow: c.noverflow, hash0: Number.parseInt(c.hash0, 16), nevacuate: c.nevacuate,
    buckets: c.buckets === null ? null : { base: nb, length: nb + c.nextOverflowFree },
    oldbuckets: c.oldbuckets,
    oldBucketCount: () => c.oldbuckets?.length ?? 0,
    sameSizeGrow: () => c.sameSizeGrow,
    nextOverflowFree: () => c.nextOverflowFree,
  };
}

/** The `Map` fields of a Swiss capture, as the Swiss header card reads them. */
export function swissHeaderSource(c: CapturedSwiss): SwissHeaderSource {
  return {
    used: c.used, seed: { hex: c.seed }, dirLen: c.dirLen, small: c.group, globalDepth: c.globalDepth, globalShift: c.globalShift,
    width: c.type.ptrSize * 8, tombstonePossible: c.tombstonePossible, clearSeq: c.clearSeq, tables: () => c.tables,
  };
}

/** Every bucket and overflow bucket of a classic capture: slot states, overview bins, chain counts. */
export function classicCapturedStats(c: CapturedClassic): ModelStats {
  const states: Partial<Record<SlotState, number>> = {};
  const names: SlotState[] = ['emptyRest', 'emptyOne', 'evacuatedX', 'evacuatedY', 'evacuatedEmpty'];
  const overview: OverviewView[] = [];
  let bucketsInUse = 0;
  let overflow = 0;
  for (const [id, chains] of [['buckets', c.buckets], ['oldbuckets', c.oldbuckets]] as const) {
    if (chains === null) continue;
    const perBin = Math.max(1, Math.ceil(chains.length / maxOverviewBins));
    const bins = Math.ceil(chains.length / perBin);
    const maxChain = new Array<number>(bins).fill(0);
    const live = new Array<number>(bins).fill(0);
    chains.forEach((chain, i) => {
      const bin = Math.floor(i / perBin);
      overflow += chain.length - 1;
      // A bucket never written (all emptyRest, no overflow) counts as 0 in the overview, as the simulator's walk does.
      const written = chain.length > 1 || chain[0].tophash.some((t) => t !== emptyRest);
      if (written) maxChain[bin] = Math.max(maxChain[bin], chain.length);
      for (const b of chain) {
        const full = b.tophash.filter((t) => t >= minTopHash).length;
        live[bin] += full;
        if (full > 0) bucketsInUse++;
        for (const t of b.tophash) {
          const s = t >= minTopHash ? 'full' : names[t];
          states[s] = (states[s] ?? 0) + 1;
        }
      }
    });
    overview.push({ array: id, rows: chains.length, perBin, maxChain, fill: live.map((l) => Math.min(255, Math.round((l / (bucketCnt * perBin)) * 255))) });
  }
  return { overview, states, extra: { bucketsInUse, overflowBuckets: overflow } };
}

const readExplain = 'sizes measured in the debuggee; not rounded to malloc size classes, and preallocated overflow buckets not handed out yet are not counted';

export function classicCapturedMemory(c: CapturedClassic, stats: ModelStats): MemoryView {
  const size = c.type.bucketsize;
  const lines: MemoryLine[] = [];
  const part = (name: string, n: number, objects: number, explain: string): void => {
    if (n > 0) lines.push({ kind: 'part', name: `${name} (${plural(n, 'bucket')} × ${size} B)`, bytes: n * size, objects, explain });
  };
  const nb = c.buckets?.length ?? 0;
  const nOld = c.oldbuckets?.length ?? 0;
  const overflow = stats.extra.overflowBuckets;
  part('bucket array', nb, 1, 'the 2^B buckets, one object');
  part('old bucket array', nOld, 1, 'the array the map is growing out of, freed when evacuation ends');
  part('overflow buckets in chains', overflow, overflow, 'linked from a bucket\'s overflow pointer (preallocated ones live inside the bucket array; the capture counts them here)');
  const bytes = lines.reduce((n, l) => n + l.bytes, 0);
  const objects = lines.reduce((n, l) => n + (l.objects ?? 0), 0);
  lines.unshift({ kind: 'total', name: 'buckets read from the process', bytes, objects, explain: readExplain });
  lines.push({ kind: 'note', name: `occupied buckets: ${fmtInt(stats.extra.bucketsInUse)}`, bytes: stats.extra.bucketsInUse * size, explain: 'bmaps holding at least one entry' });
  return { inUseBytes: bytes, inUseObjects: objects, lines };
}

export function swissCapturedMemory(c: CapturedSwiss, stats: ModelStats): MemoryView {
  const g = c.type.groupsize;
  const groups = c.group ? 1 : c.tables.reduce((n, t) => n + t.groups.length, 0);
  const lines: MemoryLine[] = [];
  if (c.group) lines.push({ kind: 'part', name: `small group (${g} B)`, bytes: g, objects: 1, explain: 'the one group of a small map: 8 slots, no table, no directory' });
  if (c.dirLen > 0) {
    lines.push({ kind: 'part', name: `directory (${plural(c.dirLen, 'pointer')})`, bytes: c.dirLen * c.type.ptrSize, objects: 1, explain: 'one table pointer per entry' });
    lines.push({ kind: 'part', name: `group arrays (${fmtInt(groups)} groups × ${g} B)`, bytes: groups * g, objects: c.tables.length, explain: 'each table\'s groups in one object: the control word and 8 slots per group' });
  }
  const bytes = lines.reduce((n, l) => n + l.bytes, 0);
  const objects = lines.reduce((n, l) => n + (l.objects ?? 0), 0);
  lines.unshift({ kind: 'total', name: 'groups and directory read from the process', bytes, objects, explain: `${readExplain.replace(', and preallocated overflow buckets not handed out yet are not counted', '')}; the Map header and table structs are not counted` });
  const slots = groups * slotsPerGroup;
  const deleted = stats.states.deleted ?? 0;
  lines.push({ kind: 'note', name: `slots: ${fmtInt(c.used)} full, ${fmtInt(deleted)} deleted, ${fmtInt(slots - c.used - deleted)} empty of ${fmtInt(slots)}`, bytes: groups * g, explain: `deleted slots (ctrlDeleted 0x${ctrlDeleted.toString(16)}, tombstones) count against growthLeft until a rehash or prune` });
  return { inUseBytes: bytes, inUseObjects: objects, lines };
}

/** Consecutive segments from region boundaries (offsets in bytes), dropping empty ones. */
function segments(parts: [SegmentView['kind'], number, number, string][]): SegmentView[] {
  return parts.filter(([, from, to]) => to > from).map(([kind, from, to, label]) => ({ kind, bytes: to - from, label }));
}

/** The classic bucket as the debuggee lays it out: tophash, 8 keys, 8 elems, overflow pointer. */
export function classicCapturedLayout(c: CapturedClassic): LayoutView {
  const t = c.type;
  const end = t.overflowOff + t.ptrSize;
  const segs = segments([
    ['ctrl', 0, bucketCnt, `tophash [${bucketCnt}]uint8`],
    ['pad', bucketCnt, t.keysOff, 'padding'],
    ['keys', t.keysOff, t.elemsOff, `keys [${bucketCnt}]${t.indirectkey ? `*${t.key}` : t.key}`],
    ['elems', t.elemsOff, t.overflowOff, `elems [${bucketCnt}]${t.indirectelem ? `*${t.elem}` : t.elem}`],
    ['overflow', t.overflowOff, end, 'overflow *bmap'],
    ['pad', end, t.bucketsize, 'padding'],
  ]);
  return {
    title: 'bucket layout (measured in the debuggee)',
    rulers: [{ label: `bmap: ${t.bucketsize} bytes`, bytes: t.bucketsize, segments: segs }],
    notes: indirectNotes(t),
  };
}

/** The Swiss group as the debuggee lays it out: the control word, then 8 slots (or 8 keys, 8 elems). */
export function swissCapturedLayout(c: CapturedSwiss): LayoutView {
  const t = c.type;
  const k = t.indirectkey ? `*${t.key}` : t.key;
  const e = t.indirectelem ? `*${t.elem}` : t.elem;
  const segs = t.layout === 'split'
    ? segments([
      ['ctrl', 0, t.keysOff, 'ctrl word'],
      ['keys', t.keysOff, t.keysOff + slotsPerGroup * t.keyStride, `keys [${slotsPerGroup}]${k}`],
      ['elems', t.elemsOff, t.elemsOff + slotsPerGroup * t.elemStride, `elems [${slotsPerGroup}]${e}`],
      ['pad', t.elemsOff + slotsPerGroup * t.elemStride, t.groupsize, 'padding'],
    ])
    : [{ kind: 'ctrl', bytes: t.keysOff, label: 'ctrl word' } as SegmentView].concat(
      Array.from({ length: slotsPerGroup }, (_, i) => ({ kind: 'slot' as const, bytes: t.slotsize, label: `slot ${i}: {key ${k}; elem ${e}}` })));
  return {
    title: 'group layout (measured in the debuggee)',
    rulers: [{ label: `group: ${t.groupsize} bytes${t.layout === 'split' ? ' (split: 8 keys, then 8 elems)' : `, slot ${t.slotsize} bytes, elem at +${t.elemoff}`}`, bytes: t.groupsize, segments: segs }],
    notes: indirectNotes(t),
  };
}

function indirectNotes(t: { key: string; elem: string; keysize: number; elemsize: number; indirectkey: boolean; indirectelem: boolean }): string[] {
  const notes: string[] = [];
  if (t.indirectkey) notes.push(`${t.key} is ${t.keysize} bytes, over 128: the slot holds a pointer to the key, allocated on its own`);
  if (t.indirectelem) notes.push(`${t.elem} is ${t.elemsize} bytes, over 128: the slot holds a pointer to the elem, allocated on its own`);
  return notes;
}
