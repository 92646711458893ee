/**
 * The request layer of a capture: DAP `evaluate` (context "variables", so values with children are
 * not cut at 256 characters as in "repl") and `variables` (the children of a value), with many
 * requests in flight at once and a count of what was sent. Raw memory is read as words,
 * `*(*[64]uint64)(0xADDR)`: Delve loads 64 elements of an array by default and prints them all in
 * the answer's own text, so a long range is many such reads, pipelined.
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

/** Words per `*(*[N]uint64)` read: Delve loads 64 elements of an array, all in the answer's text. */
const wordsPerRead = 64;
/** The largest single read: a bucket array of 2^20 int64 buckets (some 7 million entries) is 144 MiB. */
const maxReadBytes = 256 << 20;

export class Reader {
  requests = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;
  private done = 0;
  private total = 0;

  constructor(private readonly send: DapSend, readonly frameId: number, private readonly opts: Pick<CaptureOptions, 'concurrency' | 'onProgress' | 'isCancelled'> = {}) {
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

  /**
   * `size` bytes of the debuggee's memory at `addr`, as little-endian words: 64 words per
   * `evaluate`, every chunk in flight at once (faster than paging one long array's children).
   */
  async readBytes(addr: bigint, size: number): Promise<Buffer> {
    if (size > maxReadBytes) throw new CaptureError(`${size} bytes at ${hexAddr(addr)} is more than a capture reads at once (${maxReadBytes >> 20} MiB)`);
    const n = Math.max(1, Math.ceil(size / 8));
    const chunks: Promise<bigint[]>[] = [];
    for (let i = 0; i < n; i += wordsPerRead) chunks.push(this.readWords(addr + BigInt(i * 8), Math.min(wordsPerRead, n - i)));
    const words = (await Promise.all(chunks)).flat();
    const buf = Buffer.alloc(n * 8);
    words.forEach((w, i) => buf.writeBigUInt64LE(w, i * 8));
    return buf.subarray(0, size);
  }

  /** Up to 64 words, from the text of `*(*[n]uint64)(addr)`. */
  private async readWords(addr: bigint, n: number): Promise<bigint[]> {
    const r = await this.evaluate(`*(*[${n}]uint64)(${hexAddr(addr)})`);
    const open = r.result.indexOf(' [');
    const words = open < 0 ? [] : r.result.slice(open + 2, -1).split(',');
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
