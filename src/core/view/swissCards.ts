/**
 * The cards of a Swiss-table map (Go 1.24+ `internal/runtime/maps`), in the conventions of
 * `view.ts`: the `Map` header with the runtime's field names and comments, the heap it holds as
 * pprof counts it (`swiss/memory.ts`), the group layout as a byte ruler beside the classic bucket
 * and the other group layout of the same types, and the walk over every group that the overview
 * and the state counts need.
 */
import { BucketLayout } from '../types';
import { fmtInt, humanBytes, plural } from '../hover/format';
import { ctrlDeleted, ctrlEmpty, maxAvgGroupLoad, maxTableCapacity, slotsPerGroup } from '../swiss/constants';
import { SwissGroupLayout, SwissGroupRegion } from '../swiss/layout';
import type { SwissMap } from '../swiss/map';
import { swissMemory } from '../swiss/memory';
import { ModelStats } from './model';
import { FieldView, LayoutView, MemoryLine, MemoryView, OverviewView, SegmentView, SlotState, maxOverviewBins } from './view';

/** What the header card reads of a Swiss map: a simulated `SwissMap`, or a captured one. */
export interface SwissHeaderSource {
  used: number;
  seed: { hex: string };
  dirLen: number;
  /** The small map's group, when there is one (only its presence is read). */
  small: unknown;
  globalDepth: number;
  globalShift: number;
  width: number;
  tombstonePossible: boolean;
  clearSeq: number;
  tables(): readonly { capacity: number }[];
}

export function swissHeader(m: SwissHeaderSource, stats?: ModelStats): FieldView[] {
  const tables = m.tables();
  const capacity = tables.reduce((n, t) => n + t.capacity, 0);
  const fields: FieldView[] = [
    { name: 'used', value: fmtInt(m.used), explain: 'the number of filled slots (len(m)), over all tables or the small group' },
    { name: 'seed', value: m.seed.hex, explain: 'hash seed, drawn by NewMap (and again by a clear that does work, and when the last key is deleted)' },
    {
      name: 'dirPtr',
      value: m.dirLen > 0 ? `directory of ${plural(m.dirLen, 'entry', 'entries')}` : m.small ? 'the small map\'s group' : 'nil',
      explain: 'a small map (dirLen 0) points at its one group; otherwise at the directory of table pointers; nil until the first insert',
    },
    { name: 'dirLen', value: fmtInt(m.dirLen), explain: '2^globalDepth directory entries; 0 for a small map (≤ 8 entries, no table)' },
    { name: 'globalDepth', value: String(m.globalDepth), explain: 'the top globalDepth bits of a hash pick its directory entry' },
    { name: 'globalShift', value: String(m.globalShift), explain: `hash >> globalShift is the directory index: ${m.width} − globalDepth${m.dirLen === 0 ? ' (0 for a small map)' : ''}` },
    { name: 'tombstonePossible', value: String(m.tombstonePossible), explain: 'some table may hold a deleted slot (a tombstone); only clear resets it' },
    { name: 'clearSeq', value: fmtInt(m.clearSeq), explain: 'bumped by every clear that does work, so iterators notice' },
  ];
  if (m.dirLen > 0) {
    fields.push({ name: 'tables', value: `${plural(tables.length, 'table')}, capacity ${fmtInt(capacity)}`, explain: `distinct tables in the directory; each holds up to ${maxTableCapacity} slots, 7/8 of them usable before it grows or splits` });
  }
  if (stats) {
    fields.push({ name: 'tombstones', value: fmtInt(stats.states.deleted ?? 0), explain: 'deleted slots that lookups must probe past: they count against growthLeft until a rehash or prune clears them' });
  }
  return fields;
}

export function swissAbout(hasher: string, seed: number): FieldView[] {
  return [
    { name: 'hash function', value: hasher, explain: 'group and table placement depend on it; the rules applied to the hashes are the runtime\'s' },
    { name: 'seed', value: String(seed), explain: 'goMapInspector.seed: every random choice (Map.seed, range offsets, random keys) replays from it' },
  ];
}

export function swissMemoryView(m: SwissMap, g: SwissGroupLayout): MemoryView {
  const keyInfo = { size: g.key.layout.size, pointers: g.key.layout.ptrdata > 0 };
  const elemInfo = { size: g.elem.layout.size, pointers: g.elem.layout.ptrdata > 0 };
  const mem = swissMemory(m, keyInfo, elemInfo);
  const t = m.type;
  const lines: MemoryLine[] = [
    { kind: 'total', name: 'in-use heap (pprof inuse_space)', bytes: mem.allocBytes, objects: mem.objects, explain: 'every byte the map holds now: each object rounded up to its malloc size class (with a malloc header on pointerful objects over 512 B), as go tool pprof -sample_index=inuse_space counts it' },
  ];
  const part = (name: string, bytes: number, objects: number, explain: string): void => {
    if (bytes > 0) lines.push({ kind: 'part', name, bytes, objects, explain });
  };
  const tables = m.tables();
  part('Map', mem.header, 1, 'the map header (used, seed, dirPtr, dirLen, depths, clearSeq)');
  if (m.dirLen === 0) part(`small group (${t.groupsize} B)`, mem.groups, 1, 'the one group of a small map: 8 slots, no table, no directory');
  part(`directory (${plural(m.dirLen, 'pointer')})`, mem.directory, 1, 'one table pointer per entry; a table with local depth d < globalDepth appears in 2^(globalDepth−d) entries');
  part(`${plural(tables.length, 'table struct')}`, mem.tableStructs, tables.length, 'used, capacity, growthLeft, localDepth, index and the group array reference');
  if (m.dirLen > 0) part(`group arrays (${fmtInt(mem.slots / slotsPerGroup)} groups × ${t.groupsize} B)`, mem.groups, tables.length, 'each table\'s groups in one object: the control word and 8 slots per group');
  if (mem.indirect > 0) {
    part(`indirect ${t.indirectkey && t.indirectelem ? 'keys and elems' : t.indirectkey ? 'keys' : 'elems'}`, mem.indirect, m.used * ((t.indirectkey ? 1 : 0) + (t.indirectelem ? 1 : 0)), 'over 128 bytes: each stored in an object of its own, the slot holds a pointer');
  }
  lines.push({ kind: 'note', name: `slots: ${fmtInt(m.used)} full, ${fmtInt(mem.tombstones)} deleted, ${fmtInt(mem.slots - m.used - mem.tombstones)} empty of ${fmtInt(mem.slots)}`, bytes: (mem.slots / slotsPerGroup) * t.groupsize, explain: 'a table is full at 7/8 of its slots; deleted slots (tombstones) count against that until a rehash or prune' });
  if (m.used > 0) {
    lines.push({ kind: 'note', name: `per entry: ${humanBytes(Math.round(mem.allocBytes / m.used))}`, bytes: Math.round(mem.allocBytes / m.used), explain: 'in-use heap divided by len(m)' });
    const saved = mem.allocBytes - mem.rebuiltBytes;
    lines.push({ kind: 'note', name: `a rebuild, make(map[K]V, ${fmtInt(m.used)}) + copy, ${saved >= 0 ? 'frees' : 'costs'} ${humanBytes(Math.abs(saved))}`, bytes: mem.rebuiltBytes, explain: 'what a fresh map sized for len(m) holds: tables never shrink, deletes leave their groups allocated' });
  }
  return { inUseBytes: mem.allocBytes, inUseObjects: mem.objects, lines };
}

/** The group as a byte ruler, beside the other group layout and the classic bucket of the same types. */
/** A group's regions as ruler segments: ctrl, then its 8 slots whole (interleaved) or its keys
 * and its elems (split), the padding gc put before each and after the last. */
function regionSegments(regions: SwissGroupRegion[], groupsize: number): SegmentView[] {
  const segs: SegmentView[] = [];
  for (const r of regions) {
    if (r.paddingBefore > 0) segs.push({ kind: 'pad', bytes: r.paddingBefore, label: 'padding' });
    const kind = r.name === 'slots' ? 'slot' : r.name;
    segs.push({ kind, bytes: r.size, label: r.name === 'ctrl' ? 'ctrl uint64 (8 control bytes)' : `${r.name} ${r.type}` });
  }
  const end = segs.reduce((n, x) => n + x.bytes, 0);
  if (groupsize > end) segs.push({ kind: 'pad', bytes: groupsize - end, label: 'padding' });
  return segs;
}

export function swissLayout(g: SwissGroupLayout, classic: BucketLayout | undefined): LayoutView {
  const t = g.type;
  const segs: SegmentView[] = g.slot ? [{ kind: 'ctrl', bytes: 8, label: 'ctrl uint64 (8 control bytes)' }] : regionSegments(g.regions, t.groupsize);
  if (g.slot) {
    const keyBytes = g.key.slotSize;
    const elemBytes = g.elem.slotSize;
    for (let i = 0; i < slotsPerGroup; i++) {
      segs.push({ kind: 'keys', bytes: keyBytes, label: `slot ${i} key ${g.key.slotType}` });
      if (g.slot.paddingBetween > 0) segs.push({ kind: 'pad', bytes: g.slot.paddingBetween, label: 'padding' });
      if (elemBytes > 0) segs.push({ kind: 'elems', bytes: elemBytes, label: `slot ${i} elem ${g.elem.slotType}` });
      if (g.slot.trailingPadding > 0) segs.push({ kind: 'pad', bytes: g.slot.trailingPadding, label: g.slot.zeroSizeFinalByte ? 'padding (a zero-size final field is padded)' : 'padding' });
    }
  }
  const end = segs.reduce((n, s) => n + s.bytes, 0);
  if (t.groupsize > end) segs.push({ kind: 'pad', bytes: t.groupsize - end, label: 'padding' });
  const rulers: LayoutView['rulers'] = [
    { label: `group (${t.layout}): ${t.groupsize} B for 8 slots, ${plural(g.paddingBytes, 'byte')} of padding${g.slotPaddingBytes ? ` and ${fmtInt(g.slotPaddingBytes)} inside its keys and elems` : ''}`, bytes: t.groupsize, segments: segs },
  ];
  const other = g.other;
  rulers.push({
    label: `${other.layout} group (${other.layout === 'split' ? 'Go 1.27 GOEXPERIMENT=mapsplitgroup: 8 keys, then 8 elems' : 'the default: slots of struct{key; elem}'}): ${other.groupsize} B, ${plural(other.paddingBytes, 'byte')} of padding`,
    bytes: other.groupsize,
    segments: regionSegments(other.regions, other.groupsize),
  });
  if (classic) {
    rulers.push({
      label: `classic bmap (Go ≤ 1.23) for the same types: ${classic.info.bucketsize} B for 8 entries plus an overflow pointer`,
      bytes: classic.info.bucketsize,
      segments: classic.regions.map((r) => ({ kind: r.name === 'topbits' ? 'ctrl' : (r.name as SegmentView['kind']), bytes: r.size + r.paddingBefore, label: `${r.name === 'topbits' ? 'tophash' : r.name} ${r.type}` })),
    });
  }
  const notes: string[] = [
    `key ${g.key.type}: ${g.key.layout.size} B${g.key.indirect ? `, stored indirectly (over 128 B: the slot holds a ${t.ptrSize}-byte pointer to an object of ${g.key.indirectObjectBytes} B)` : ''}; elem ${g.elem.type}: ${g.elem.layout.size} B${g.elem.indirect ? `, stored indirectly (over 128 B: the slot holds a ${t.ptrSize}-byte pointer to an object of ${g.elem.indirectObjectBytes} B)` : ''}.`,
    `At the maximum load (${maxAvgGroupLoad} of every 8 slots full) groups cost ${g.bytesPerEntryAtFullLoad.toFixed(1)} B per entry.`,
  ];
  for (const [role, s] of [['key', g.key], ['elem', g.elem]] as const) {
    if (s.internalPadding > 0 && !s.indirect) notes.push(`Padding inside the ${role} type: ${s.type} wastes ${plural(s.internalPadding, 'byte')} per ${role}, ${fmtInt(8 * s.internalPadding)} B per group.`);
  }
  notes.push(t.groupPtrdata ? `The GC scans the first ${t.groupPtrdata} B of each group (pointers inside).` : 'No pointers in the group: the GC never scans the group arrays.');
  notes.push(`m[k] = v compiles to ${t.assign === 'slow' ? 'runtime.mapassign (the generic path: it never prunes tombstones, a full table rehashes at once)' : `runtime.mapassign_${t.assign} (a fast path: a full table first tries to prune tombstones)`}.`);
  return { title: 'group layout', rulers, notes };
}

const statsSlice = 1 << 12;

/** One walk over every group: slot states, and the overview bins (fill per bin, one row per group). */
export function swissStatsWalk(m: SwissMap): Generator<void, ModelStats, void> {
  return swissGroupsWalk(m.dirLen === 0
    ? (m.small ? [{ id: 'group', ctrl: m.small.ctrl }] : [])
    : m.tables().map((t, i) => ({ id: `table-${i}`, ctrl: t.ctrl })));
}

/** The overview's array id for a map of several tables: the stacked column of all of them. */
export const stackedOverviewId = 'tables';

/**
 * The same walk over arrays of control bytes (8 per group), by array id. The overview has one strip:
 * the one array's groups, or for several tables (stacked in one column, each a heading line and its
 * groups) every line of that column, so a map of 2,000 tables sends 2,048 bins, not 2,000 strips.
 */
export function* swissGroupsWalk(arrays: { id: string; ctrl: ArrayLike<number> }[]): Generator<void, ModelStats, void> {
  const states: Record<'full' | 'empty' | 'deleted', number> = { full: 0, empty: 0, deleted: 0 };
  const stacked = arrays.length > 1;
  // Lines of the strip: the groups, plus a heading line per table when stacked.
  const lines = arrays.reduce((n, a) => n + a.ctrl.length / slotsPerGroup + (stacked ? 1 : 0), 0);
  const perBin = Math.max(1, Math.ceil(lines / maxOverviewBins));
  const fill = new Array<number>(Math.ceil(lines / perBin)).fill(0);
  let line = 0;
  let walked = 0;
  let longestRun = 0;
  for (const a of arrays) {
    const rows = a.ctrl.length / slotsPerGroup;
    if (stacked) line++;
    let run = 0;
    for (let g = 0; g < rows; g++, line++) {
      if (++walked % statsSlice === 0) yield;
      let full = 0;
      let empty = 0;
      for (let i = g * slotsPerGroup; i < (g + 1) * slotsPerGroup; i++) {
        const c = a.ctrl[i];
        if (c === ctrlEmpty) empty++;
        else if (c === ctrlDeleted) states.deleted++;
        else full++;
      }
      states.full += full;
      states.empty += empty;
      fill[Math.floor(line / perBin)] += full;
      run = empty === 0 ? run + 1 : 0;
      if (run > longestRun) longestRun = run;
    }
  }
  const overview: OverviewView[] = arrays.length === 0 ? [] : [{
    array: stacked ? stackedOverviewId : arrays[0].id, rows: lines, perBin,
    maxChain: fill.map(() => 1), fill: fill.map((f) => Math.min(255, Math.round((f / (slotsPerGroup * perBin)) * 255))),
  }];
  const out: Partial<Record<SlotState, number>> = {};
  for (const [k, v] of Object.entries(states)) if (v > 0) out[k as SlotState] = v;
  return { overview, states: out, extra: { tables: arrays.length, longestFullRun: longestRun } };
}
