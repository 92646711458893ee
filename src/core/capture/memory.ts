/**
 * Batched reads of small pieces of the debuggee's memory: the bytes of the strings a map's slots
 * point at, and keys or elems stored behind pointers. Each costs a request when read alone, but
 * the heap allocates them close together (a string's bytes in the span of its size class, one
 * after another), so reads asked for in the same turn of the event loop are sorted by address,
 * runs with small gaps merged, and each run read at once (`Reader.readBytes`). A run Delve cannot
 * read (it spans memory that is not mapped) falls back to its pieces one by one.
 */
import { Reader } from './reader';

/** Pieces closer than this are read as one run (the gap costs less than another request). */
const maxGap = 256;
/** The longest run read at once. */
const maxRun = 32 * 1024;

interface Want {
  addr: bigint;
  size: number;
  resolve: (b: Buffer) => void;
  reject: (e: unknown) => void;
}

export class MemoryBatch {
  private pending: Want[] = [];
  private scheduled = false;
  private holds = 0;

  constructor(private readonly r: Reader) {}

  /** `size` bytes at `addr`, read with whatever else is asked for in the same turn (or while held). */
  read(addr: bigint, size: number): Promise<Buffer> {
    if (size === 0) return Promise.resolve(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
      this.pending.push({ addr, size, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Keeps reads waiting until the returned function is called: a capture holds the batch while it
   * decodes every table or bucket array it read, so the strings of all of them are read together.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.schedule();
    };
  }

  private schedule(): void {
    if (this.scheduled || this.holds > 0 || this.pending.length === 0) return;
    this.scheduled = true;
    setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    const wants = this.pending.sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    this.pending = [];
    this.scheduled = false;
    let run: Want[] = [];
    let start = 0n;
    let end = 0n;
    for (const w of wants) {
      const wEnd = w.addr + BigInt(w.size);
      if (run.length && w.addr <= end + BigInt(maxGap) && (wEnd > end ? wEnd : end) - start <= BigInt(maxRun)) {
        run.push(w);
        if (wEnd > end) end = wEnd;
        continue;
      }
      if (run.length) this.readRun(run, start, end);
      run = [w];
      start = w.addr;
      end = wEnd;
    }
    if (run.length) this.readRun(run, start, end);
  }

  private readRun(run: Want[], start: bigint, end: bigint): void {
    const alone = (w: Want) => this.r.readBytes(w.addr, w.size).then(w.resolve, w.reject);
    if (run.length === 1) {
      void alone(run[0]);
      return;
    }
    this.r.readBytes(start, Number(end - start)).then(
      (buf) => run.forEach((w) => w.resolve(buf.subarray(Number(w.addr - start), Number(w.addr - start) + w.size))),
      () => run.forEach((w) => void alone(w)),
    );
  }
}
