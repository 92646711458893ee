/**
 * The map bucket type, its regions and the comparisons the views show (interleaved pairs,
 * fieldalignment), make's memory and a map's live memory, and `gomap layout`. Expected numbers
 * come from the Go 1.19 runtime fixtures (test/fixtures/layout) where the runtime can tell, and
 * from hand reasoning in the comments where it cannot (arm64/arm, suggestions, live memory).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { GoArch, goArches } from '../../src/core/maptype';
import {
  appendCapacity,
  bucketLayout,
  capacityOf,
  liveMemory,
  mapMemory,
  mapTypeOf,
  optimalFieldOrder,
  parseTypeExpr,
  TypeScope,
} from '../../src/core/types';
import { DumpPair, LayoutDump, fixturePath, oracleDir, oracleScope } from '../oracle/layoutdump/compare';

const fixtures = Object.fromEntries(
  (['amd64', '386'] as const).map((a) => [a, JSON.parse(fs.readFileSync(fixturePath(a), 'utf8')) as LayoutDump]),
) as Record<'amd64' | '386', LayoutDump>;

/** The runtime's answer for map[key]elem on amd64 or 386. */
function runtime(arch: 'amd64' | '386', key: string, elem: string): DumpPair {
  const p = fixtures[arch].pairs.find((x) => x.key === key && x.elem === elem);
  assert.ok(p, `map[${key}]${elem} is not in the ${arch} fixture`);
  return p;
}

const typesFile = path.join(oracleDir, 'types.go');
let scope: TypeScope;
before(async () => {
  scope = await oracleScope();
});

async function bucketOf(key: string, elem: string, arch: GoArch) {
  return bucketLayout(await parseTypeExpr(key, scope), await parseTypeExpr(elem, scope), arch);
}

describe('layout: the bucket type (MapBucketType)', () => {
  it('map[int64]int8: tophash, 8 keys, 8 elems, a uintptr overflow word', async () => {
    const l = await bucketOf('int64', 'int8', 'amd64');
    // 8 + 8*8 + 8*1 + 8 = 88, no pointers anywhere so the overflow field is a uintptr: ptrdata 0.
    assert.deepStrictEqual(
      l.regions.map((r) => [r.name, r.type, r.offset, r.size, r.paddingBefore]),
      [['topbits', '[8]uint8', 0, 8, 0], ['keys', '[8]int64', 8, 64, 0], ['elems', '[8]int8', 72, 8, 0], ['overflow', 'uintptr', 80, 8, 0]],
    );
    const rt = runtime('amd64', 'int64', 'int8');
    assert.deepStrictEqual([l.info.bucketsize, l.info.bucketPtrdata, l.flags], [rt.bucketsize, rt.bucketPtrdata, rt.flags]);
    assert.deepStrictEqual(l.regions.map((r) => r.offset), rt.bucket.fields!.map((f) => f.offset));
  });

  it('stores keys and elems over 128 bytes behind pointers, and then the GC scans the bucket', async () => {
    const l = await bucketOf('[129]byte', '[200]byte', 'amd64');
    // Both indirect: 8 + 8*8 + 8*8 + 8 = 144 bytes; the slots are pointers so ptrdata covers it all.
    assert.deepStrictEqual(
      [l.info.indirectkey, l.info.indirectelem, l.info.keysize, l.info.elemsize, l.info.bucketsize, l.info.bucketPtrdata],
      [true, true, 8, 8, 144, 144],
    );
    // Each stored key is its own 129-byte object, in the 144-byte size class; each elem in the 208 class.
    assert.deepStrictEqual([l.key.indirectObjectBytes, l.elem.indirectObjectBytes], [144, 208]);
    const rt = runtime('amd64', '[129]byte', '[200]byte');
    assert.deepStrictEqual([rt.indirectkey, rt.indirectelem, rt.bucketsize, rt.bucketPtrdata], [true, true, 144, 144]);
    // Exactly 128 bytes stays inline: 8 + 8*128 + 8*128 + 8 = 2064.
    const big = await bucketOf('[128]byte', '[128]byte', 'amd64');
    assert.deepStrictEqual([big.info.indirectkey, big.info.bucketsize], [false, runtime('amd64', '[128]byte', '[128]byte').bucketsize]);
    assert.strictEqual(big.info.bucketsize, 2064);
  });

  it('arm64 lays maps out as amd64 and arm as 386 (same PtrSize and RegSize), for every fixture pair', async () => {
    for (const [arch, like] of [['arm64', 'amd64'], ['arm', '386']] as const) {
      for (const p of fixtures[like].pairs) {
        const k = await parseTypeExpr(p.key, scope);
        const e = await parseTypeExpr(p.elem, scope);
        assert.deepStrictEqual({ ...mapTypeOf(k, e, arch), goarch: like }, mapTypeOf(k, e, like), `map[${p.key}]${p.elem}`);
      }
    }
  });

  it('throws for a key type that is not comparable', async () => {
    const k = await parseTypeExpr('[]int');
    assert.throws(() => mapTypeOf(k, k, 'amd64'), /invalid map key type \[\]int: slices are not comparable/);
  });
});

describe('layout: interleaved pairs and fieldalignment', () => {
  it('the interleaved layout map[int64]int8 would cost 7 bytes of padding per pair', async () => {
    const l = await bucketOf('int64', 'int8', 'amd64');
    // struct{ key int64; elem int8 } is 16 bytes (7 of padding); 8 + 8*16 + 8 = 144 vs 88.
    assert.deepStrictEqual(l.interleaved, {
      pairType: 'struct{ key int64; elem int8 }',
      pairSize: 16,
      pairPadding: 7,
      bucketsize: 144,
      paddingBytes: 56,
      savedPerBucket: 56,
    });
    // On 386 int64 aligns to 4: pairs of 12 (3 padding), 8 + 96 + 4 = 108 vs 84.
    const l386 = await bucketOf('int64', 'int8', '386');
    assert.deepStrictEqual([l386.info.bucketsize, l386.interleaved.pairSize, l386.interleaved.bucketsize], [84, 12, 108]);
  });

  it('suggests the fieldalignment order for a padded struct elem, with the savings per bucket and per map', async () => {
    const l = await bucketOf('int64', 'Padded', 'amd64');
    assert.strictEqual(l.reorder.length, 1);
    const r = l.reorder[0];
    assert.deepStrictEqual([r.role, r.type, r.order, r.reordered], ['elem', 'Padded', ['b', 'a', 'c'], 'struct{ b int64; a int8; c int8 }']);
    // The reordered struct is types.go's Reordered: the runtime's buckets are 272 and 208 bytes.
    const padded = runtime('amd64', 'int64', 'Padded');
    const reordered = runtime('amd64', 'int64', 'Reordered');
    assert.deepStrictEqual([r.size, r.optimalSize, r.savedPerSlot], [24, 16, 8]);
    assert.deepStrictEqual([l.info.bucketsize, r.bucketsize, r.savedPerBucket], [padded.bucketsize, reordered.bucketsize, 64]);
    // For make(..., 1000) that is the runtime's 81992 vs 57416 bytes.
    const at1000 = (p: DumpPair) => p.makes.find((m) => m.hint === 1000)!.allocBytes;
    assert.strictEqual(mapMemory({ bucketsize: r.bucketsize, ptrSize: 8 }, 1000).allocBytes, at1000(reordered));
    assert.strictEqual(mapMemory(l.info, 1000).allocBytes, at1000(padded));
    // Padded's own padding (7 + 7 per value) shows as padding inside the 8 elems.
    assert.strictEqual(l.slotPaddingBytes, 8 * 14);
  });

  it('orders zero-size fields first, then by alignment, pointers first, then size', async () => {
    const t = await parseTypeExpr('struct{ a int8; s string; z struct{}; n int64; p *int; h int16 }');
    // z (size 0) | align 8 with pointers: p (no trailing scalars) before s (8 trailing) | n | h | a.
    assert.deepStrictEqual(optimalFieldOrder(t, 'amd64').map((f) => f.name), ['z', 'p', 's', 'n', 'h', 'a']);
  });

  it('suggests a ptrdata-only move only for an indirect key/elem, and nothing for optimal or std structs', async () => {
    const int64 = await parseTypeExpr('int64');
    // {n int64; s string}: 24 bytes either way; s first would end ptrdata at 8 instead of 16. Inline
    // in a bucket that changes nothing: a bucket with pointers is scanned up to its overflow pointer.
    const inline = bucketLayout(int64, await parseTypeExpr('struct{ n int64; s string }'), 'amd64');
    assert.deepStrictEqual(inline.reorder, []);
    // {n [20]int64; s string} is 176 bytes, stored indirectly: each entry is a 176-byte object
    // (size class 176) that the GC scans to 168; with s first, to 8.
    const indirect = bucketLayout(int64, await parseTypeExpr('struct{ n [20]int64; s string }'), 'amd64');
    assert.deepStrictEqual(
      indirect.reorder.map((r) => [r.size, r.optimalSize, r.ptrdata, r.optimalPtrdata, r.savedPerBucket, r.savedPerObject]),
      [[176, 176, 168, 8, 0, 0]],
    );
    assert.deepStrictEqual((await bucketOf('int64', 'Reordered', 'amd64')).reorder, []);
    // time.Time would be smaller with loc first (ptrdata), but it is not the user's to reorder.
    assert.deepStrictEqual((await bucketOf('string', 'time.Time', '386')).reorder, []);
  });

  it('a suggestion can bring a struct under 128 bytes and back inline', async () => {
    // 9 x {int8, int64} pairs = 144 bytes > 128: stored indirectly. Reordered: 9*8 + 9 = 81 -> 88.
    const fields = Array.from({ length: 9 }, (_, i) => `a${i} int8; b${i} int64`).join('; ');
    const l = await bucketLayout(await parseTypeExpr('int32'), await parseTypeExpr(`struct{ ${fields} }`), 'amd64');
    assert.strictEqual(l.info.indirectelem, true);
    const r = l.reorder[0];
    assert.deepStrictEqual([r.size, r.optimalSize], [144, 88]);
    // Before: 8 + 32 + 64 + 8 = 112. After, inline: 8 + 32 + 704 + 8 = 752: bigger buckets, but no
    // 144-byte object per elem (size class 144); savedPerBucket is negative and says so.
    assert.deepStrictEqual([l.info.bucketsize, r.bucketsize, r.savedPerBucket, r.savedPerObject], [112, 752, -640, 144]);
  });
});

describe('layout: memory', () => {
  it('mapMemory reproduces what make allocated in the runtime for every fixture hint', async () => {
    for (const arch of ['amd64', '386'] as const) {
      for (const p of fixtures[arch].pairs.slice(0, 40)) {
        const t = mapTypeOf(await parseTypeExpr(p.key, scope), await parseTypeExpr(p.elem, scope), arch);
        for (const m of p.makes) {
          const got = mapMemory(t, m.hint);
          assert.deepStrictEqual(
            [got.B, got.nextOverflowFree, got.allocBytes, got.mallocs],
            [m.B, m.nextOverflowFree, m.allocBytes, m.mallocs],
            `${arch} map[${p.key}]${p.elem} hint ${m.hint}`,
          );
        }
      }
    }
  });

  it('names the pieces: map[int64]int8 with hint 1000 on amd64', async () => {
    const m = mapMemory((await bucketOf('int64', 'int8', 'amd64')).info, 1000);
    // B = 8 (13 * 2^7 = 1664 >= 1000 > 832); 256 + 16 buckets * 88 = 23936 bytes, in the 24576 size
    // class, whose slack holds 7 more overflow buckets: 279 in all, 23 free; + hmap 48 + mapextra 24.
    assert.deepStrictEqual(
      [m.B, m.nbuckets, m.nextOverflowFree, m.bucketArrayBytes, m.bucketArrayAlloc, m.hmapBytes, m.mapextraBytes, m.allocBytes, m.capacity],
      [8, 279, 23, 279 * 88, 24576, 48, 24, 24648, 1664],
    );
    assert.strictEqual(m.allocBytes, runtime('amd64', 'int64', 'int8').makes.find((x) => x.hint === 1000)!.allocBytes);
  });

  it('capacityOf: the entries a map holds before it grows', () => {
    // overLoadFactor(count, B) = count > 8 && count > 13 * (2^B / 2).
    assert.deepStrictEqual([0, 1, 2, 8].map(capacityOf), [8, 13, 26, 1664]);
  });

  it('appendCapacity follows growslice and the size classes', () => {
    // 8-byte pointers: 1, 2, 4, 8, 16 ... doubling below 256 elements; then 256 + (256 + 768)/4 = 512.
    assert.deepStrictEqual([1, 2, 3, 5, 9, 256, 257].map((n) => appendCapacity(n, 8)), [1, 2, 4, 8, 16, 256, 512]);
    // 4-byte pointers: the smallest size class is 8 bytes, so the first append already gives room for 2.
    assert.deepStrictEqual([1, 3, 5].map((n) => appendCapacity(n, 4)), [2, 4, 8]);
  });

  it('liveMemory: allocated vs live bytes and what a rebuild gives back', async () => {
    const t = (await bucketOf('int64', 'int64', 'amd64')).info; // bucketsize 8 + 64 + 64 + 8 = 144
    const live = liveMemory(t, { count: 1000, B: 8, bucketsAllocated: true, overflowAllocated: 3, extra: true, bucketsInUse: 250, overflowListLen: 10 }, 8, 8);
    // Bucket array at B = 8: 272 * 144 = 39168 bytes is large (>= 32 KiB): 5 pages = 40960.
    // Overflow buckets: 3 objects of 144. Overflow list (the bucket has no pointers): a 24-byte
    // slice header and a backing array of appendCapacity(10) = 16 pointers = 128 bytes.
    assert.deepStrictEqual(
      [live.hmapBytes, live.mapextraBytes, live.bucketArrayBytes, live.oldBucketArrayBytes, live.overflowBytes, live.overflowListBytes],
      [48, 24, 40960, 0, 432, 152],
    );
    assert.strictEqual(live.allocBytes, 48 + 24 + 40960 + 432 + 152);
    assert.strictEqual(live.liveBytes, 48 + 24 + 250 * 144);
    assert.strictEqual(live.entryBytes, 1000 * (1 + 8 + 8));
    // make(map[int64]int64, 1000) is what the runtime allocated for map[int]uint64 (same 144-byte
    // bucket): 41032 bytes. The rebuild gives back 41616 - 41032 = 584 bytes.
    const same = runtime('amd64', 'int', 'uint64').makes.find((x) => x.hint === 1000)!.allocBytes;
    assert.deepStrictEqual(live.rebuild, { B: 8, allocBytes: same, savedBytes: 41616 - same });
  });

  it('liveMemory while growing, with indirect elems, and a rebuild to a lazily allocated bucket', async () => {
    const t = (await bucketOf('string', '[200]byte', 'amd64')).info; // elem indirect: 8-byte slots
    // 8 + 8*16 + 8*8 + 8 = 208-byte buckets with pointers. Growing from B = 1 (old array of 2
    // buckets, 416 bytes, size class 416) to B = 2 (4 buckets, 832 bytes, class 896).
    const live = liveMemory(t, { count: 14, B: 2, oldB: 1, bucketsAllocated: true, overflowAllocated: 0, extra: false, bucketsInUse: 4 }, 16, 200);
    // 14 elems, each its own 200-byte object in the 208 class.
    assert.strictEqual(live.indirectBytes, 14 * 208);
    assert.deepStrictEqual([live.bucketArrayBytes, live.oldBucketArrayBytes], [896, 416]);
    assert.strictEqual(live.allocBytes, 48 + 896 + 416 + 14 * 208);
    // Rebuild with make(map, 14): B = 2 (14 > 13) → 4 buckets (no preallocated overflow below B = 4).
    assert.deepStrictEqual(live.rebuild, { B: 2, allocBytes: 48 + 896 + 14 * 208, savedBytes: 416 });
    // A map emptied down to 3 entries would be rebuilt with hint 3: only the hmap, then one bucket
    // on the first insert.
    const small = liveMemory(t, { count: 3, B: 2, bucketsAllocated: true, overflowAllocated: 0, extra: false, bucketsInUse: 2 }, 16, 200);
    assert.deepStrictEqual(small.rebuild, { B: 0, allocBytes: 48 + 208 + 3 * 208, savedBytes: 896 - 208 });
  });
});

function memIO(files: Record<string, string> = {}): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(s: string) {
      io.stdout += s.endsWith('\n') ? s : s + '\n';
    },
    err(s: string) {
      io.stderr += s.endsWith('\n') ? s : s + '\n';
    },
    readFile(p: string) {
      if (p in files) return files[p];
      return fs.readFileSync(p, 'utf8');
    },
  };
  return io;
}

describe('gomap layout', () => {
  it('--json carries the maptype fields and make memory under the runtime names', async () => {
    const io = memIO();
    assert.strictEqual(await run(['layout', 'map[int64]int8', '--hint', '1000', '--json'], io), 0);
    const j = JSON.parse(io.stdout);
    const rt = runtime('amd64', 'int64', 'int8');
    const made = rt.makes.find((m) => m.hint === 1000)!;
    assert.deepStrictEqual(
      [j.keysize, j.elemsize, j.bucketsize, j.indirectkey, j.indirectelem, j.bucketPtrdata, j.B, j.nextOverflowFree, j.allocBytes],
      [rt.keysize, rt.elemsize, rt.bucketsize, rt.indirectkey, rt.indirectelem, rt.bucketPtrdata, made.B, made.nextOverflowFree, made.allocBytes],
    );
  });

  it('--arch 386 --types: named types from a file, against the 386 runtime', async () => {
    const io = memIO();
    assert.strictEqual(await run(['layout', 'map[Padded][200]byte', '--types', typesFile, '--arch', '386', '--hint', '53', '--json'], io), 0);
    const j = JSON.parse(io.stdout);
    // The pair is in the fixtures under the same names.
    const rt = fixtures['386'].pairs.find((p) => p.key === 'Padded' && p.elem === '[200]byte');
    const want = rt ?? { keysize: 16, elemsize: 4, bucketsize: 172, bucketPtrdata: 172 }; // 8 + 128 + 32 + 4
    assert.deepStrictEqual([j.keysize, j.elemsize, j.bucketsize, j.bucketPtrdata], [want.keysize, want.elemsize, want.bucketsize, want.bucketPtrdata]);
    assert.strictEqual(j.reorder[0].reordered, 'struct{ b int64; a int8; c int8 }');
  });

  it('prints a table with the regions, the interleaved comparison and the heap', async () => {
    const io = memIO();
    assert.strictEqual(await run(['layout', 'map[int64]int8', '--hint', '1000'], io), 0);
    const lines = io.stdout.split('\n');
    assert.match(lines[0], /^map\[int64\]int8 on amd64/);
    assert.ok(lines.some((l) => /^\s+8\s+64\s+keys\s+\[8\]int64$/.test(l)), io.stdout);
    assert.ok(lines.some((l) => /the bucket would be 144 B: grouping keys and elems saves 56 B per bucket/.test(l)), io.stdout);
    assert.ok(lines.some((l) => /B = 8: 256 buckets \+ 23 preallocated overflow buckets/.test(l)), io.stdout);
    assert.ok(lines.some((l) => /^\s+total\s+24648 B/.test(l)), io.stdout);
  });

  it('reports bad input on one line with its position, exit 2', async () => {
    const bad = 'package x\ntype S struct{ f func() }\n';
    const cases: Array<[string[], string]> = [
      [['map[[]int]int'], 'gomap layout: 5: invalid map key type []int: slices are not comparable'],
      [['map[S]int', '--types', 'bad.go'], 'gomap layout: 5: invalid map key type S: struct field f has type func(), which is not comparable (funcs are not)'],
      [['map[string]Foo'], 'gomap layout: 12: undefined: Foo (declare it in a Go file and pass --types FILE.go)'],
      [['int64'], 'gomap layout: 1: expected a map type, found int64'],
      [['map[int]int', '--arch', 'sparc'], 'gomap layout: --arch must be one of amd64, arm64, 386, arm, got "sparc"'],
      [['map[int]int', '--hint', 'x'], 'gomap layout: --hint must be a non-negative integer, got "x"'],
      [['map[T]int', '--types', 'syntax.go'], 'gomap layout: syntax.go:2:14: syntax error: unexpected ]'],
    ];
    for (const [args, want] of cases) {
      const io = memIO({ 'bad.go': bad, 'syntax.go': 'package x\ntype T [2]int]\n' });
      assert.strictEqual(await run(['layout', ...args], io), 2, args.join(' '));
      assert.strictEqual(io.stderr, want + '\n');
      assert.strictEqual(io.stdout, '');
    }
  });

  it('takes every GOARCH', async () => {
    for (const arch of goArches) {
      const io = memIO();
      assert.strictEqual(await run(['layout', 'map[string]int', '--arch', arch, '--json'], io), 0);
      // string key + int elem: 8 + 8*2*PtrSize + 8*PtrSize + PtrSize.
      const ptr = arch === '386' || arch === 'arm' ? 4 : 8;
      assert.strictEqual(JSON.parse(io.stdout).bucketsize, 8 + 24 * ptr + ptr, arch);
    }
  });
});
