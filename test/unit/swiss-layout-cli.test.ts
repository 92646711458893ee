/**
 * `gomap layout --runtime swiss` end to end through the CLI dispatcher. The numbers it prints are
 * compared with what the real Go 1.26.8 / 1.27.3 runtimes did (the layoutdump-swiss fixtures); the
 * human form is compared whole, with each figure worked out in a comment.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { DumpPair, LayoutSwissDump } from '../oracle/layoutdump-swiss/compare';
import { typesFile } from '../oracle/layoutdump-swiss/gen';
import { OracleConfig, fixturePath } from '../oracle/layoutdump-swiss/run';

function memIO(files: Record<string, string> = {}): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s.endsWith('\n') ? s : s + '\n'),
    err: (s: string) => void (io.stderr += s.endsWith('\n') ? s : s + '\n'),
    readFile: (p: string) => (p in files ? files[p] : fs.readFileSync(p, 'utf8')),
  };
  return io;
}

function measured(c: OracleConfig, key: string, elem: string): DumpPair {
  const dump = JSON.parse(fs.readFileSync(fixturePath(c), 'utf8')) as LayoutSwissDump;
  const p = dump.pairs.find((x) => x.key === key && x.elem === elem);
  if (!p) throw new Error(`map[${key}]${elem} is not in ${fixturePath(c)}`);
  return p;
}

/** The fields the brief asks `--json` to carry, from the CLI and from the runtime. */
const fields = ['groupsize', 'slotsize', 'elemoff', 'indirectkey', 'indirectelem', 'groupPtrdata', 'assign'] as const;

async function layoutJson(args: string[]): Promise<Record<string, unknown>> {
  const io = memIO();
  assert.strictEqual(await run(['layout', ...args, '--json'], io), 0, io.stderr);
  return JSON.parse(io.stdout);
}

describe('gomap layout --runtime swiss', () => {
  for (const [key, elem, hint] of [['string', 'int64', 100], ['[129]byte', 'int64', 10000], ['int8', 'int8', 8]] as const) {
    it(`--json map[${key}]${elem} --hint ${hint}: the Go 1.26.8 amd64 runtime's abi.MapType and make`, async () => {
      const j = await layoutJson([`map[${key}]${elem}`, '--runtime', 'swiss', '--hint', String(hint)]);
      const rt = measured({ go: '1.26.8', arch: 'amd64', splitGroup: false }, key, elem);
      const made = rt.makes.find((m) => m.hint === hint)!;
      assert.deepStrictEqual(
        [...fields.map((f) => j[f]), j.dirLen, j.tableCapacity, j.allocBytes, j.allocObjects],
        [...fields.map((f) => rt.type[f]), made.dirLen, made.tableCapacity, made.bytes, made.mallocs],
      );
      assert.deepStrictEqual(j.firstInsert, { bytes: rt.firstInsert.bytes, objects: rt.firstInsert.mallocs });
      assert.deepStrictEqual([j.runtime, j.goversion, j.goarch, j.layout], ['swiss', '1.26', 'amd64', 'interleaved']);
    });
  }

  it('--types --arch 386 --go 1.27 --split: named types in the split group of the Go 1.27.3 386 runtime', async () => {
    const j = await layoutJson(['map[Padded]Padded', '--types', typesFile, '--runtime', 'swiss', '--go', '1.27', '--split', '--arch', '386', '--hint', '1000']);
    const rt = measured({ go: '1.27.3', arch: '386', splitGroup: true }, 'Padded', 'Padded');
    const made = rt.makes.find((m) => m.hint === 1000)!;
    assert.deepStrictEqual(
      [...fields.map((f) => j[f]), j.keysOff, j.keyStride, j.elemsOff, j.elemStride, j.dirLen, j.tableCapacity, j.allocBytes, j.allocObjects],
      [...fields.map((f) => rt.type[f]), rt.type.keysOff, rt.type.keyStride, rt.type.elemsOff, rt.type.elemStride, made.dirLen, made.tableCapacity, made.bytes, made.mallocs],
    );
    // Padded is {int8; int64; int8}: 16 bytes on 386 (align 4). Split: ctrl 8, keys 8..136, elems 136..264.
    assert.deepStrictEqual([j.layout, j.slotsize, j.groupsize, j.elemsOff], ['split', 0, 264, 136]);
  });

  it('prints the group, the layouts beside it and make, every figure the runtime\'s', async () => {
    const io = memIO();
    assert.strictEqual(await run(['layout', 'map[int64]int8', '--runtime', 'swiss', '--hint', '1000'], io), 0);
    // Slot struct{int64; int8}: 9 B rounded to 16 (7 B padding); group 8 + 8*16 = 136, 56 B of
    // padding; 136/7 = 19.4 B per entry. Split: 8 + 64 + 8 = 80 B, 80/7 = 11.4. Classic bucket:
    // 8 + 64 + 8 + 8 = 88 B, 88/6.5 = 13.5. Hint 1000: 1142 slots wanted, 2 tables of 1024, each
    // 128 groups = 17408 B -> class 18432; 48 + 16 + 2*(32 + 18432) = 36992 B (measured, FORMAT.md).
    assert.strictEqual(
      io.stdout,
      [
        'map[int64]int8 on amd64 (Go 1.26 Swiss table; sizes as gc lays them out)',
        '',
        'key   int64: size 8, align 8, ptrdata 0; stored inline, 8 B per slot',
        'elem  int8: size 1, align 1, ptrdata 0; stored inline, 1 B per slot',
        '',
        'group (interleaved): 136 bytes, align 8, ptrdata 0 (no pointers: the GC never scans group arrays)',
        '  offset  size  region  type                               padding before',
        '       0     8  ctrl    uint64',
        '       8   128  slots   [8]struct{ key int64; elem int8 }',
        '  slot struct{ key int64; elem int8 }: 16 B, elem at 8; padding 7 B after elem',
        '  padding: 56 B in the group; control word 8 B, keys and elems 72 B',
        '  at full load (7 of 8 slots): 19.4 B of group per entry, for 9 B of key and elem and 1 control byte',
        '  m[k] = v calls runtime.mapassign_fast64',
        '',
        'beside it:',
        '  split group (Go 1.27, GOEXPERIMENT=mapsplitgroup): ctrl, 8 keys, 8 elems: 80 B, 0 B padding, 11.4 B per entry at full load (56 B per group less)',
        '  classic bucket (Go ≤ 1.23): tophash, 8 keys, 8 elems, overflow = 88 B, 0 B padding, 13.5 B per entry at 6.5 per bucket',
        '',
        'make(map[int64]int8, 1000):',
        '  2 tables of 1024 slots (directory of 2, globalDepth 1); holds 1792 entries before it grows (7/8 of each table; tables split above 1024 slots)',
        '  Map header      48 B',
        '  directory       16 B  2 × 8-byte table pointers',
        '  table           32 B  × 2',
        '  group array  18432 B  × 2: 128 groups × 136 B = 17408 B, rounded up to its size class',
        '  total        36992 B  36.1 KiB, in 6 heap objects',
        '  37.0 B per entry at 1000 entries',
        '',
      ].join('\n'),
    );
  });

  it('a small map with an indirect key: the first insert and the turn into a table, with the key objects', async () => {
    const io = memIO();
    assert.strictEqual(await run(['layout', 'map[[129]byte]int64', '--runtime', 'swiss'], io), 0);
    // Group 8 + 8*16 = 136 B with pointers (the *[129]byte keys), 144 as allocated; each key is a
    // 129-byte object in the 144 class: 288 B for the first insert (measured). 9th key: directory
    // 8 + table 32 + 2 groups 272 -> 288 = 328 B in 3 objects, + 144 for its key (472 measured).
    const tail = io.stdout.split('\n').slice(-5).join('\n');
    assert.strictEqual(
      tail,
      [
        '  small map: only the Map header; the first insert allocates one 136-byte group (144 B as allocated; 288 B with the entry\'s own objects)',
        '  the 9th distinct key turns it into a 16-slot table: directory, table, 2 groups = 328 B in 3 objects; each entry adds 144 B in 1 object of its own (indirect key/elem)',
        '  Map header  48 B',
        '  total       48 B  in 1 heap object',
        '',
      ].join('\n'),
    );
  });

  it('notes the malloc header and whole pages of large pointerful group arrays', async () => {
    const io = memIO();
    assert.strictEqual(await run(['layout', 'map[string]string', '--runtime', 'swiss', '--hint', '1000'], io), 0);
    // 128 groups x 264 B = 33792 B with pointers: over 32 KiB, so whole pages (no header): 40960.
    assert.ok(io.stdout.includes('  group array  40960 B  × 2: 128 groups × 264 B = 33792 B, rounded up to whole 8 KiB pages\n'), io.stdout);
    const small = memIO();
    assert.strictEqual(await run(['layout', 'map[string]int64', '--runtime', 'swiss', '--hint', '100'], small), 0);
    // 16 groups x 200 B = 3200 B with pointers: + 8-byte header = 3208 -> class 3456 (measured 3544 total).
    assert.ok(small.stdout.includes('  group array  3456 B  × 1: 16 groups × 200 B = 3200 B, + 8-byte malloc header, rounded up to its size class\n'), small.stdout);
  });

  it('without --runtime, or with --runtime classic, prints the classic bucket exactly as before', async () => {
    const plain = memIO();
    const classic = memIO();
    assert.strictEqual(await run(['layout', 'map[int64]int8', '--hint', '1000'], plain), 0);
    assert.strictEqual(await run(['layout', 'map[int64]int8', '--hint', '1000', '--runtime', 'classic'], classic), 0);
    assert.strictEqual(classic.stdout, plain.stdout);
    assert.match(plain.stdout, /^map\[int64\]int8 on amd64 \(Go 1\.19 classic map/);
  });

  it('reports bad input on one line with its place, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['map[int]int', '--runtime', 'swiss', '--go', '1.25'], 'gomap layout: --go must be one of 1.26, 1.27, got "1.25"'],
      [['map[int]int', '--runtime', 'swiss', '--split'], 'gomap layout: --split (GOEXPERIMENT=mapsplitgroup) exists from Go 1.27 on: add --go 1.27'],
      [['map[int]int', '--runtime', 'go'], 'gomap layout: --runtime must be classic or swiss, got "go"'],
      [['map[int]int', '--go', '1.27'], 'gomap layout: --go and --split describe Swiss tables: add --runtime swiss'],
      [['map[int]int', '--runtime', 'swiss', '--split=yes', '--go', '1.27'], 'gomap layout: --split takes no value'],
      [['map[[]int]int', '--runtime', 'swiss'], 'gomap layout: 5: invalid map key type []int: slices are not comparable'],
      [['map[string]Foo', '--runtime', 'swiss'], 'gomap layout: 12: undefined: Foo (declare it in a Go file and pass --types FILE.go)'],
      [['map[T]int', '--runtime', 'swiss', '--types', 'syntax.go'], 'gomap layout: syntax.go:2:14: syntax error: unexpected ]'],
    ];
    for (const [args, want] of cases) {
      const io = memIO({ 'syntax.go': 'package x\ntype T [2]int]\n' });
      assert.strictEqual(await run(['layout', ...args], io), 2, args.join(' '));
      assert.strictEqual(io.stderr, want + '\n');
      assert.strictEqual(io.stdout, '');
    }
  });
});
