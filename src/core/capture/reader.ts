/**
 * The request layer of a capture: DAP `evaluate` and `variables` (the children of a value), with
 * many requests in flight at once, each bounded in time (`./timeout`), and a count of what was
 * sent.
 *
 * Delve treats an `evaluate` by its `context`. In "variables" (and "clipboard") it sends a value's
 * whole text and reloads a long string in full, but its error response asks the client to show the
 * error to the user (`showUser`), which VS Code does: an error notification "Unable to evaluate
 * expression: …" per failed request. In "watch" (and "repl", "hover") an error stays in the
 * response, but a value with children is cut at 256 characters (`maxVarValueLen`) and `...`
 * appended. A capture asks many questions whose answer may be an error (which runtime, which row
 * type, is this expression a map at all): those are probes (`tryEvaluate`), sent as "watch" and
 * asked again as "variables" in the rare case the answer came back cut. Reads of what is known to
 * be there (memory, keys and elems) are sent as "variables". Several notifications of VS Code's
 * own within 800 ms also hide the next ones (it shows at most 3 in that time): before probes were
 * quiet, a non-map expression's one-line refusal was often never seen.
 *
 * Raw memory is read as words,
 * `*(*[64]uint64)(0xADDR)`: Delve loads 64 elements of an array by default and prints them all in
 * the answer's own text, so a long range is many such reads, pipelined.
 *
 * The limit is 64 elements per array, not per answer: an array of arrays loads 64 rows of up to 64
 * words each, `*(*[64][32]uint64)(0xADDR)` is 2048 words in one answer. Delve builds the outer
 * array type itself but finds the row type only among the debuggee's own DWARF types, and which
 * `[N]uint64` a binary has varies (Go 1.26's has `[32]uint64`, Go 1.19's only `[8]uint64`), so a
 * capture asks (`probeRows`) and reads rows of the widest one. In VS Code every request is a round
 * trip through the workbench (tens of milliseconds, about 10 ms of work each even pipelined), so
 * 2048 words per request instead of 64 is most of a large capture's time.
 */
import { CaptureError, hexAddr, parseInteger } from './delve';
import { NoAnswer, answerWithin, describeRequest, requestTimeoutMs } from './timeout';
import { CaptureOptions, DapSend } from './types';

/** The capture was cancelled by the caller (`isCancelled`). */
export class CaptureCancelled extends CaptureError {
  constructor() {
    super('capture cancelled');
  }
}

export interface Evaluated {
  /** Delve's text of the value. */
  result: string;
  /** The value's Go type as Delve names it ('' when the adapter does not say). */
  type: string;
  /** Non-zero when the value has children (`variables` request). */
  ref: number;
  /** How many indexed children (array or map elements) the value has. */
  indexed: number;
}

export interface Child {
  name: string;
  value: string;
  type: string;
  ref: number;
  evaluateName: string;
}

/** Delve's `maxVarValueLen`: outside "variables" it cuts a value with children there, then appends `...`. */
const maxVarValueLen = 256;

/** `evaluate` contexts as Delve treats them (see the header): whole text, or failures kept quiet. */
type EvaluateContext = 'variables' | 'watch';

/** Words per `*(*[N]uint64)` read: Delve loads 64 elements of an array, all in the answer's text. */
const wordsPerRead = 64;
/** Row widths tried for `*(*[64][N]uint64)` reads, widest first (Delve loads at most 64 of a row). */
const rowWidths = [32, 16, 8];

/** The largest single read: a bucket array of 2^20 int64 buckets (some 7 million entries) is 144 MiB. */
const maxReadBytes = 256 << 20;

export class Reader {
  requests = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;
  private done = 0;
  private total = 0;
  /** Words per row of a wide read (`[64][rowWords]uint64`); 1: plain `[64]uint64` reads. */
  private rowWords = 1;

  constructor(private readonly send: DapSend, readonly frameId: number, private readonly opts: Pick<CaptureOptions, 'concurrency' | 'onProgress' | 'isCancelled' | 'requestTimeoutMs'> = {}) {
    this.limit = Math.max(1, opts.concurrency ?? 64);
  }

  /** Sends one request when a slot is free; every request of the capture goes through here. */
  async request(command: string, args: Record<string, unknown>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (this.inFlight >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      if (this.opts.isCancelled?.()) throw new CaptureCancelled();
      this.requests++;
      return await answerWithin(this.send(command, args), this.opts.requestTimeoutMs ?? requestTimeoutMs, describeRequest(command, args));
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /**
   * Evaluates `expr` in the paused frame, the value's whole text (context "variables": a failure is
   * also shown by VS Code, so only for what is known to be there); a failure is a `CaptureError`
   * carrying Delve's message.
   */
  evaluate(expr: string): Promise<Evaluated> {
    return this.evaluateIn(expr, 'variables');
  }

  /**
   * A probe: `evaluate` whose failure is an answer, sent in context "watch" (a failure comes back
   * as its message, shown to nobody) and asked again in "variables" when Delve cut the text, unless
   * `whole` is false (only the type and the text's start are wanted).
   */
  async tryEvaluate(expr: string, whole = true): Promise<Evaluated | string> {
    try {
      const e = await this.evaluateIn(expr, 'watch');
      return whole && e.result.length === maxVarValueLen + 3 && e.result.endsWith('...') ? await this.evaluate(expr) : e;
    } catch (e) {
      if (e instanceof CaptureCancelled || e instanceof NoAnswer) throw e;
      return (e as Error).message;
    }
  }

  /** An integer-valued expression (an address difference, a field), asked as a probe. */
  async integer(expr: string): Promise<bigint> {
    const r = await this.tryEvaluate(expr);
    if (typeof r === 'string') throw new CaptureError(r);
    if (r.result.startsWith('(unreadable')) throw new CaptureError(`${expr}: ${r.result}`);
    return parseInteger(r.result);
  }

  private async evaluateIn(expr: string, context: EvaluateContext): Promise<Evaluated> {
    let body;
    try {
      body = await this.request('evaluate', { expression: expr, frameId: this.frameId, context });
    } catch (e) {
      if (e instanceof CaptureError) throw e;
      throw new CaptureError(delveMessage(e));
    }
    return { result: String(body.result ?? ''), type: String(body.type ?? ''), ref: body.variablesReference ?? 0, indexed: body.indexedVariables ?? 0 };
  }

  /** The children of a value; `start`/`count` page an array's or a map's elements. */
  async children(ref: number, start?: number, count?: number): Promise<Child[]> {
    const args: Record<string, unknown> = { variablesReference: ref };
    if (start !== undefined) Object.assign(args, { filter: 'indexed', start, count });
    const body = await this.request('variables', args);
    return (body.variables ?? []).map((v: any) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
      name: String(v.name), value: String(v.value), type: String(v.type ?? ''), ref: v.variablesReference ?? 0, evaluateName: String(v.evaluateName ?? ''),
    }));
  }

  /**
   * Finds the widest `[N]uint64` row type the debuggee's DWARF has (taking an address reads no
   * memory: `&(*(*[2][N]uint64)(0x1000))[1]` is 0x1000 + 8N exactly when Delve knows the type), and
   * reads memory in rows of it from then on. One wave of requests, in flight together; it settles
   * as soon as the widest known is (in traces through code-server, a wave holding a failed request
   * ended late).
   */
  probeRows(): Promise<number> {
    const base = 0x1000n;
    const ok: (boolean | undefined)[] = rowWidths.map(() => undefined);
    return new Promise((resolve, reject) => {
      const settle = () => {
        const i = ok.findIndex((x) => x !== false);
        if (i >= 0 && ok[i] === undefined) return; // a wider one may still come back
        this.useRows(i < 0 ? 1 : rowWidths[i]);
        resolve(this.rowWords);
      };
      rowWidths.forEach((w, i) => {
        this.tryEvaluate(`uintptr(&(*(*[2][${w}]uint64)(${hexAddr(base)}))[1])`).then((e) => {
          ok[i] = typeof e !== 'string' && !e.result.startsWith('(unreadable') && parseInteger(e.result) === base + BigInt(8 * w);
          settle();
        }, reject);
      });
    });
  }

  /** Words per row of wide reads (1: plain `[64]uint64` reads). */
  get rows(): number {
    return this.rowWords;
  }

  /** Reads memory in rows of `words` words from now on (1: plain `[64]uint64` reads). */
  useRows(words: number): void {
    this.rowWords = words;
  }

  /**
   * `size` bytes of the debuggee's memory at `addr`, as little-endian words: 64 rows of words per
   * `evaluate` (see `probeRows`), every chunk in flight at once (faster than paging one long
   * array's children).
   */
  async readBytes(addr: bigint, size: number): Promise<Buffer> {
    if (size > maxReadBytes) throw new CaptureError(`${size} bytes at ${hexAddr(addr)} is more than a capture reads at once (${maxReadBytes >> 20} MiB)`);
    const n = Math.max(1, Math.ceil(size / 8));
    const chunks: Promise<bigint[]>[] = [];
    const row = this.rowWords;
    for (let i = 0; i < n;) {
      const left = n - i;
      const at = addr + BigInt(i * 8);
      // Whole rows as `[m][row]uint64`, the last few words as `[k]uint64`: nothing read past the end.
      const rows = row > 1 ? Math.min(wordsPerRead, Math.floor(left / row)) : 0;
      const words = rows > 0 ? rows * row : Math.min(wordsPerRead, left);
      chunks.push(this.readWords(at, rows > 0 ? `[${rows}][${row}]uint64` : `[${words}]uint64`, words));
      i += words;
    }
    const words = (await Promise.all(chunks)).flat();
    const buf = Buffer.alloc(n * 8);
    words.forEach((w, i) => buf.writeBigUInt64LE(w, i * 8));
    return buf.subarray(0, size);
  }

  /** `n` words, from the text of `*(*type)(addr)` (`[n]uint64`, or rows `[m][k]uint64` of them). */
  private async readWords(addr: bigint, type: string, n: number): Promise<bigint[]> {
    const r = await this.evaluate(`*(*${type})(${hexAddr(addr)})`);
    const open = r.result.indexOf(' [');
    const words = open < 0 ? [] : r.result.slice(open + 2, -1).replace(/\]?,\[?|\[|\]/g, (s) => (s.includes(',') ? ',' : '')).split(',');
    if (words.length !== n || words.some((w) => w.startsWith('(unreadable'))) {
      throw new CaptureError(`cannot read ${n * 8} bytes at ${hexAddr(addr)}: ${r.result.slice(0, 120)}`);
    }
    return words.map((w) => BigInt.asUintN(64, parseInteger(w)));
  }

  /** Adds `n` units of work still to do (progress). */
  expect(n: number): void {
    this.total += n;
    this.opts.onProgress?.(this.done, this.total);
  }

  /** Marks `n` units of work done (progress). */
  progress(n: number): void {
    this.done += n;
    this.opts.onProgress?.(this.done, this.total);
  }
}

/** Delve's message without the prefix every evaluate error carries. */
export function delveMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^Unable to evaluate expression: /, '');
}
