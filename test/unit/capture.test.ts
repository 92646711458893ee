/**
 * The capture core without a debugger: reading Delve's text (the samples are Delve's own output,
 * copied from Delve 1.21.2 and 1.27.2 sessions), the oracle value forms, and the request layer
 * (raw memory in 64-word reads, batching of nearby reads, the in-flight limit, cancel) against a
 * fake adapter that serves a made-up memory.
 */
import * as assert from 'assert';
import {
  moreCount, parseInteger, parsePointer, splitMapType, splitTopLevel, structFields, unquoteBytes,
} from '../../src/core/capture/delve';
import { MemoryBatch } from '../../src/core/capture/memory';
import { CaptureCancelled, Reader } from '../../src/core/capture/reader';
import { classify, decodeRaw, goQuote, showInteger } from '../../src/core/capture/values';

describe('capture: reading Delve\'s text', () => {
  it('integers in every form Delve prints them, exact beyond 2^53', () => {
    assert.strictEqual(parseInteger('70 = 0x46'), 70n);
    assert.strictEqual(parseInteger('-3'), -3n);
    assert.strictEqual(parseInteger('3231718877100891434 = 0x2cd95f324385dd2a'), 0x2cd95f324385dd2an);
    assert.strictEqual(parseInteger('18446744073709551615'), 2n ** 64n - 1n);
    assert.throws(() => parseInteger('(unreadable input/output error)'), /where an integer was expected/);
  });

  it('pointers: unsafe.Pointer, typed pointers, nil', () => {
    assert.strictEqual(parsePointer('unsafe.Pointer(0xc0000d4000)'), 0xc0000d4000n);
    assert.strictEqual(parsePointer('*(*runtime.bmap)(0xc0000dd120)'), 0xc0000dd120n);
    assert.strictEqual(parsePointer('unsafe.Pointer(0x0)'), 0n);
    assert.strictEqual(parsePointer('*runtime.mapextra nil'), 0n);
    assert.throws(() => parsePointer('(unreadable input/output error)'), /could not read a pointer/);
  });

  it('the fields of runtime.hmap as Delve 1.21.2 prints it, with the nested mapextra kept whole', () => {
    const text = 'runtime.hmap {count: 1000, flags: 0, B: 8, noverflow: 2, hash0: 1737833563, buckets: unsafe.Pointer(0xc0000d4000), ' +
      'oldbuckets: unsafe.Pointer(0x0), nevacuate: 128, extra: *runtime.mapextra {overflow: *[]*runtime.bmap len: 2, cap: 2, ' +
      '[*(*runtime.bmap)(0xc0000dd000),*(*runtime.bmap)(0xc0000dd090)], oldoverflow: *[]*runtime.bmap nil, nextOverflow: *(*runtime.bmap)(0xc0000dd120)}}';
    const f = structFields(text);
    assert.deepStrictEqual([...f.keys()], ['count', 'flags', 'B', 'noverflow', 'hash0', 'buckets', 'oldbuckets', 'nevacuate', 'extra']);
    assert.strictEqual(f.get('hash0'), '1737833563');
    const extra = structFields(f.get('extra')!);
    assert.strictEqual(parsePointer(extra.get('nextOverflow')!), 0xc0000dd120n);
  });

  it('the fields of a Swiss table as Delve 1.27.2 prints it', () => {
    const f = structFields('maps.table {used: 486, capacity: 1024, growthLeft: 410, localDepth: 1, index: 0, groups: maps.groupsReference {data: unsafe.Pointer(0x3fc007d58800), lengthMask: 127}}');
    assert.strictEqual(f.get('capacity'), '1024');
    assert.strictEqual(structFields(f.get('groups')!).get('lengthMask'), '127');
  });

  it('splits at top level only, past quotes and type names with commas', () => {
    assert.deepStrictEqual(splitTopLevel('a: "x, y", b: bucket<int64,int64> {c: 1, d: 2}, e: [1,2]', ','), ['a: "x, y"', ' b: bucket<int64,int64> {c: 1, d: 2}', ' e: [1,2]']);
  });

  it('map types with brackets inside the key', () => {
    assert.deepStrictEqual(splitMapType('map[[16]uint8]map[string]int'), { key: '[16]uint8', elem: 'map[string]int' });
    assert.deepStrictEqual(splitMapType('map[main.K][200]uint8'), { key: 'main.K', elem: '[200]uint8' });
    assert.strictEqual(splitMapType('[]int'), undefined);
  });

  it('strings: Go escapes to bytes, and the `...+N more` Delve appends when it cut one', () => {
    assert.deepStrictEqual(unquoteBytes('"h\\xa4\\xdf\\x00"'), Buffer.from([0x68, 0xa4, 0xdf, 0]));
    assert.strictEqual(unquoteBytes('"quote\\"back\\\\slash\\x01\\t"').toString(), 'quote"back\\slash\x01\t');
    assert.strictEqual(unquoteBytes('"é ü 日本 \\u00e9"').toString(), 'é ü 日本 é');
    assert.strictEqual(unquoteBytes('"abcdef...+92 more"').toString(), 'abcdef');
    assert.strictEqual(moreCount('"abcdef...+92 more"'), 92);
    assert.strictEqual(moreCount('[1,2,3,...+36 more]'), 36);
    assert.strictEqual(moreCount('main.K {A: 1, B: "x"}'), 0);
  });

  it('quotes bytes back as Go\'s strconv.Quote does (values from Go: fmt.Printf("%q"))', () => {
    assert.strictEqual(goQuote(Buffer.from('quote"back\\slash\x01\t')), '"quote\\"back\\\\slash\\x01\\t"');
    assert.strictEqual(goQuote(Buffer.from('é ü 日本')), '"é ü 日本"');
    assert.strictEqual(goQuote(Buffer.from([0x68, 0xa4])), '"h\\xa4"');
  });
});

describe('capture: values in the oracle form', () => {
  it('classifies Go types by Delve\'s names', () => {
    assert.deepStrictEqual(classify('int', 8), { kind: 'int', size: 8, signed: true });
    assert.deepStrictEqual(classify('uintptr', 4), { kind: 'int', size: 4, signed: false });
    assert.deepStrictEqual(classify('[129]uint8', 8), { kind: 'bytes', size: 129 });
    assert.deepStrictEqual(classify('string', 8), { kind: 'string' });
    assert.deepStrictEqual(classify('main.K', 8), { kind: 'other' });
  });

  it('integers are JSON numbers within ±2^53 and decimal strings beyond (FORMAT.md)', () => {
    assert.strictEqual(showInteger(2n ** 53n), 2 ** 53);
    assert.strictEqual(showInteger(2n ** 53n + 1n), '9007199254740993');
    assert.strictEqual(showInteger(-(2n ** 60n)), '-1152921504606846976');
  });

  it('decodes little-endian fixed-size values from raw memory', () => {
    const mem = Buffer.from([0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]);
    assert.strictEqual(decodeRaw({ kind: 'int', size: 1, signed: true }, mem, 0), -1);
    assert.strictEqual(decodeRaw({ kind: 'int', size: 2, signed: false }, mem, 0), 0xfeff);
    assert.strictEqual(decodeRaw({ kind: 'int', size: 8, signed: true }, mem, 0), -257);
    assert.strictEqual(decodeRaw({ kind: 'int', size: 8, signed: false }, mem, 0), '18446744073709551359');
    assert.strictEqual(decodeRaw({ kind: 'bool' }, mem, 8), true);
  });

  it('byte arrays: the integer in the first 8 bytes when the rest are zero, else every byte in hex', () => {
    const a = Buffer.alloc(16);
    a[0] = 1;
    a[1] = 2;
    assert.strictEqual(decodeRaw({ kind: 'bytes', size: 16 }, a, 0), 0x0201);
    a[8] = 3;
    assert.strictEqual(decodeRaw({ kind: 'bytes', size: 16 }, a, 0), '0x01020000000000000300000000000000');
  });
});

/** A fake adapter over a made-up memory: answers `*(*[N]uint64)(0xADDR)` as Delve does. */
function fakeDelve(memory: Map<bigint, bigint>, opts: { delayMs?: number } = {}) {
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (command: string, args: Record<string, unknown>) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
      const expr = String(args.expression);
      log.push(expr);
      const m = /^\*\(\*\[(\d+)\]uint64\)\((0x[0-9a-f]+)\)$/.exec(expr);
      if (command !== 'evaluate' || !m) throw new Error(`unexpected ${command} ${expr}`);
      const words: string[] = [];
      for (let i = 0; i < Number(m[1]); i++) {
        const w = memory.get(BigInt(m[2]) + BigInt(i * 8));
        words.push(w === undefined ? '(unreadable input/output error)' : w.toString());
      }
      return { result: `[${m[1]}]uint64 [${words.join(',')}]`, variablesReference: 1 };
    } finally {
      inFlight--;
    }
  };
  return { send, log, maxInFlight: () => maxInFlight };
}

describe('capture: the request layer', () => {
  const memory = new Map<bigint, bigint>();
  for (let i = 0n; i < 1000n; i++) memory.set(0x1000n + i * 8n, i | (i << 40n));

  it('reads memory as 64-word evaluates, all in flight, and puts the words back in order', async () => {
    const fake = fakeDelve(memory, { delayMs: 1 });
    const r = new Reader(fake.send, 1, { concurrency: 4 });
    const buf = await r.readBytes(0x1000n, 200 * 8);
    assert.strictEqual(fake.log.length, 4); // 64 + 64 + 64 + 8 words
    assert.strictEqual(fake.log[3], '*(*[8]uint64)(0x1600)');
    for (let i = 0; i < 200; i++) assert.strictEqual(buf.readBigUInt64LE(i * 8), BigInt(i) | (BigInt(i) << 40n));
    assert.ok(fake.maxInFlight() > 1 && fake.maxInFlight() <= 4, `in flight: ${fake.maxInFlight()}`);
  });

  it('fails with the address when Delve cannot read the memory', async () => {
    const r = new Reader(fakeDelve(memory).send, 1, {});
    await assert.rejects(r.readBytes(0x1000n + 995n * 8n, 64), /cannot read 64 bytes at 0x2f18/);
  });

  it('stops with CaptureCancelled once the caller cancels', async () => {
    let n = 0;
    const r = new Reader(fakeDelve(memory).send, 1, { isCancelled: () => ++n > 2 });
    await assert.rejects(r.readBytes(0x1000n, 64 * 8 * 5), (e) => e instanceof CaptureCancelled);
  });

  it('batches nearby small reads into one, and reads pieces alone when the run is unreadable', async () => {
    const fake = fakeDelve(memory);
    const batch = new MemoryBatch(new Reader(fake.send, 1, {}));
    // Three strings' bytes 16 and 48 bytes apart: one run of 72 bytes (9 words).
    const [a, b, c] = await Promise.all([batch.read(0x1010n, 5), batch.read(0x1020n, 3), batch.read(0x1050n, 8)]);
    assert.deepStrictEqual(fake.log, ['*(*[9]uint64)(0x1010)']);
    assert.strictEqual(a.readUInt8(0), 2);
    assert.strictEqual(b.readUInt8(0), 4);
    assert.strictEqual(c.readBigUInt64LE(0), 10n | (10n << 40n));
    // A run that reaches past the end of the memory: the readable piece still comes back.
    fake.log.length = 0;
    const [ok, bad] = await Promise.allSettled([batch.read(0x1000n + 990n * 8n, 8), batch.read(0x1000n + 1000n * 8n, 8)]);
    assert.strictEqual(ok.status, 'fulfilled');
    assert.strictEqual(bad.status, 'rejected');
    assert.strictEqual(fake.log.length, 3);
  });
});
