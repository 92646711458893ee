/**
 * The shapes of a capture: what the caller hands the capture core (a way to send DAP requests, a
 * map expression, the paused frame) and what it gets back, a snapshot of the real map in the same
 * form as the oracle dumps of its runtime (`shared/oracle/FORMAT.md` for the classic `hmap`,
 * `shared/oracle-swiss/FORMAT.md` for Swiss tables), marked with where and from what it came.
 */
import type { DumpBmap, DumpSnapshot, DumpType } from '../classic/trace';
import type { SwissDumpSnapshot, SwissDumpType } from '../swiss/types';

/**
 * Sends one DAP request and resolves with its response's `body` (rejecting with the adapter's
 * message on failure). In VS Code: `(c, a) => session.customRequest(c, a)`; in the CLI and tests:
 * `DapClient.send`. The core pipelines requests, so `send` must allow many in flight.
 */
export type DapSend = (command: string, args: Record<string, unknown>) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CaptureOptions {
  /** The paused frame the expression is evaluated in (DAP `frameId`). */
  frameId: number;
  /** The paused goroutine (DAP `threadId`, Delve's goroutine id), reported in `where`. */
  threadId?: number;
  /**
   * The frame's function, file and line as the caller's `stackTrace` showed them, reported in
   * `where`. (Delve hands out new frame ids on every `stackTrace`, so the capture cannot look
   * `frameId` up itself.)
   */
  frame?: { function?: string; file?: string; line?: number };
  /** Most requests in flight at once (default 64). */
  concurrency?: number;
  /** Told how far the capture is: `done` of `total` known units (bytes and values read). */
  onProgress?: (done: number, total: number) => void;
  /** How long to wait for each answer of the debug adapter before failing (default `requestTimeoutMs`, 30 s). */
  requestTimeoutMs?: number;
  /** Polled between requests; when it returns true the capture stops with a `CaptureCancelled`. */
  isCancelled?: () => boolean;
  /** Read every key and elem through Delve's formatting, even where the raw words would do (benchmarks, tests). */
  noFastPath?: boolean;
  /**
   * What a capture learns of the debuggee that holds for the life of its process: kept by the
   * caller per debug session (and dropped when the session ends or restarts), so the next capture
   * skips those requests. Filled in by the capture.
   */
  cache?: CaptureCache;
}

/** Facts of one debuggee process, found by a capture and reused by the next (see `CaptureOptions.cache`). */
export interface CaptureCache {
  ptrSize?: number;
  goversion?: string;
  runtime?: 'classic' | 'swiss';
  /** Words per row of wide memory reads (`Reader.probeRows`). */
  rowWords?: number;
  /** Bucket or group layouts measured, by `runtime key elem`. */
  layouts?: Map<string, CapturedClassicType | CapturedSwissType>;
}

/** Where the map was read: the goroutine, the frame and its source line. */
export interface CaptureWhere {
  goroutine: number | null;
  frameId: number;
  function: string | null;
  file: string | null;
  line: number | null;
}

/** What every capture carries beside the runtime's own fields. */
export interface CaptureInfo {
  runtime: 'classic' | 'swiss';
  /** `runtime.buildVersion` of the debuggee, e.g. `go1.26.8`. */
  goversion: string;
  /** The map header's address (`*(*uintptr)(uintptr(&expr))`), `0x` and hex digits. */
  address: string;
  expr: string;
  /** The map's type as Delve names it, e.g. `map[string]int64`. */
  mapType: string;
  where: CaptureWhere;
  /** DAP requests the capture sent, and how long it took. */
  stats: { requests: number; ms: number };
}

/** The classic bucket layout, measured in the debuggee (address differences in `bucket<K,V>`). */
export type CapturedClassicType = Pick<DumpType, 'key' | 'elem' | 'keysize' | 'elemsize' | 'bucketsize' | 'indirectkey' | 'indirectelem'> & {
  ptrSize: number;
  keysOff: number;
  elemsOff: number;
  overflowOff: number;
};

/**
 * The Swiss group layout, measured in the debuggee (address differences in `noalg.map.group[K]V`);
 * the dump's `type` less what only the runtime's `abi.MapType` knows (flags, hasher, GC data).
 */
export type CapturedSwissType = Omit<SwissDumpType, 'needkeyupdate' | 'hashmightpanic' | 'groupPtrdata' | 'assign'> & {
  ptrSize: number;
};

/** A classic map: the oracle's snapshot fields (`label` is the expression) plus the capture's. */
export type CapturedClassic = { label: string } & ClassicBody & CaptureInfo & { runtime: 'classic' };

/** A Swiss map: the Swiss oracle's snapshot fields (`label` is the expression) plus the capture's. */
export type CapturedSwiss = { label: string } & SwissBody & CaptureInfo & { runtime: 'swiss' };

export type CapturedMap = CapturedClassic | CapturedSwiss;

/** The runtime's fields of a classic capture, in the oracle's order (`captureClassic`). */
export type ClassicBody = Omit<DumpSnapshot, 'label' | 'lookups' | 'iterations' | 'buckets' | 'oldbuckets'> & {
  /** 2^B chains, each the bucket and its overflow buckets in link order; null before the first insert. */
  buckets: DumpBmap[][] | null;
  /** The old array while growing, else null. */
  oldbuckets: DumpBmap[][] | null;
  type: CapturedClassicType;
};

/**
 * The runtime's fields of a Swiss capture, in the oracle's order (`captureSwiss`); `lookups` and
 * `iterations` are always empty (a capture runs no operation) so that it is a `SwissDumpSnapshot`.
 */
export type SwissBody = Omit<SwissDumpSnapshot, 'label'> & { type: CapturedSwissType };

export type { DumpBmap };
