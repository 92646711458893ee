/**
 * The step view over a recorded Swiss growth (`swissGrowth.ts`), in the conventions of `view.ts`:
 * the old storage on the left, a new table on the right, an arrow from each old slot to the group
 * its key went to. A rehash (or growToTable) has two steps: the keys moved into the new table of
 * twice the capacity, then the insert landed (its slot marked). A split has three: the keys that
 * went to the left half, those that went to the right half (each step with the directory before
 * and after `installTableSplit`), then the insert landed in one of them. Step 0 is the map now,
 * drawn as usual. Array ids are `s<step>-old`, `s<step>-new<k>`, so rows cached by the panel for
 * one step are never shown for another.
 *
 * The new tables are read from the map at the record's history position, which is the map the
 * session holds while it shows the record; before the last step the slot the insert wrote
 * afterwards is drawn as it was right after the growth (empty, or for an update of an existing
 * key, its old elem).
 */
import { plural } from '../hover/format';
import { ctrlEmpty, slotsPerGroup } from '../swiss/constants';
import { SwissGrowthRecord } from './swissGrowth';
import { SwissModel, ctrlExplained, ctrlState } from './swiss';
import { slotDetailView, slotView } from './slots';
import { ArrayView, DirectoryView, GrowthStepsView, GroupView, LinkView, RowView, SlotDetailView, SlotRef } from './view';

/** Steps after step 0 (the map now): the keys moved (a split: to each half in turn), then the insert landed. */
export function growthStepCount(r: SwissGrowthRecord): number {
  return r.kind === 'split' ? 3 : 2;
}

/** The new table (k in `after`) a step draws beside the old storage. */
function shownTable(r: SwissGrowthRecord, step: number): number {
  if (step === growthStepCount(r)) return r.landing?.table ?? 0;
  return r.kind === 'split' ? step - 1 : 0;
}
/** Runs of the directory shown on each side of the split table's. */
const directoryMargin = 12;

const arrayPattern = /^s([123])-(old|new0|new1)$/;

/** Whether an array id names a growth step's array. */
export function isGrowthArray(id: string): boolean {
  return arrayPattern.test(id);
}

const kindWords: Record<SwissGrowthRecord['kind'], string> = { growToTable: 'growToTable', grow: 'rehash', split: 'split' };

export function swissGrowthSteps(r: SwissGrowthRecord, step: number): GrowthStepsView {
  const steps = growthStepCount(r);
  const v: GrowthStepsView = { step, steps, event: r.text, title: '', text: '' };
  const word = kindWords[r.kind];
  const cap = r.oldInfo.capacity;
  if (step === 0) {
    v.title = `${word} inside the last insert`;
    v.text = `Step growth shows it in ${steps} steps: ${r.kind === 'split' ? 'the keys that went to the left half, those that went to the right half' : `the keys moved from the old ${r.kind === 'growToTable' ? 'group' : 'table'} to the new table`}, then the insert landing.`;
    return v;
  }
  const l = r.landing;
  if (step === steps) {
    v.title = `${word} · step ${step} of ${steps}: the insert landed`;
    v.text = l ? `Then the insert ${l.inserted ? 'put the new key' : 'updated its key'} in ${newTitle(r, l.table)}, group ${l.slot >> 3}, slot ${l.slot & 7}.` : 'Then the insert was retried in the new table.';
    if (l) v.mark = { array: `s${step}-new${l.table}`, row: l.slot >> 3, group: 0, slot: l.slot & 7 };
  } else if (r.kind === 'split') {
    const k = step - 1;
    const moved = countTo(r, k);
    v.title = `${word} · step ${step} of ${steps}: ${plural(moved, 'key')} to the ${k === 0 ? 'left' : 'right'} half`;
    v.text = `growthLeft was 0 in a table of the maximum capacity ${cap}: split put each of its ${plural(r.oldInfo.used, 'key')} into one of two new tables of local depth ${r.oldInfo.localDepth + 1}: left when hash bit ${r.oldInfo.localDepth + 1} from the top is 0, right when it is 1. Here the ${moved} that went ${k === 0 ? 'left' : 'right'}.${r.dirDoubled ? ' Its local depth equalled the global depth, so the directory doubled first (each entry twice).' : ''} The left half takes the first half of the old table's directory entries, the right half the rest.`;
  } else {
    v.title = `${word} · step 1 of ${steps}: every key moved`;
    v.text = r.kind === 'growToTable'
      ? `The small map's group was full: its ${plural(r.oldInfo.used, 'key')} were put, slot by slot, into a new table of ${r.afterCapacity} slots (growToTable); the directory has one entry.`
      : `growthLeft was 0: rehash put the ${plural(r.oldInfo.used, 'full slot')} of the old table (capacity ${cap}), group after group, into a new table of capacity ${r.afterCapacity}, each at the first free slot of its probe sequence from h1 in the new table${r.oldInfo.tombstones ? `; its ${plural(r.oldInfo.tombstones, 'tombstone')} were dropped` : ''}. The new table takes the old one's directory entries.`;
  }
  if (r.dirBefore && r.dirAfter) {
    const before = r.dirBefore.runs[r.oldInfo.number];
    const from = before ? before.start : 0;
    const to = before ? before.start + before.length : 1;
    const scale = r.dirDoubled ? 2 : 1;
    v.directoryBefore = windowed(r.dirBefore, from, to);
    v.directoryAfter = windowed(r.dirAfter, from * scale, to * scale);
  }
  return v;
}

/** Old keys that went to new table k. */
function countTo(r: SwissGrowthRecord, k: number): number {
  let n = 0;
  for (const d of r.dest) if (d >= 0 && Math.floor(d / r.afterCapacity) === k) n++;
  return n;
}

/** The runs of `d` around entries [from, to), with `directoryMargin` runs on each side. */
function windowed(d: DirectoryView, from: number, to: number): DirectoryView {
  const first = d.runs.findIndex((r) => r.start + r.length > from);
  let last = d.runs.findIndex((r) => r.start >= to);
  if (last < 0) last = d.runs.length;
  const lo = Math.max(0, first - directoryMargin);
  const hi = Math.min(d.runs.length, last + directoryMargin);
  if (lo === 0 && hi === d.runs.length) return d;
  return { ...d, runs: d.runs.slice(lo, hi), elided: { before: lo, after: d.runs.length - hi } };
}

function newTitle(r: SwissGrowthRecord, k: number): string {
  if (r.kind !== 'split') return `the new table (table ${r.after[k]})`;
  return `the ${k === 0 ? 'left' : 'right'} half (table ${r.after[k]})`;
}

/** The arrays of a step: the old storage, and beside it the new table the step is about. */
export function swissGrowthArrays(r: SwissGrowthRecord, step: number, model: SwissModel): ArrayView[] {
  const tables = model.m.tables();
  const old: ArrayView = {
    id: `s${step}-old`,
    title: r.kind === 'growToTable' ? `old: the small map's group (${slotsPerGroup} slots)` : `old table (capacity ${r.oldInfo.capacity}, local depth ${r.oldInfo.localDepth})`,
    rowName: 'old group', rows: r.oldInfo.capacity / slotsPerGroup, column: 0,
  };
  const k = shownTable(r, step);
  const n = r.after[k];
  const t = tables[n];
  const used = (t?.used ?? 0) - (step < growthStepCount(r) && r.landing?.table === k && r.landing.inserted ? 1 : 0);
  const name = r.kind === 'split' ? `${k === 0 ? 'left' : 'right'} half: table ${n}` : `new table ${n}`;
  return [old, {
    id: `s${step}-new${k}`,
    title: `${name} (capacity ${r.afterCapacity}${r.kind === 'split' ? `, local depth ${t?.localDepth ?? r.oldInfo.localDepth + 1}` : ''}, used ${used})`,
    rowName: 'group', rows: r.afterCapacity / slotsPerGroup, column: 1,
  }];
}

/** One slot of a step's array: its control byte, key and elem. */
function slotAt(r: SwissGrowthRecord, model: SwissModel, step: number, part: string, i: number): { ctrl: number; key?: unknown; elem?: unknown } | undefined {
  if (part === 'old') return i < r.oldInfo.capacity ? { ctrl: r.old.ctrl[i], key: r.old.keys[i], elem: r.old.elems[i] } : undefined;
  const k = part === 'new0' ? 0 : 1;
  const t = model.m.tables()[r.after[k]];
  if (!t || k >= r.after.length || i >= t.capacity) return undefined;
  const l = r.landing;
  if (step < growthStepCount(r) && l && l.table === k && l.slot === i) {
    if (l.inserted) return { ctrl: ctrlEmpty };
    const from = r.dest.indexOf(k * r.afterCapacity + i);
    return { ctrl: t.ctrl[i], key: t.keys[i], elem: from >= 0 ? r.old.elems[from] : t.elems[i] };
  }
  return { ctrl: t.ctrl[i], key: t.keys[i], elem: t.elems[i] };
}

export function swissGrowthRows(r: SwissGrowthRecord, model: SwissModel, array: string, start: number, end: number): RowView[] {
  const m = arrayPattern.exec(array);
  if (!m) return [];
  const step = Number(m[1]);
  const part = m[2];
  const rows = part === 'old' ? r.oldInfo.capacity / slotsPerGroup : r.afterCapacity / slotsPerGroup;
  const text = model.text;
  const shown = shownTable(r, step);
  const out: RowView[] = [];
  for (let g = Math.max(0, start); g < Math.min(rows, end); g++) {
    const group: GroupView = { slots: [] };
    const links: LinkView[] = [];
    for (let s = 0; s < slotsPerGroup; s++) {
      const i = g * slotsPerGroup + s;
      const x = slotAt(r, model, step, part, i);
      if (!x) return out;
      group.slots.push(slotView(ctrlState(x.ctrl), x.ctrl, text, x.key, x.elem));
      const d = part === 'old' ? r.dest[i] : -1;
      if (d >= 0 && Math.floor(d / r.afterCapacity) === shown) {
        const k = shown;
        links.push({ kind: r.kind === 'split' ? (k === 0 ? 'splitLeft' : 'splitRight') : 'rehash', group: 0, slot: s, toArray: `s${step}-new${k}`, toRow: (d % r.afterCapacity) >> 3 });
      }
    }
    out.push(links.length ? { index: g, groups: [group], links } : { index: g, groups: [group] });
  }
  return out;
}

export function swissGrowthSlotDetail(r: SwissGrowthRecord, model: SwissModel, ref: SlotRef): SlotDetailView | undefined {
  const m = arrayPattern.exec(ref.array);
  if (!m || ref.group !== 0 || ref.slot < 0 || ref.slot >= slotsPerGroup || ref.row < 0) return undefined;
  const x = slotAt(r, model, Number(m[1]), m[2], ref.row * slotsPerGroup + ref.slot);
  if (!x) return undefined;
  return slotDetailView(ref, ctrlState(x.ctrl), x.ctrl, ctrlExplained(x.ctrl), model.m.type, model.text, x.key, x.elem);
}
