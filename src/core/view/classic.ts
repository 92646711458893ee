/**
 * `ClassicModel`: the classic `hmap` of Go 1.19–1.23 (`src/core/classic`) seen through
 * `MapModel`. Its arrays are `buckets` (column 1) and, while growing, `oldbuckets` (column 0, beside
 * the new buckets: old bucket i feeds new buckets i and i + 2^(B-1)). A row is a bucket with its
 * overflow chain; a slot's byte is its tophash, its state the tophash sentinel it holds
 * (emptyRest, emptyOne, evacuatedX, evacuatedY, evacuatedEmpty) or `full` for a stored top hash.
 * The header, memory and layout cards are in `classicCards.ts`.
 */
import {
  Bmap, HMap, LookupStep, emptyOne, emptyRest, evacuatedEmpty, evacuatedX, evacuatedY, minTopHash,
} from '../classic/hmap';
import { bucketCnt } from '../classic/makemap';
import { SeededFastRand } from '../classic/rand';
import { DefaultHasher } from '../classic/hash';
import { seededRandomness } from '../classic/hmap';
import { snapshotOf } from '../classic/trace';
import { HMapState, restoreMap, saveMap } from '../classic/bulk';
import { BucketLayout } from '../types';
import { classicAbout, classicHeader, classicLayout, classicMemory, classicStatsWalk } from './classicCards';
import { hashBits } from './hashbits';
import { MapModel, ModelStats } from './model';
import { slotDetailView, slotView } from './slots';
import { ValueText } from './text';
import {
  ArrayView, FieldView, GroupView, IterationView, LayoutView, LookupView, MemoryView, PathStepView, RowView, RuntimeView,
  SlotDetailView, SlotRef, SlotState, SlotView, maxSlotText,
} from './view';

export type ClassicArray = 'buckets' | 'oldbuckets';

const sentinelStates: SlotState[] = ['emptyRest', 'emptyOne', 'evacuatedX', 'evacuatedY', 'evacuatedEmpty'];

/** The state of a slot from its tophash byte. */
export function tophashState(top: number): SlotState {
  return top >= minTopHash ? 'full' : sentinelStates[top];
}

/** A tophash byte as the views write it: `top 0x8f`, or the sentinel's name. */
export function tophashText(top: number): string {
  return top >= minTopHash ? `top 0x${top.toString(16).padStart(2, '0')}` : sentinelStates[top];
}

export interface ClassicOptions {
  hint: number;
  seed: number;
  layout: BucketLayout;
  text: ValueText;
}

export class ClassicModel implements MapModel {
  readonly runtime: RuntimeView = { kind: 'classic', label: 'classic hmap (Go 1.19–1.23 runtime/map.go)' };
  readonly h: HMap;
  private readonly hasherDescription: string;
  /** The map's one random generator (hash0, range starts, overflow sampling, NaN hashes). */
  private readonly rand: SeededFastRand;

  constructor(private readonly o: ClassicOptions) {
    const rand = (this.rand = new SeededFastRand(o.seed));
    const hasher = new DefaultHasher(rand);
    this.h = new HMap(o.layout.info, o.hint, { hasher, random: seededRandomness(rand) });
    this.hasherDescription = hasher.description;
  }

  get count(): number {
    return this.h.count;
  }

  get rowCount(): number {
    return this.nbuckets + this.h.oldBucketCount();
  }

  /** 1<<B once the bucket array exists (0 before the first insert into a lazily made map). */
  private get nbuckets(): number {
    return this.h.buckets === null ? 0 : this.h.buckets.base;
  }

  // ---- operations ----

  insert(key: unknown, elem: unknown): boolean {
    return this.h.assign(key, elem);
  }

  delete(key: unknown): boolean {
    return this.h.delete(key);
  }

  growing(): boolean {
    return this.h.growing();
  }

  stepGrowth(): boolean {
    return this.h.growing() && this.h.stepGrowth();
  }

  finishGrowth(): number {
    return this.h.growing() ? this.h.finishGrowth() : 0;
  }

  clear(): void {
    this.h.clear();
  }

  iterate(maxKeys: number): IterationView {
    const it = this.h.iterate();
    const keys: string[] = [];
    let total = 0;
    for (let kv = it.next(); kv !== undefined; kv = it.next()) {
      if (keys.length < maxKeys) keys.push(this.o.text.key(kv.key, maxSlotText).text);
      total++;
    }
    return { start: total === 0 ? 'the map is empty: range ends at once' : `start bucket ${it.startBucket}, offset ${it.offset} (mapiterinit's fastrand)`, keys, total };
  }

  forEachKey(f: (key: unknown) => void): void {
    const h = this.h;
    const visit = (arr: NonNullable<HMap['buckets']>, i: number): void => {
      for (let b = i; b >= 0; b = arr.overflowOf(b)) {
        for (let s = 0; s < bucketCnt; s++) if (arr.tophashAt(b, s) >= minTopHash) f(arr.keyAt(b, s));
      }
    };
    // While growing, a key lives in its old bucket until that bucket is evacuated.
    const old = h.oldbuckets;
    if (old !== null) for (let i = 0; i < h.oldBucketCount(); i++) if (!old.evacuated(i)) visit(old, i);
    const cur = h.buckets;
    if (cur !== null) for (let i = 0; i < cur.base; i++) if (cur.touched(i)) visit(cur, i);
  }

  lookup(key: unknown): LookupView {
    const steps: LookupStep[] = [];
    const r = this.h.lookup(key, steps);
    const keyText = this.o.text.key(key, maxSlotText).text;
    const path: PathStepView[] = [];
    let hash: LookupView['hash'];
    let at: { array: ClassicArray; row: number; group: number } = { array: 'buckets', row: 0, group: 0 };
    for (const s of steps) {
      switch (s.kind) {
        case 'hash':
          const bits = hashBits(s.hash, this.o.layout.info.ptrSize, this.h.B, this.h.growing() && !this.h.sameSizeGrow());
          hash = bits.view;
          path.push({ text: `hash ${hash.hex} → bucket ${s.bucket} (low ${this.h.B} bits), tophash 0x${s.tophash.toString(16)} (top 8 bits${bits.raised ? ' + minTopHash' : ''})`, at: { array: 'buckets', row: s.bucket } });
          break;
        case 'oldbucket':
          path.push({
            text: `growing: old bucket ${s.oldbucket} ${s.evacuated ? 'is already evacuated: look in the new bucket' : 'is not evacuated yet: look there'}`,
            at: { array: 'oldbuckets', row: s.oldbucket },
          });
          break;
        case 'bucket':
          at = { array: s.array, row: s.bucket, group: s.chainIndex };
          path.push({ text: `${s.array === 'oldbuckets' ? 'old ' : ''}bucket ${s.bucket}${s.chainIndex ? `, overflow ${s.chainIndex}` : ''}`, at: { array: s.array, row: s.bucket, group: s.chainIndex } });
          break;
        case 'slot': {
          const what = s.match === 'found' ? 'tophash and key match: found'
            : s.match === 'key-differs' ? 'tophash matches, key differs'
              : s.match === 'emptyRest-stop' ? 'emptyRest: nothing follows, stop'
                : 'tophash differs';
          path.push({ text: `  slot ${s.slot}: ${tophashText(s.tophash)}: ${what}`, at: { ...at, slot: s.slot }, mark: s.match === 'found' ? 'found' : s.match === 'emptyRest-stop' ? 'stop' : 'visited' });
          break;
        }
      }
    }
    const where = r.where ? { array: r.where.array, row: r.where.bucket, group: r.where.chainIndex, slot: r.where.slot } : undefined;
    const elemText = r.found ? this.o.text.elem(r.elem, maxSlotText).text : undefined;
    const place = where ? `, in ${where.array === 'oldbuckets' ? 'old ' : ''}bucket ${where.row}${where.group ? ` (overflow ${where.group})` : ''}, slot ${where.slot}` : '';
    const why = this.h.count === 0 ? 'the map is empty (the runtime returns at once)'
      : this.h.buckets === null ? 'no bucket is allocated yet'
        : `checked ${path.filter((p) => p.at?.slot !== undefined).length} slots`;
    return {
      key: keyText,
      found: r.found,
      elem: elemText,
      hash,
      steps: path,
      where,
      message: r.found ? `m[${keyText}] = ${elemText}${place}` : `${keyText} is not in the map: ${why}; v, ok := m[k] gives the zero value and false`,
    };
  }

  // ---- views ----

  header(stats?: ModelStats): FieldView[] {
    return classicHeader(this.h, stats);
  }

  about(): FieldView[] {
    return classicAbout(this.hasherDescription, this.o.seed);
  }

  summary(stats?: ModelStats): string {
    const h = this.h;
    const overflow = stats ? String(stats.extra.overflowBuckets) : '…';
    return `count ${h.count} · B ${h.B} · buckets ${this.nbuckets} · overflow buckets ${overflow} · ${this.growthText()}`;
  }

  growthText(): string {
    const h = this.h;
    if (!h.growing()) return 'not growing';
    return `growing (${h.sameSizeGrow() ? 'same size' : 'doubling'}, nevacuate ${h.nevacuate}/${h.oldBucketCount()})`;
  }

  note(): string | undefined {
    const h = this.h;
    if (h.buckets === null) return `make(map[${this.o.layout.info.key}]${this.o.layout.info.elem}) allocates no bucket until the first insert: the hmap alone (B = 0, buckets = nil).`;
    if (h.count === 0) return `The map holds no entries: its ${this.nbuckets === 1 ? 'bucket is' : `${this.nbuckets} buckets are`} allocated and empty${h.noverflow > 0 ? ', overflow buckets included' : ''}; memory stays until the map is dropped.`;
    return undefined;
  }

  memory(stats: ModelStats): MemoryView {
    return classicMemory(this.h, this.o.layout, stats);
  }

  layout(): LayoutView {
    return classicLayout(this.o.layout);
  }

  arrays(): ArrayView[] {
    const h = this.h;
    const out: ArrayView[] = [];
    if (h.oldbuckets !== null) out.push({ id: 'oldbuckets', title: `old buckets (${h.oldBucketCount()})`, rowName: 'old bucket', rows: h.oldBucketCount(), column: 0 });
    out.push({ id: 'buckets', title: h.oldbuckets !== null ? `new buckets (${this.nbuckets})` : `buckets (${this.nbuckets})`, rowName: 'bucket', rows: this.nbuckets, column: 1 });
    return out;
  }

  private arrayLength(array: string): number {
    return array === 'oldbuckets' ? this.h.oldBucketCount() : array === 'buckets' ? this.nbuckets : 0;
  }

  rows(array: string, start: number, end: number): RowView[] {
    const n = this.arrayLength(array);
    const out: RowView[] = [];
    for (let i = Math.max(0, start); i < Math.min(n, end); i++) out.push(this.row(array as ClassicArray, i));
    return out;
  }

  private row(array: ClassicArray, i: number): RowView {
    const chain = this.h.chain(array, i);
    const groups: GroupView[] = chain.map((b) => this.group(b));
    const row: RowView = { index: i, groups };
    if (array === 'oldbuckets') {
      const links: NonNullable<RowView['links']> = [];
      const nOld = this.h.oldBucketCount();
      const same = this.h.sameSizeGrow();
      groups.forEach((g, gi) => g.slots.forEach((s, si) => {
        if (s.byte === evacuatedX || s.byte === evacuatedY) {
          links.push({ kind: s.byte === evacuatedX ? 'evacuatedX' : 'evacuatedY', group: gi, slot: si, toArray: 'buckets', toRow: s.byte === evacuatedX || same ? i : i + nOld });
        }
      }));
      if (links.length > 0) row.links = links;
    }
    return row;
  }

  private group(b: Bmap): GroupView {
    const slots: SlotView[] = [];
    for (let i = 0; i < bucketCnt; i++) slots.push(slotView(tophashState(b.tophash[i]), b.tophash[i], this.o.text, b.keys[i], b.elems[i]));
    const g: GroupView = { slots };
    if (b.separate) g.separate = true;
    return g;
  }

  slotDetail(ref: SlotRef): SlotDetailView | undefined {
    if (ref.array !== 'buckets' && ref.array !== 'oldbuckets') return undefined;
    if (ref.row < 0 || ref.row >= this.arrayLength(ref.array) || ref.slot < 0 || ref.slot >= bucketCnt) return undefined;
    const b = this.h.chain(ref.array, ref.row)[ref.group];
    if (!b) return undefined;
    const top = b.tophash[ref.slot];
    return slotDetailView(ref, tophashState(top), top, tophashExplained(top), this.o.layout.info, this.o.text, b.keys[ref.slot], b.elems[ref.slot]);
  }

  walkStats(): Generator<void, ModelStats, void> {
    return classicStatsWalk(this.h);
  }

  snapshot(label: string): unknown {
    return snapshotOf(this.h, label);
  }

  checkInvariants(): void {
    this.h.checkInvariants();
  }

  saveState(): unknown {
    return { map: saveMap(this.h), rand: this.rand.state() };
  }

  restoreState(state: unknown): void {
    const s = state as { map: HMapState; rand: [number, number] };
    // The saved fields include the hasher and randomness of the map they were saved from; this
    // map keeps its own (drawing from this model's generator, put back at the saved state).
    const h = this.h as unknown as Record<string, unknown>;
    const own = { hasher: h.hasher, random: h.random, equal: h.equal };
    restoreMap(this.h, s.map);
    Object.assign(h, own);
    this.rand.restore(s.rand);
  }
}

/** A tophash byte with what it means, for the detail strip. */
export function tophashExplained(top: number): string {
  switch (top) {
    case emptyRest: return 'emptyRest (0): this slot is empty, and so are all later slots of the chain';
    case emptyOne: return 'emptyOne (1): this slot is empty (a deleted entry, or later slots are in use)';
    case evacuatedX: return 'evacuatedX (2): the entry moved to the first half of the new array (same index)';
    case evacuatedY: return 'evacuatedY (3): the entry moved to the second half of the new array (index + old size)';
    case evacuatedEmpty: return 'evacuatedEmpty (4): the slot was empty when its bucket was evacuated';
    default: return `tophash 0x${top.toString(16).padStart(2, '0')}: the top 8 bits of the key's hash${top < 2 * minTopHash ? ` (plus minTopHash when below ${minTopHash})` : ''}`;
  }
}
