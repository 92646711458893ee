/**
 * The capture's wide memory reads: `*(*[64][N]uint64)(0xADDR)` answers 64·N words in one request
 * (Delve loads 64 elements per array, each row an array of its own), with N the widest `[N]uint64`
 * the debuggee's DWARF has (`Reader.probeRows`). The fake adapter answers as Delve 1.27.2 did in a
 * Go 1.26 session (`[2][32]uint64 [[1,2,...],[...]]`; an unknown row type is "no type entry
 * found").
 */
import * as assert from 'assert';
import { Reader } from '../../src/core/capture/reader';

/** Memory word i at 0x10000 + 8i is i·3 + 1 (no word equals its neighbour). */
const base = 0x10000n;
const wordAt = (addr: bigint) => (addr - base) / 8n * 3n + 1n;

function fakeDelve(rowTypes: number[], opts: { hang?: number[] } = {}) {
  const log: string[] = [];
  const send = async (command: string, args: Record<string, unknown>) => {
    const expr = String(args.expression);
    log.push(expr);
    const probe = /^uintptr\(&\(\*\(\*\[2\]\[(\d+)\]uint64\)\(0x1000\)\)\[1\]\)$/.exec(expr);
    if (probe) {
      const n = Number(probe[1]);
      if (opts.hang?.includes(n)) return new Promise(() => undefined);
      if (!rowTypes.includes(n)) throw new Error('Unable to evaluate expression: no type entry found, use \'types\' for a list of valid types');
      const v = 0x1000 + 8 * n;
      return { result: `${v} = 0x${v.toString(16)}`, variablesReference: 0 };
    }
    const rows = /^\*\(\*\[(\d+)\]\[(\d+)\]uint64\)\((0x[0-9a-f]+)\)$/.exec(expr);
    const flat = /^\*\(\*\[(\d+)\]uint64\)\((0x[0-9a-f]+)\)$/.exec(expr);
    if (command !== 'evaluate' || !(rows || flat)) throw new Error(`unexpected ${command} ${expr}`);
    const [m, k, at] = rows ? [Number(rows[1]), Number(rows[2]), BigInt(rows[3])] : [1, Number(flat![1]), BigInt(flat![2])];
    if (m > 64 || k > 64) throw new Error('this fake loads at most 64 elements of an array, as Delve does');
    const row = (i: number) => Array.from({ length: k }, (_, j) => wordAt(at + BigInt((i * k + j) * 8)).toString()).join(',');
    const text = rows ? `[${m}][${k}]uint64 [${Array.from({ length: m }, (_, i) => `[${row(i)}]`).join(',')}]` : `[${k}]uint64 [${row(0)}]`;
    return { result: text, variablesReference: 1 };
  };
  return { send, log };
}

describe('capture: wide memory reads', () => {
  it('finds the widest row type the debuggee has, and reads 64 rows of it per request, the tail as plain words', async () => {
    const fake = fakeDelve([16, 8]);
    const r = new Reader(fake.send, 1, {});
    assert.strictEqual(await r.probeRows(), 16);
    fake.log.length = 0;
    // 1024 + 1024 + 16·3 + 5 words = 2101: two full reads, three whole rows, five words.
    const n = 2101;
    const buf = await r.readBytes(base, n * 8);
    assert.deepStrictEqual(fake.log, [
      '*(*[64][16]uint64)(0x10000)', '*(*[64][16]uint64)(0x12000)', '*(*[3][16]uint64)(0x14000)', '*(*[5]uint64)(0x14180)',
    ]);
    for (let i = 0; i < n; i++) assert.strictEqual(buf.readBigUInt64LE(i * 8), BigInt(i) * 3n + 1n, `word ${i}`);
  });

  it('settles as soon as the widest type answers, without waiting for the narrower ones', async () => {
    const fake = fakeDelve([32, 16, 8], { hang: [16, 8] });
    assert.strictEqual(await new Reader(fake.send, 1, {}).probeRows(), 32);
  });

  it('without any row type it reads plain 64-word arrays, as before', async () => {
    const fake = fakeDelve([]);
    const r = new Reader(fake.send, 1, {});
    assert.strictEqual(await r.probeRows(), 1);
    fake.log.length = 0;
    const buf = await r.readBytes(base + 8n, 70 * 8);
    assert.deepStrictEqual(fake.log, ['*(*[64]uint64)(0x10008)', '*(*[6]uint64)(0x10208)']);
    assert.strictEqual(buf.readBigUInt64LE(69 * 8), 70n * 3n + 1n);
  });
});
