/**
 * `captureMap`: the real map behind a Go expression in a paused debug session, read through the
 * debug adapter (Delve) with nothing but DAP `evaluate` and `variables` requests.
 *
 * Delve shows a map as key/value pairs and hides the runtime's structures, and it cannot cast the
 * map value itself. A map variable is a pointer to its header, though, so
 * `*(*uintptr)(uintptr(&m))` is the header's address (0 for a nil map, which has no header). From
 * there the runtime's own types do the rest: `runtime.hmap` for the classic map of Go ≤ 1.23,
 * `internal/runtime/maps.Map` for the Swiss tables of Go ≥ 1.24. Which one the debuggee has is
 * asked of the debuggee: the cast to the type it lacks fails. Addresses are always written as hex
 * literals (Delve 1.21 cannot convert an `unsafe.Pointer` field to `uintptr`).
 */
import { captureClassic } from './classic';
import { CaptureError, hexAddr, parseInteger, splitMapType, unquoteBytes } from './delve';
import { bucketTypeName, groupTypeName, measureClassic, measurePtrSize, measureSwiss, typedAt } from './layout';
import { Reader } from './reader';
import { captureSwiss, readDirectoryEarly, swissMapType } from './swiss';
import { CaptureOptions, CaptureWhere, CapturedClassicType, CapturedMap, CapturedSwissType, DapSend } from './types';
import { SlotReader } from './values';

/**
 * Reads the whole map `expr` evaluates to in the paused frame `opts.frameId`. Throws a
 * `CaptureError` with a one-line message when it cannot (not a map, a nil map, a debuggee whose
 * runtime types are missing), `CaptureCancelled` when `opts.isCancelled()` turned true.
 */
export async function captureMap(send: DapSend, expr: string, opts: CaptureOptions): Promise<CapturedMap> {
  const started = Date.now();
  const r = new Reader(send, opts.frameId, opts);
  const cache = opts.cache ?? {};
  // The first wave: everything that needs only the expression, in flight together. The header is
  // read through the header's address expression itself (Delve dereferences it in the cast), so it
  // comes back now instead of a round trip later; a first capture tries both runtimes' types.
  const at = `*(*uintptr)(uintptr(&(${expr})))`;
  if (cache.rowWords) r.useRows(cache.rowWords);
  const first = Promise.all([
    r.tryEvaluate(expr, false), // its type; the text of a map is cut after 256 characters
    r.tryEvaluate(at),
    cache.ptrSize ?? measurePtrSize(r),
    cache.goversion ?? goVersion(r),
    firstHeader(r, at, cache.runtime),
    cache.rowWords ?? r.probeRows(),
  ]);
  // Sent last in the wave: on a classic binary these fail.
  const early = cache.runtime === 'classic' ? undefined : readDirectoryEarly(r, at);
  const [v, addr, ptrSize, goversion, header] = await first;
  if (typeof v === 'string') throw new CaptureError(`${expr}: ${v}`);
  const mapType = v.type || typeFromText(v.result);
  const kv = splitMapType(mapType);
  if (!kv) throw new CaptureError(`${expr} is not a map: its type is ${mapType || 'unknown'} (${v.result.slice(0, 60)})`);
  if (typeof addr === 'string') throw new CaptureError(addr);
  if (addr.result.startsWith('(unreadable')) throw new CaptureError(`${at}: ${addr.result}`);
  const address = parseInteger(addr.result);
  if (address === 0n) throw new CaptureError(`${expr} is a nil map: it has no header (make, or a composite literal, allocates one)`);
  const where = whereCaptured(opts);
  // A header that did not come back in the first wave: the runtime asked type by type.
  const runtime = header?.runtime ?? cache.runtime ?? await whichRuntime(r, kv.key, kv.elem);
  Object.assign(cache, { ptrSize, goversion, runtime, rowWords: r.rows });
  const slots = new SlotReader(r, ptrSize, !opts.noFastPath);
  const layouts = (cache.layouts ??= new Map());
  const layoutKey = `${runtime} ${kv.key} ${kv.elem}`;
  const layout = <T extends CapturedClassicType | CapturedSwissType>(measure: () => Promise<T>): Promise<T> => {
    const known = layouts.get(layoutKey) as T | undefined;
    return known ? Promise.resolve(known) : measure().then((t) => (layouts.set(layoutKey, t), t));
  };
  const body = runtime === 'classic'
    ? await captureClassic(slots, address, kv.key, kv.elem, header?.text, layout(() => measureClassic(r, kv.key, kv.elem, ptrSize)))
    : await captureSwiss(slots, address, kv.key, kv.elem, header?.text, layout(() => measureSwiss(r, kv.key, kv.elem, ptrSize)), early);
  const info = {
    runtime, goversion, address: hexAddr(address), expr, mapType, where,
    stats: { requests: r.requests, ms: Date.now() - started },
  };
  const { type, ...fields } = body;
  return { label: expr, ...fields, ...info, type } as CapturedMap;
}

/**
 * The map's header read through `at` (its address expression) as the runtime the debuggee has:
 * `runtime` when known, else both, settling as soon as one comes back (in traces through
 * code-server, a wave holding a failed request ended late). Undefined when none could be read (a
 * nil map, a missing type).
 */
function firstHeader(r: Reader, at: string, runtime?: 'classic' | 'swiss'): Promise<{ runtime: 'classic' | 'swiss'; text: string } | undefined> {
  const kinds = runtime ? [runtime] : (['swiss', 'classic'] as const);
  let failed = 0;
  return new Promise((resolve, reject) => {
    for (const kind of kinds) {
      r.tryEvaluate(kind === 'swiss' ? typedAt(swissMapType, at) : `*(*runtime.hmap)(${at})`).then((h) => {
        if (typeof h !== 'string' && !h.result.startsWith('(unreadable')) resolve({ runtime: kind, text: h.result });
        else if (++failed === kinds.length) resolve(undefined);
      }, reject);
    }
  });
}

/** The type at the front of Delve's text of a map (`(loaded 64/100) map[K]V [...]`, `map[K]V nil`). */
function typeFromText(text: string): string {
  const t = text.replace(/^\(loaded \d+\/\d+\) /, '');
  const kv = t.startsWith('map[') ? splitMapType(t) : undefined;
  if (!kv) return t.split(' ')[0];
  const rest = kv.elem;
  const end = rest.search(/ (\[|nil$)/);
  return `map[${kv.key}]${end < 0 ? rest : rest.slice(0, end)}`;
}

/** `runtime.buildVersion`, e.g. `go1.26.8`. */
async function goVersion(r: Reader): Promise<string> {
  const v = await r.tryEvaluate('runtime.buildVersion');
  return typeof v === 'string' ? 'unknown' : unquoteBytes(v.result).toString('utf8');
}

/**
 * Classic or Swiss, asked of the debuggee: its DWARF has `internal/runtime/maps.Map` and the map's
 * group type only when the Swiss map is built in, `runtime.hmap` and the bucket type only when the
 * classic one is.
 */
async function whichRuntime(r: Reader, key: string, elem: string): Promise<'classic' | 'swiss'> {
  const has = async (type: string) => typeof (await r.tryEvaluate(typedAt(type, 0x1000n))) !== 'string';
  const [map, group, hmap, bucket] = await Promise.all([
    has(swissMapType), has(groupTypeName(key, elem)), has('runtime.hmap'), has(bucketTypeName(key, elem)),
  ]);
  if (map && group) return 'swiss';
  if (hmap && bucket) return 'classic';
  throw new CaptureError(
    `the debuggee has neither the Swiss map's types (${swissMapType}: ${map}, ${groupTypeName(key, elem)}: ${group}) ` +
    `nor the classic map's (runtime.hmap: ${hmap}, ${bucketTypeName(key, elem)}: ${bucket}); was it built with -gcflags=all=-N -l and without -ldflags=-w?`,
  );
}

/** The goroutine, function and line of the frame, as far as the caller said. */
function whereCaptured(opts: CaptureOptions): CaptureWhere {
  const f = opts.frame ?? {};
  return { goroutine: opts.threadId ?? null, frameId: opts.frameId, function: f.function ?? null, file: f.file ?? null, line: f.line ?? null };
}

