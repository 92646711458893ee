/**
 * The request layer of a capture: DAP `evaluate` (context "variables", so values with children are
 * not cut at 256 characters as in "repl") and `variables` (paging the children of an array), with
 * many requests in flight at once and a count of what was sent. Raw memory is read as words,
 * `*(*[N]uint64)(0xADDR)`: up to 64 words come back in the answer's own text (Delve loads 64
 * elements of an array by default), more are paged through the array's children.
 */
import { CaptureError, hexAddr, parseInteger } from './delve';
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

/** Words per `*(*[N]uint64)` read whose elements all come back in its text. */
const wordsInline = 64;
/** Children per `variables` page when an array is longer than that. */
const wordsPerPage = 4096;

export class Reader {
  requests = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;
  private done = 0;
  private total = 0;

  constructor(private readonly send: DapSend, readonly frameId: number, private readonly opts: CaptureOptions) {
    this.limit = Math.max(1, opts.concurrency ?? 64);
  }

  /** Sends one request when a slot is free; every request of the capture goes through here. */
  async request(command: string, args: Record<string, unknown>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (this.inFlight >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      if (this.opts.isCancelled?.()) throw new CaptureCancelled();
      this.requests++;
      return await this.send(command, args);
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /** Evaluates `expr` in the paused frame; a failure is a `CaptureError` carrying Delve's message. */
  async evaluate(expr: string): Promise<Evaluated> {
    let body;
    try {
      body = await this.request('evaluate', { expression: expr, frameId: this.frameId, context: 'variables' });
    } catch (e) {
      if (e instanceof CaptureError) throw e;
      throw new CaptureError(delveMessage(e));
    }
    return { result: String(body.result ?? ''), type: String(body.type ?? ''), ref: body.variablesReference ?? 0, indexed: body.indexedVariables ?? 0 };
  }

  /** `evaluate`, but a failure comes back as its message instead of being thrown. */
  async tryEvaluate(expr: string): Promise<Evaluated | string> {
    try {
      return await this.evaluate(expr);
    } catch (e) {
      if (e instanceof CaptureCancelled) throw e;
      return (e as Error).message;
    }
  }

  /** An integer-valued expression (an address difference, a field). */
  async integer(expr: string): Promise<bigint> {
    const r = await this.evaluate(expr);
    if (r.result.startsWith('(unreadable')) throw new CaptureError(`${expr}: ${r.result}`);
    return parseInteger(r.result);
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

  /** `size` bytes of the debuggee's memory at `addr`, read as little-endian words. */
  async readBytes(addr: bigint, size: number): Promise<Buffer> {
    const n = Math.max(1, Math.ceil(size / 8));
    const expr = `*(*[${n}]uint64)(${hexAddr(addr)})`;
    const r = await this.evaluate(expr);
    let words: string[];
    if (n <= wordsInline) {
      const open = r.result.indexOf(' [');
      words = open < 0 ? [] : r.result.slice(open + 2, -1).split(',');
    } else {
      if (!r.ref) throw new CaptureError(`cannot read ${size} bytes at ${hexAddr(addr)}: ${r.result}`);
      const pages: Promise<Child[]>[] = [];
      for (let start = 0; start < n; start += wordsPerPage) pages.push(this.children(r.ref, start, Math.min(wordsPerPage, n - start)));
      words = (await Promise.all(pages)).flat().map((c) => c.value);
    }
    if (words.length !== n || words.some((w) => w.startsWith('(unreadable'))) {
      throw new CaptureError(`cannot read ${size} bytes at ${hexAddr(addr)}: ${r.result.slice(0, 120)}`);
    }
    const buf = Buffer.alloc(n * 8);
    words.forEach((w, i) => buf.writeBigUInt64LE(BigInt.asUintN(64, parseInteger(w)), i * 8));
    return buf.subarray(0, size);
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
