/**
 * `swissMapTypeOf` and `swissMakeAlloc` against real measurements: every row of the three
 * `test/fixtures/layout-swiss/sizes.*.json` (copied from `shared/oracle-swiss/samples`: the
 * runtime's abi.MapType for 16 map types and the bytes/objects `make` allocated for 6 hints, the
 * first insert and the 9th insert, on Go 1.26.8 amd64/386 and 1.27.3 amd64), and the rules of
 * `walk.mapfast` and of the struct layout worked out by hand where the measurements do not reach.
 * (`swiss-layout.fixtures.test.ts` compares ~170 more types with this project's own oracle.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GoArch } from '../../src/core/maptype';
import { algType, assignPath } from '../../src/core/swiss/alg';
import { swissGroupLayout, swissMapTypeOf } from '../../src/core/swiss/layout';
import { firstInsertAlloc, growToTableAlloc, ninthInsertAlloc, swissMakeAlloc, valueObject } from '../../src/core/swiss/makemap';
import { SwissDumpType, SwissGoVersion } from '../../src/core/swiss/types';
import { GoType, parseTypeExpr } from '../../src/core/types';

interface SizesFile {
  goversion: string;
  goarch: string;
  mapHeaderSize: number;
  tableStructSize: number;
  types: Array<{
    type: SwissDumpType;
    goSlotStructSize: number;
    firstInsert: { bytes: number; mallocs: number };
    ninthInsert: { bytes: number; mallocs: number };
    rows: Array<{ hint: number; dirLen: number; tableCapacity: number; measured: { bytes: number; mallocs: number } }>;
  }>;
}

const fixtureDir = path.join(__dirname, '..', 'fixtures', 'layout-swiss');
const sizesFiles = ['sizes.go1.26.8-amd64.json', 'sizes.go1.26.8-386.json', 'sizes.go1.27.3-amd64.json'];

function release(goversion: string): SwissGoVersion {
  const m = /^go(1\.2[67])\./.exec(goversion);
  if (!m) throw new Error(`not a Swiss release: ${goversion}`);
  return m[1] as SwissGoVersion;
}

const t = (expr: string): Promise<GoType> => parseTypeExpr(expr);

describe('Swiss layout and make against the measured sizes files', () => {
  for (const file of sizesFiles) {
    const sizes = JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8')) as SizesFile;
    const arch = sizes.goarch as GoArch;
    const go = release(sizes.goversion);
    describe(`${sizes.goversion} ${arch}`, () => {
      it('has the 16 types of FORMAT.md', () => assert.strictEqual(sizes.types.length, 16));
      for (const want of sizes.types) {
        const name = `map[${want.type.key}]${want.type.elem}`;
        it(`${name}: abi.MapType, assign path, first and 9th insert`, async () => {
          const k = await t(want.type.key);
          const e = await t(want.type.elem);
          const got = swissMapTypeOf(k, e, arch, go);
          const { goarch, ptrSize, goversion, ...dumpFields } = got;
          // The reference dumper derived `layout` from SlotSize == 0, so it wrote "split" for
          // struct{}/struct{} (a slot of size 0), also on Go 1.26, which has only the interleaved
          // layout; the group type itself is struct{ctrl uint64; slots [8]struct{key; elem}}
          // (checked by test/oracle/layoutdump-swiss, which reads the group type's fields).
          const layoutArtifact = want.type.slotsize === 0 && want.type.layout === 'split';
          assert.deepStrictEqual(dumpFields, layoutArtifact ? { ...want.type, layout: 'interleaved' } : want.type);
          assert.deepStrictEqual([goarch, ptrSize, goversion], [arch, arch === '386' ? 4 : 8, go]);
          assert.strictEqual(got.slotsize, want.goSlotStructSize);
          const first = firstInsertAlloc(got, valueObject(k, arch), valueObject(e, arch));
          assert.deepStrictEqual(first, { bytes: want.firstInsert.bytes, objects: want.firstInsert.mallocs });
          // struct{} keys have one value: the oracle could not insert a 9th distinct key (0/0).
          if (want.type.key !== 'struct{}') {
            const ninth = ninthInsertAlloc(got, valueObject(k, arch), valueObject(e, arch));
            assert.deepStrictEqual(ninth, { bytes: want.ninthInsert.bytes, objects: want.ninthInsert.mallocs });
          }
        });
        it(`${name}: make for hints ${want.rows.map((r) => r.hint).join(', ')}`, async () => {
          const got = swissMapTypeOf(await t(want.type.key), await t(want.type.elem), arch, go);
          for (const row of want.rows) {
            const m = swissMakeAlloc(got, row.hint);
            assert.deepStrictEqual(
              { hint: row.hint, dirLen: m.dirLen, tableCapacity: m.tableCapacity, bytes: m.allocBytes, objects: m.allocObjects },
              { hint: row.hint, dirLen: row.dirLen, tableCapacity: row.tableCapacity, bytes: row.measured.bytes, objects: row.measured.mallocs },
            );
          }
        });
      }
    });
  }
});

describe('Swiss make: the pieces named in FORMAT.md', () => {
  it('map[int64]int64 on amd64, hint 1000: header 48, directory 16, 2 x (table 32 + 18432-byte array)', async () => {
    const mt = swissMapTypeOf(await t('int64'), await t('int64'), 'amd64', '1.26');
    const m = swissMakeAlloc(mt, 1000);
    // 1000*8/7 = 1142 slots wanted; ceil(1142/1024) = 2 tables of pow2ceil(571) = 1024 slots,
    // each 128 groups x 136 B = 17408 B (no pointers: no malloc header) -> size class 18432.
    assert.deepStrictEqual(
      [m.dirSize, m.tableCapacity, m.globalDepth, m.headerBytes, m.directoryBytes, m.tableBytes, m.groupArrayBytes, m.allocBytes, m.allocObjects],
      [2, 1024, 1, 48, 16, 32, 18432, 48 + 16 + 2 * (32 + 18432), 6],
    );
    assert.strictEqual(m.capacity, 2 * 896);
  });

  it('map[string]int64 vs map[[16]byte]int64 at hint 100: the same 3200-byte array, but only the pointerful one gets a header', async () => {
    const s = swissMakeAlloc(swissMapTypeOf(await t('string'), await t('int64'), 'amd64', '1.26'), 100);
    const b = swissMakeAlloc(swissMapTypeOf(await t('[16]byte'), await t('int64'), 'amd64', '1.26'), 100);
    // 128 slots = 16 groups x 200 B = 3200 B; 3200 + 8 -> size class 3456.
    assert.deepStrictEqual([s.groupArrayBytes, b.groupArrayBytes], [3456, 3200]);
  });

  it('a small map turned into a table: 328 B / 3 objects for map[int64]int64 (directory 8, table 32, 2 groups 288)', async () => {
    const mt = swissMapTypeOf(await t('int64'), await t('int64'), 'amd64', '1.26');
    assert.deepStrictEqual(growToTableAlloc(mt), { bytes: 8 + 32 + 288, objects: 3 });
  });

  it('a hint too large for the address space gives an empty small map (header only)', async () => {
    const mt = swissMapTypeOf(await t('int64'), await t('int64'), '386', '1.26');
    // On 386 hint*8 wraps; NewMap returns the header it was given.
    assert.deepStrictEqual([swissMakeAlloc(mt, 2 ** 29).dirLen, swissMakeAlloc(mt, 2 ** 29).allocObjects], [0, 1]);
  });
});

describe('walk.mapfast by algorithm kind (worked out from cmd/compile/internal/types/alg.go)', () => {
  const cases: Array<[string, string, GoArch, string]> = [
    // AMEM64 without pointers: int64, [8]byte, struct{a, b int32} (no padding), a one-field struct.
    ['int64', 'int64', 'amd64', 'fast64'],
    ['[8]byte', 'int64', 'amd64', 'fast64'],
    ['struct{ a, b int32 }', 'int64', 'amd64', 'fast64'],
    ['struct{ n uint64 }', 'int64', '386', 'fast64'],
    // int and uint are pointer-sized.
    ['int', 'bool', 'amd64', 'fast64'],
    ['int', 'bool', '386', 'fast32'],
    // AMEM32: [2]int16 on amd64; on arm an int32 load needs 4-byte alignment (issue 46283): AMEM.
    ['[2]int16', 'int8', 'amd64', 'fast32'],
    ['[2]int16', 'int8', 'arm', 'slow'],
    ['[4]byte', 'int8', 'arm', 'slow'],
    ['int32', 'int8', 'arm', 'fast32'],
    // Pointers: one word, MEM32 on 32-bit targets and MEM64 on 64-bit ones.
    ['*int', 'int', 'amd64', 'fast64ptr'],
    ['*int', 'int', '386', 'fast32ptr'],
    ['chan int', 'int', 'arm64', 'fast64ptr'],
    ['unsafe.Pointer', 'int', 'arm', 'fast32ptr'],
    // Two words, one a pointer, on a 32-bit target: "Use the slow path".
    ['struct{ p *int; n int32 }', 'int', '386', 'slow'],
    ['struct{ p *int; n int32 }', 'int', 'amd64', 'slow'], // 16 bytes: AMEM128
    // ASTRING, also through a one-field struct or a one-element array.
    ['string', 'int', 'amd64', 'faststr'],
    ['[1]string', 'int', 'amd64', 'faststr'],
    ['struct{ s string }', 'int', '386', 'faststr'],
    ['[2]string', 'int', 'amd64', 'slow'],
    // Padding, blank fields, floats: special or float kinds, all slow.
    ['struct{ a int8; b int32 }', 'int', 'amd64', 'slow'],
    ['struct{ a int32; _ int32 }', 'int', 'amd64', 'slow'],
    ['struct{ n int64; end struct{} }', 'int', 'amd64', 'slow'],
    ['float64', 'int', 'amd64', 'slow'],
    ['float32', 'int', 'amd64', 'slow'],
    ['complex64', 'int', 'amd64', 'slow'],
    ['interface{}', 'int', 'amd64', 'slow'],
    ['error', 'int', 'amd64', 'slow'],
    ['int8', 'int', 'amd64', 'slow'],
    ['[16]byte', 'int', 'amd64', 'slow'],
    ['struct{}', 'int', 'amd64', 'slow'],
    // An elem over 128 bytes always takes the generic mapassign.
    ['int64', '[129]byte', 'amd64', 'slow'],
    ['string', '[128]byte', 'amd64', 'faststr'],
  ];
  for (const [k, e, arch, want] of cases) {
    it(`map[${k}]${e} on ${arch}: ${want}`, async () => {
      assert.strictEqual(assignPath(await t(k), await t(e), arch), want, `alg ${algType(await t(k), arch)}`);
    });
  }
});

describe('Swiss group layout by hand', () => {
  it('map[int64]int8 on amd64: 16-byte slots, 7 B of padding each, 56 B of the 136-byte group; split saves it', async () => {
    const l = swissGroupLayout(await t('int64'), await t('int8'), 'amd64', '1.27');
    assert.deepStrictEqual(
      l.regions.map((r) => [r.name, r.offset, r.size]),
      [['ctrl', 0, 8], ['slots', 8, 128]],
    );
    assert.deepStrictEqual(l.slot && [l.slot.size, l.slot.elemOff, l.slot.paddingBetween, l.slot.trailingPadding], [16, 8, 0, 7]);
    assert.strictEqual(l.paddingBytes, 8 * 7);
    // Split: ctrl 8 + keys 64 + elems 8 = 80, already a multiple of 8.
    assert.deepStrictEqual(
      { ...l.other, regions: l.other.regions.map((r) => [r.name, r.offset, r.size, r.type]) },
      { layout: 'split', groupsize: 80, paddingBytes: 0, regions: [['ctrl', 0, 8, 'uint64'], ['keys', 8, 64, '[8]int64'], ['elems', 72, 8, '[8]int8']] },
    );
    assert.strictEqual(l.bytesPerEntryAtFullLoad, 136 / 7);
  });

  it('split layout on Go 1.27: KeysOff 8, KeyStride = key size, ElemsOff after the keys; slotsize and elemoff 0', async () => {
    const mt = swissMapTypeOf(await t('int8'), await t('int64'), '386', '1.27', { splitGroup: true });
    // ctrl 8 | keys [8]int8 at 8..16 | elems [8]int64 at 16 (align 4 on 386) .. 80.
    assert.deepStrictEqual(
      [mt.layout, mt.groupsize, mt.slotsize, mt.elemoff, mt.keysOff, mt.keyStride, mt.elemsOff, mt.elemStride],
      ['split', 80, 0, 0, 8, 1, 16, 8],
    );
  });

  it('split layout does not exist in Go 1.26', async () => {
    assert.throws(() => swissMapTypeOf(basic('int64'), basic('int64'), 'amd64', '1.26', { splitGroup: true }), /from Go 1\.27 on/);
  });

  it('a zero-size elem after a key gets a byte before rounding (issue 9401)', async () => {
    const l = swissGroupLayout(await t('int32'), await t('struct{}'), 'amd64', '1.26');
    // key at 0..4, elem at 4 (size 0), +1 byte, round to 4: an 8-byte slot.
    assert.deepStrictEqual(l.slot && [l.slot.size, l.slot.elemOff, l.slot.zeroSizeFinalByte], [8, 4, true]);
    assert.strictEqual(l.type.groupsize, 8 + 8 * 8);
  });

  it('an unhashable key type is refused with the reason', async () => {
    assert.throws(() => swissMapTypeOf({ kind: 'slice', elem: { kind: 'basic', name: 'int' } }, basic('int'), 'amd64', '1.26'), /invalid map key type \[\]int: slices are not comparable/);
  });
});

/** A basic type without the parser (for synchronous throws). */
function basic(name: 'int' | 'int64'): GoType {
  return { kind: 'basic', name };
}
