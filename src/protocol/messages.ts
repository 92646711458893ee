/**
 * The one message contract between the extension and the panel's webview, imported by both sides.
 * Every message is a member of a discriminated union on `type`; what arrives is validated with
 * `parseToWebview` / `parseToExtension` before use (anything else is dropped and logged).
 *
 * The extension sends the webview only what it draws: the header, the memory totals, a
 * downsampled overview strip, and bucket chains for the range the webview asks for.
 */
import type { LookupStep } from '../core/classic/hmap';
import type { MapTypeInfo } from '../core/maptype';
import { CommandId, isCommandId } from './commands';

/** The bucket arrays of an hmap. */
export type ArrayName = 'buckets' | 'oldbuckets';

/** The type's layout as the panel shows it: the runtime's `maptype` fields and the bucket layout. */
export interface TypeView extends MapTypeInfo {
  /** The bmap region by region: topbits (tophash), keys, elems, overflow, with the padding before each. */
  regions: { name: string; type: string; offset: number; size: number; paddingBefore: number }[];
  /** Padding bytes in the bmap struct. */
  paddingBytes: number;
  /** The interleaved key/elem layout the runtime avoids. */
  interleaved: { pairType: string; pairSize: number; pairPadding: number; bucketsize: number; paddingBytes: number; savedPerBucket: number };
}

/** The hmap header. */
export interface HeaderView {
  count: number;
  flags: number;
  B: number;
  noverflow: number;
  /** `0x…`. */
  hash0: string;
  nevacuate: number;
  growing: boolean;
  sameSizeGrow: boolean;
  /** 1<<B, the buckets addressed by hash (0 before the first insert of a lazily allocated map). */
  nbuckets: number;
  /** Buckets of the old array addressed by hash while growing, else 0. */
  noldbuckets: number;
  /** Length of the bucket array including preallocated overflow buckets. */
  arrayLength: number;
  nextOverflowFree: number;
  /** Overflow buckets actually chained (current + old), counted by walking, unlike `noverflow`. */
  overflowBuckets: number;
  /** Which hash function placed the keys. */
  hasher: string;
}

export interface MemoryView {
  /** Heap bytes that hold entries: hmap, mapextra, the bmaps in use, indirect objects. */
  liveBytes: number;
  /** Heap bytes the map holds, each object rounded to its size class. */
  allocatedBytes: number;
  /** The pieces, as text ready to show (label, amount). */
  parts: { label: string; text: string }[];
}

/**
 * The overview strip: all buckets of one array, downsampled to at most `maxOverviewBins` bins.
 * Bin i covers buckets [i*perBin, (i+1)*perBin).
 */
export interface OverviewView {
  array: ArrayName;
  buckets: number;
  perBin: number;
  /** Longest chain (1 = no overflow) in each bin; 0 where no bucket of the bin was ever written. */
  maxChain: number[];
  /** Live slots in the bin per 255 of its first-bucket capacity (0..255). */
  fill: number[];
}

export const maxOverviewBins = 2048;

/** One slot of a bmap: its raw tophash byte and, when live, its key and element as text. */
export interface SlotView {
  tophash: number;
  key?: string;
  elem?: string;
}

export interface BmapView {
  slots: SlotView[];
  /** Allocated on its own (`newobject`), not taken from the bucket array's preallocated tail. */
  separate: boolean;
}

export interface BucketView {
  index: number;
  /** The bucket and its overflow buckets in link order. */
  chain: BmapView[];
}

export interface HistoryView {
  /** Operations applied (the undo position). */
  position: number;
  /** Operations recorded (position < length means redo is possible). */
  length: number;
  /** Label of the last applied operation. */
  last?: string;
}

/** Everything the panel needs except bucket contents. */
export interface MapView {
  /** Changes on every operation; bucket replies carry it so stale ones are dropped. */
  revision: number;
  title: string;
  type: TypeView;
  header: HeaderView;
  memory: MemoryView;
  overview: OverviewView[];
  history: HistoryView;
  seed: number;
  /** The counts that need a walk over every bucket (overflow buckets, memory, overview) are still
   * being computed; a full view of the same revision follows. */
  pending?: boolean;
}

/** The model's lookup steps, with the hash written out in hex for display. */
export type LookupStepView =
  | (Omit<Extract<LookupStep, { kind: 'hash' }>, 'hash'> & { hash: string })
  | Exclude<LookupStep, { kind: 'hash' }>;

export interface LookupView {
  key: string;
  found: boolean;
  elem?: string;
  steps: LookupStepView[];
  where?: { array: ArrayName; bucket: number; chainIndex: number; slot: number };
}

export interface IterationView {
  startBucket: number;
  offset: number;
  /** The first keys in `range` order (at most `maxIterationKeys`), as text. */
  keys: string[];
  total: number;
}

export const maxIterationKeys = 1000;
/** The most buckets one `viewport` request may ask for. */
export const maxBucketsPerRequest = 512;

/** Extension → webview. */
export type ToWebview =
  | { type: 'map'; map: MapView }
  | { type: 'noMap'; reason: string }
  | { type: 'buckets'; revision: number; array: ArrayName; start: number; buckets: BucketView[] }
  | { type: 'lookup'; revision: number; lookup: LookupView }
  | { type: 'iteration'; revision: number; iteration: IterationView }
  | { type: 'reveal'; array: ArrayName; bucket: number; chainIndex?: number; slot?: number }
  | { type: 'requestSvg'; requestId: number };

/** Webview → extension. */
export type ToExtension =
  | { type: 'ready' }
  | { type: 'viewport'; revision: number; array: ArrayName; start: number; end: number }
  | { type: 'run'; command: CommandId }
  | { type: 'svg'; requestId: number; svg: string }
  | { type: 'selected'; array: ArrayName; bucket: number }
  | { type: 'rendered'; revision: number; ms: number };

// ---------------------------------------------------------------------------------------------
// Validation of what arrives. Small hand-written checks: the shapes are few and flat.

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isArrayName = (x: unknown): x is ArrayName => x === 'buckets' || x === 'oldbuckets';
const optNat = (x: unknown): boolean => x === undefined || isNat(x);

function isSlot(x: unknown): x is SlotView {
  return isObj(x) && isNat(x.tophash) && x.tophash < 256 && (x.key === undefined || isStr(x.key)) && (x.elem === undefined || isStr(x.elem));
}

function isBucket(x: unknown): x is BucketView {
  return isObj(x) && isNat(x.index) && Array.isArray(x.chain)
    && x.chain.every((b) => isObj(b) && isBool(b.separate) && Array.isArray(b.slots) && b.slots.length === 8 && b.slots.every(isSlot));
}

function isMapView(x: unknown): x is MapView {
  if (!isObj(x) || !isNat(x.revision) || !isStr(x.title) || !isNat(x.seed)) return false;
  const { type, header, memory, overview, history } = x;
  return isObj(type) && isStr(type.key) && isStr(type.elem) && isNat(type.bucketsize) && Array.isArray(type.regions) && isObj(type.interleaved)
    && isObj(header) && isNat(header.count) && isNat(header.B) && isStr(header.hash0) && isBool(header.growing)
    && isNat(header.nbuckets) && isNat(header.overflowBuckets)
    && isObj(memory) && isNat(memory.liveBytes) && isNat(memory.allocatedBytes) && Array.isArray(memory.parts)
    && Array.isArray(overview) && overview.every((o) => isObj(o) && isArrayName(o.array) && isNat(o.buckets)
      && isNat(o.perBin) && Array.isArray(o.maxChain) && Array.isArray(o.fill) && o.maxChain.length <= maxOverviewBins)
    && isObj(history) && isNat(history.position) && isNat(history.length);
}

function isLookup(x: unknown): x is LookupView {
  return isObj(x) && isStr(x.key) && isBool(x.found) && Array.isArray(x.steps) && x.steps.every((s) => isObj(s) && isStr(s.kind));
}

function isIteration(x: unknown): x is IterationView {
  return isObj(x) && isNat(x.startBucket) && isNat(x.offset) && isNat(x.total) && Array.isArray(x.keys) && x.keys.every(isStr);
}

/** The message if `x` is a well-formed `ToWebview`, else undefined. */
export function parseToWebview(x: unknown): ToWebview | undefined {
  if (!isObj(x)) return undefined;
  const m = x as ToWebview;
  switch (m.type) {
    case 'map': return isMapView(m.map) ? m : undefined;
    case 'noMap': return isStr(m.reason) ? m : undefined;
    case 'buckets': return isNat(m.revision) && isArrayName(m.array) && isNat(m.start) && Array.isArray(m.buckets) && m.buckets.every(isBucket) ? m : undefined;
    case 'lookup': return isNat(m.revision) && isLookup(m.lookup) ? m : undefined;
    case 'iteration': return isNat(m.revision) && isIteration(m.iteration) ? m : undefined;
    case 'reveal': return isArrayName(m.array) && isNat(m.bucket) && optNat(m.chainIndex) && optNat(m.slot) ? m : undefined;
    case 'requestSvg': return isNat(m.requestId) ? m : undefined;
    default: {
      const never: never = m;
      void never;
      return undefined;
    }
  }
}

/** The message if `x` is a well-formed `ToExtension`, else undefined. */
export function parseToExtension(x: unknown): ToExtension | undefined {
  if (!isObj(x)) return undefined;
  const m = x as ToExtension;
  switch (m.type) {
    case 'ready': return m;
    case 'viewport': return isNat(m.revision) && isArrayName(m.array) && isNat(m.start) && isNat(m.end) && m.end >= m.start ? m : undefined;
    case 'run': return isCommandId(m.command) ? m : undefined;
    case 'svg': return isNat(m.requestId) && isStr(m.svg) ? m : undefined;
    case 'selected': return isArrayName(m.array) && isNat(m.bucket) ? m : undefined;
    case 'rendered': return isNat(m.revision) && typeof m.ms === 'number' && m.ms >= 0 ? m : undefined;
    default: {
      const never: never = m;
      void never;
      return undefined;
    }
  }
}

/** What the webview keeps with `setState` and the serializer restores. */
export interface PanelState {
  sessionId: string;
  scrollTop?: number;
}

export function parsePanelState(x: unknown): PanelState | undefined {
  return isObj(x) && isStr(x.sessionId) && (x.scrollTop === undefined || typeof x.scrollTop === 'number') ? (x as unknown as PanelState) : undefined;
}

/** Names of the tophash states, as the panel and the tree print them. */
export function tophashName(t: number): string {
  switch (t) {
    case 0: return 'emptyRest';
    case 1: return 'emptyOne';
    case 2: return 'evacuatedX';
    case 3: return 'evacuatedY';
    case 4: return 'evacuatedEmpty';
    default: return `top 0x${t.toString(16).padStart(2, '0')}`;
  }
}

/** The text the panel puts in `data-testid="summary"`. */
export function summaryText(m: MapView): string {
  const h = m.header;
  return `count ${h.count} · B ${h.B} · buckets ${h.nbuckets} · overflow buckets ${m.pending ? '…' : h.overflowBuckets} · `
    + (h.growing ? `growing (${h.sameSizeGrow ? 'same size' : 'doubling'}, nevacuate ${h.nevacuate}/${h.noldbuckets})` : 'not growing');
}
