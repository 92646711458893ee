/**
 * `SwissModel`: the Swiss-table map of Go 1.24+ (`src/core/swiss`) seen through `MapModel`. Its
 * arrays are the small map's one group (`group`), or one array per distinct table in directory
 * order (`table-0`, `table-1`, ...; stacked in one column), a row being one group of 8 slots whose
 * byte is the control byte: `full` (h2), `empty` (`ctrlEmpty`) or `deleted` (`ctrlDeleted`, a
 * tombstone). Growth is not incremental: a rehash or a split happens inside the insert that needs
 * it, and is reported by `lastEvents()`. The cards are in `swissCards.ts`.
 */
import { SeededFastRand } from '../classic/rand';
import { goEqual } from '../go/equal';
import { plural } from '../hover/format';
import { ctrlDeleted, ctrlEmpty, slotsPerGroup } from '../swiss/constants';
import { DefaultSwissHasher } from '../swiss/hash';
import { SwissGroupLayout } from '../swiss/layout';
import { SwissEvent, SwissMap } from '../swiss/map';
import { probePath } from '../swiss/probe';
import { seededSwissRandomness } from '../swiss/random';
import { restoreSwissMap, saveSwissMap, SwissMapState } from '../swiss/state';
import { swissSnapshotOf } from '../swiss/trace';
import { BucketLayout } from '../types';
import { MapModel, ModelStats } from './model';
import { swissAbout, swissHeader, swissLayout, swissMemoryView, swissStatsWalk } from './swissCards';
import { swissHashBits } from './swissbits';
import { SwissGrowthCapture, SwissGrowthRecord } from './swissGrowth';
import { swissTableFacts } from './swissDirectory';
import { TablesView, tablesView } from './swissTables';
import { slotDetailView, slotView } from './slots';
import { ValueText } from './text';
import {
  ArrayView, FieldView, GroupView, IterationView, LayoutView, LookupView, MemoryView, OutcomeView, PathStepView, RowView, RuntimeView,
  SlotDetailView, SlotRef, SlotState, SlotView, maxSlotText,
} from './view';

export interface SwissOptions {
  hint: number;
  seed: number;
  layout: SwissGroupLayout;
  /** The classic bucket of the same types, for the layout card's comparison. */
  classic?: BucketLayout;
  text: ValueText;
}

/** The state of a slot from its control byte. */
export function ctrlState(c: number): SlotState {
  return c === ctrlEmpty ? 'empty' : c === ctrlDeleted ? 'deleted' : 'full';
}

/** A control byte as the views write it: `h2 0x5a`, `empty`, `deleted`. */
export function ctrlText(c: number): string {
  return c === ctrlEmpty ? 'empty' : c === ctrlDeleted ? 'deleted' : `h2 0x${c.toString(16).padStart(2, '0')}`;
}

export function ctrlExplained(c: number): string {
  if (c === ctrlEmpty) return 'ctrlEmpty (0x80): the slot is empty; a lookup that reaches a group with an empty slot stops there';
  if (c === ctrlDeleted) return 'ctrlDeleted (0xfe): a tombstone, the slot of a deleted key in a group that had no empty slot; lookups probe past it, inserts may reuse it';
  return `h2 0x${c.toString(16).padStart(2, '0')}: the low 7 bits of the key's hash; a lookup compares keys only in slots whose control byte matches`;
}

export class SwissModel implements MapModel {
  readonly runtime: RuntimeView;
  readonly m: SwissMap;
  private readonly rand: SeededFastRand;
  private readonly hasherDescription: string;
  private events: OutcomeView[] = [];
  /** Set by a session around one insert: its growth is recorded for the step view (`swissGrowth.ts`). */
  captureGrowth = false;
  private readonly capture: SwissGrowthCapture;
  private growthRecord?: SwissGrowthRecord;

  constructor(private readonly o: SwissOptions) {
    const t = o.layout.type;
    const bits = t.ptrSize === 8 ? 64 : 32;
    const rand = (this.rand = new SeededFastRand(o.seed));
    const hasher = new DefaultSwissHasher(rand, bits);
    this.m = new SwissMap(t, o.hint, { hasher, random: seededSwissRandomness(rand, bits), equal: goEqual });
    this.m.onEvent = (e) => this.record(e);
    this.capture = new SwissGrowthCapture(this.m);
    this.hasherDescription = hasher.description;
    this.runtime = { kind: 'swiss', label: `Swiss tables (Go ${t.goversion === '1.27' ? '1.27' : '1.24–1.26'} internal/runtime/maps${t.layout === 'split' ? ', split groups' : ''})` };
  }

  private record(e: SwissEvent): void {
    const tables = this.m.tables();
    let text: string | undefined;
    switch (e.kind) {
      case 'growToTable':
        text = 'the 9th key turned the small map into a table of 16 slots (growToTable)';
        break;
      case 'grow':
        text = `table ${tables.indexOf(e.newTable)} rehashed from ${e.table.capacity} to ${e.newTable.capacity} slots (grow: growthLeft was 0)`;
        break;
      case 'split':
        text = `a full 1024-slot table split into tables ${tables.indexOf(e.left)} and ${tables.indexOf(e.right)} (local depth ${e.left.localDepth})${e.dirDoubled ? `; the directory doubled to ${this.m.dirLen} entries` : ''}`;
        break;
      default:
        return;
    }
    this.events.push({ kind: 'info', text });
    if (this.captureGrowth) this.capture.event(e, text);
    if (this.events.length > 50) this.events.splice(0, this.events.length - 50);
  }

  /** The growth recorded by the last insert run with `captureGrowth`, once. */
  takeGrowth(): SwissGrowthRecord | undefined {
    const r = this.growthRecord;
    this.growthRecord = undefined;
    return r;
  }

  /** How keys and elems read (Go syntax). */
  get text(): ValueText {
    return this.o.text;
  }

  lastEvents(): OutcomeView[] {
    const e = this.events;
    this.events = [];
    return e;
  }

  get count(): number {
    return this.m.used;
  }

  /** The group layout the map was made with. */
  get layoutInfo(): SwissGroupLayout {
    return this.o.layout;
  }

  get rowCount(): number {
    return this.m.dirLen === 0 ? (this.m.small ? 1 : 0) : this.m.tables().reduce((n, t) => n + t.lengthMask + 1, 0);
  }

  // ---- operations ----

  insert(key: unknown, elem: unknown): boolean {
    if (!this.captureGrowth) return this.m.assign(key, elem);
    this.capture.begin();
    try {
      return this.m.assign(key, elem);
    } finally {
      this.growthRecord = this.capture.end();
    }
  }

  delete(key: unknown): boolean {
    return this.m.delete(key);
  }

  growing(): boolean {
    return false;
  }

  stepGrowth(): boolean {
    return false;
  }

  finishGrowth(): number {
    return 0;
  }

  clear(): void {
    this.m.clear();
  }

  iterate(maxKeys: number): IterationView {
    const it = this.m.iterate();
    const keys: string[] = [];
    let total = 0;
    for (let kv = it.next(); kv !== undefined; kv = it.next()) {
      if (keys.length < maxKeys) keys.push(this.o.text.key(kv.key, maxSlotText).text);
      total++;
    }
    const hex = (x: bigint) => '0x' + x.toString(16).padStart(16, '0');
    const start = total === 0 ? 'the map is empty: range ends at once (Iter.Init draws nothing)'
      : this.m.dirLen === 0 ? `entryOffset ${hex(it.entryOffset)}: slots from ${Number(it.entryOffset % 8n)}, wrapping (Iter.Init's rand)`
        : `entryOffset ${hex(it.entryOffset)}, dirOffset ${hex(it.dirOffset)}: tables from directory entry ${Number(it.dirOffset & BigInt(this.m.dirLen - 1))} (Iter.Init's rand)`;
    return { start, keys, total };
  }

  forEachKey(f: (key: unknown) => void): void {
    const visit = (ctrl: Uint8Array, keys: readonly unknown[]) => {
      for (let i = 0; i < ctrl.length; i++) if ((ctrl[i] & ctrlEmpty) === 0) f(keys[i]);
    };
    if (this.m.dirLen === 0) {
      if (this.m.small) visit(this.m.small.ctrl, this.m.small.keys);
    } else for (const t of this.m.tables()) visit(t.ctrl, t.keys);
  }

  lookup(key: unknown): LookupView {
    const keyText = this.o.text.key(key, maxSlotText).text;
    if (this.m.used === 0) {
      this.m.lookup(key); // an unhashable dynamic key panics even on an empty map
      return { key: keyText, found: false, steps: [], message: `${keyText} is not in the map: the map is empty (the runtime returns before hashing); v, ok := m[k] gives the zero value and false` };
    }
    const p = probePath(this.m, key);
    const t = this.m.type;
    const tables = this.m.tables();
    const array = this.m.dirLen === 0 ? 'group' : `table-${p.tableIndex}`;
    const groups = this.m.dirLen === 0 ? 1 : tables[p.tableIndex!].lengthMask + 1;
    const hash = swissHashBits(p, t.ptrSize, groups, this.m.globalDepth, this.m.dirLen > 0);
    const steps: PathStepView[] = [];
    steps.push({
      text: this.m.dirLen === 0
        ? `hash ${hash.hex}: h2 0x${p.h2.toString(16).padStart(2, '0')} (low 7 bits); a small map has one group: compare h2 with its 8 control bytes`
        : `hash ${hash.hex}: h2 0x${p.h2.toString(16).padStart(2, '0')} (low 7 bits), h1 → home group ${p.steps[0]?.group} of ${groups}; directory entry ${p.dirIndex} (top ${this.m.globalDepth} bits) → table ${p.tableIndex}`,
    });
    for (const s of p.steps) {
      steps.push({
        text: this.m.dirLen === 0 ? 'the group' : `group ${s.group} (probe ${s.probeIndex}${s.probeIndex ? `: +${s.probeIndex}` : ': home'})`,
        at: { array, row: s.group },
        mark: 'visited',
      });
      for (const x of s.matches) {
        steps.push({ text: `  slot ${x.slot}: control byte = h2: ${x.equal ? 'key matches: found' : 'key differs'}`, at: { array, row: s.group, group: 0, slot: x.slot }, mark: x.equal ? 'found' : 'visited' });
      }
      if (s.hasEmpty && !s.matches.some((x) => x.equal)) steps.push({ text: '  an empty slot in this group: the key is not in the table, stop', at: { array, row: s.group }, mark: 'stop' });
    }
    // The probe path already found the slot: read its elem there instead of looking the key up again.
    const where = p.found ? { array, row: p.found.group, group: 0, slot: p.found.slot } : undefined;
    const found = where !== undefined;
    const elemText = where ? this.o.text.elem(this.storage(array)!.elems[where.row * slotsPerGroup + where.slot], maxSlotText).text : undefined;
    const place = where ? `, in ${this.m.dirLen === 0 ? 'the small map\'s group' : `table ${p.tableIndex}, group ${where.row}`}, slot ${where.slot}` : '';
    const insert = p.insertAt ? ` An insert would take ${p.insertAt.reuse === 'tombstone' ? 'the tombstone' : 'the empty slot'} at group ${p.insertAt.group}, slot ${p.insertAt.slot}${p.growsFirst ? ' after the table grows (growthLeft is 0)' : ''}.` : p.growsFirst ? ' An insert would first turn the small map into a table.' : '';
    return {
      key: keyText,
      found,
      elem: elemText,
      hash,
      steps,
      where,
      message: found ? `m[${keyText}] = ${elemText}${place}` : `${keyText} is not in the map: probed ${plural(p.steps.length, 'group')}; v, ok := m[k] gives the zero value and false.${insert}`,
    };
  }

  // ---- views ----

  header(stats?: ModelStats): FieldView[] {
    return swissHeader(this.m, stats);
  }

  about(): FieldView[] {
    return swissAbout(this.hasherDescription, this.o.seed);
  }

  summary(): string {
    const tables = this.m.tables();
    const t = this.m.type;
    return `swiss · Go ${t.goversion} · used ${this.m.used} · tables ${tables.length} · capacity ${tables.reduce((n, x) => n + x.capacity, 0) || (this.m.small ? slotsPerGroup : 0)}`;
  }

  growthText(): string {
    return 'Swiss tables grow inside the insert that needs it (rehash to double capacity up to 1024 slots, then split): nothing is pending';
  }

  note(): string | undefined {
    const t = this.m.type;
    if (this.m.dirLen === 0 && this.m.small === null) return `make(map[${t.key}]${t.elem}) allocates only the Map header until the first insert, which allocates one group of 8 slots (a small map: no table, no directory).`;
    if (this.m.used === 0) return `The map holds no entries: its ${this.m.dirLen === 0 ? 'group is' : `${plural(this.m.tables().length, 'table')} are`} allocated and empty; memory stays until the map is dropped.`;
    return undefined;
  }

  memory(): MemoryView {
    return swissMemoryView(this.m, this.o.layout);
  }

  layout(): LayoutView {
    return swissLayout(this.o.layout, this.o.classic);
  }

  /** The tables' arrays and directory strip (undefined for a small map). */
  tables(): TablesView | undefined {
    return tablesView(this.m.globalDepth, this.m.dirLen, swissTableFacts(this.m));
  }

  arrays(): ArrayView[] {
    if (this.m.dirLen === 0) return this.m.small ? [{ id: 'group', title: 'small map: one group (no table, no directory)', rowName: 'group', rows: 1, column: 0 }] : [];
    return this.tables()!.arrays;
  }

  /** The control bytes, keys and elems behind an array id, or undefined. */
  private storage(array: string): { ctrl: Uint8Array; keys: readonly unknown[]; elems: readonly unknown[] } | undefined {
    if (array === 'group') return this.m.dirLen === 0 && this.m.small ? this.m.small : undefined;
    const m = /^table-(\d+)$/.exec(array);
    return m ? this.m.tables()[Number(m[1])] : undefined;
  }

  rows(array: string, start: number, end: number): RowView[] {
    const s = this.storage(array);
    if (!s) return [];
    const n = s.ctrl.length / slotsPerGroup;
    const out: RowView[] = [];
    for (let g = Math.max(0, start); g < Math.min(n, end); g++) out.push({ index: g, groups: [this.group(s, g)] });
    return out;
  }

  private group(s: { ctrl: Uint8Array; keys: readonly unknown[]; elems: readonly unknown[] }, g: number): GroupView {
    const slots: SlotView[] = [];
    for (let i = g * slotsPerGroup; i < (g + 1) * slotsPerGroup; i++) slots.push(slotView(ctrlState(s.ctrl[i]), s.ctrl[i], this.o.text, s.keys[i], s.elems[i]));
    return { slots };
  }

  slotDetail(ref: SlotRef): SlotDetailView | undefined {
    const s = this.storage(ref.array);
    if (!s || ref.group !== 0 || ref.slot < 0 || ref.slot >= slotsPerGroup || ref.row < 0 || ref.row >= s.ctrl.length / slotsPerGroup) return undefined;
    const i = ref.row * slotsPerGroup + ref.slot;
    const c = s.ctrl[i];
    return slotDetailView(ref, ctrlState(c), c, ctrlExplained(c), this.m.type, this.o.text, s.keys[i], s.elems[i]);
  }

  walkStats(): Generator<void, ModelStats, void> {
    return swissStatsWalk(this.m);
  }

  snapshot(label: string): unknown {
    return swissSnapshotOf(this.m, label);
  }

  checkInvariants(): void {
    this.m.checkInvariants();
  }

  saveState(): unknown {
    return { map: saveSwissMap(this.m), rand: this.rand.state() };
  }

  restoreState(state: unknown): void {
    const s = state as { map: SwissMapState; rand: [number, number] };
    restoreSwissMap(this.m, s.map);
    this.rand.restore(s.rand);
  }
}
