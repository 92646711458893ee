/**
 * The hover for each map construct, on test/fixtures/hover/sample.go: what it recognizes, the
 * numbers it quotes (checked by hand reasoning in the comments), and the trusted command link.
 * Positions are given as a unique snippet of the line and an offset into it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, HoverResult, Position, hover, newMapCommand, parseGoMod } from '../../src/core/hover';

const fixtures = path.join(__dirname, '..', 'fixtures', 'hover');
const sample = fs.readFileSync(path.join(fixtures, 'sample.go'), 'utf8');
const mod = parseGoMod(fs.readFileSync(path.join(fixtures, 'go.mod'), 'utf8'));
const amd64: HoverOptions = { goarch: 'amd64', goVersion: mod.go, toolchain: mod.toolchain };

/** The position of `snippet` (unique in `src`), plus `offset` characters. */
function at(src: string, snippet: string, offset = 0): Position {
  const i = src.indexOf(snippet);
  assert.ok(i >= 0, `snippet not found: ${snippet}`);
  assert.strictEqual(src.indexOf(snippet, i + 1), -1, `snippet not unique: ${snippet}`);
  const before = src.slice(0, i + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The command link's arguments, decoded. */
function linkArgs(md: string): unknown[] | undefined {
  const m = /\(command:([\w.]+)\?([^ )]+)/.exec(md);
  if (!m) return undefined;
  assert.strictEqual(m[1], newMapCommand);
  return JSON.parse(decodeURIComponent(m[2])) as unknown[];
}

interface Row {
  what: string;
  snippet: string;
  offset?: number;
  kind: HoverResult['kind'];
  contains: string[];
  /** The arguments of the "Inspect in Go Map Inspector" link: key, elem, hint. */
  link?: [string, string, number];
  opts?: Partial<HoverOptions>;
}

const rows: Row[] = [
  {
    // map[int64]int8 on amd64: tophash 8 + keys 8×8 = 64 + elems 8×1 = 8 + overflow uintptr 8 = 88
    // bytes. No pointers, so ptrdata 0. Interleaved {int64, int8} pairs are 16 bytes (7 padding):
    // 8 + 128 + 8 = 144.
    what: 'a map type in a struct field: layout, no GC scan, interleaved comparison',
    snippet: 'counts map[int64]int8',
    offset: 8,
    kind: 'mapType',
    contains: [
      'type bmap struct { // map[int64]int8: 88 bytes',
      'keys     [8]int64 // offset 8, 64 bytes',
      'elems    [8]int8  // offset 72, 8 bytes',
      'overflow uintptr  // offset 80, 8 bytes',
      'A bucket (bmap) holds 8 entries in 88 bytes on amd64: 8 + 64 + 8 + 8 for its 8 tophash bytes',
      '7 bytes of padding each, a 144-byte bucket',
      'the GC never scans the buckets',
      // B = 17: 131,072 buckets + 8,192 overflow = 139,264 × 88 = 12,255,232 bytes (whole pages),
      // 851,968 entries before the growth → 14.4 bytes per entry; after: 24,510,464 / 851,969 = 28.8.
      '(B = 17: 131,072 buckets, full at 6.5 × 2^17 = 851,968 entries',
      ': 14.4 just before it grows',
      '28.8 once it has grown to B = 18',
      'the key and elem take 9 bytes (8 + 1)',
    ],
    link: ['int64', 'int8', 0],
  },
  {
    // 386: keys align to 4 (RegSize), so 8 + 64 + 8 + overflow uintptr 4 = 84 bytes.
    what: 'the same map type on 386',
    snippet: 'counts map[int64]int8',
    offset: 8,
    kind: 'mapType',
    contains: ['map[int64]int8: 84 bytes', 'overflow uintptr  // offset 80, 4 bytes', 'on 386'],
    opts: { goarch: '386' },
  },
  {
    // Order{ok bool; id int64; tag byte; created time.Time}: 0, 8, 16, 24..48 → 48 bytes; reordered
    // (created, id, ok, tag) 24 + 8 + 1 + 1 → 34 → 40 bytes: 8 × 8 = 64 bytes less per bucket.
    // Bucket: 8 + 8×16 (string) + 8×48 + 8 = 528 bytes.
    what: 'a map type whose elem struct could be reordered',
    snippet: 'var registry map[string]Order',
    offset: 15,
    kind: 'mapType',
    contains: [
      'map[string]Order: 528 bytes',
      '`Order` has padding: in the order `created`, `id`, `ok`, `tag` it takes 40 bytes instead of 48',
      'and the bucket 464 bytes: 64 bytes less per bucket',
      'the GC scans every bucket',
    ],
    link: ['string', 'struct{ ok bool; id int64; tag byte; created struct{ wall uint64; ext int64; loc *struct{} } }', 0],
  },
  {
    what: 'a named map type used as a parameter type',
    snippet: 'func wipe(ix Index)',
    offset: 14,
    kind: 'mapType',
    contains: ['Index (map[string]int): 208 bytes'],
    link: ['string', 'int', 0],
  },
  {
    // make(map[int64]*Order, 50000): 50,000 ≤ 6.5 × 2^13 = 53,248 → B = 13. Bucket 8 + 64 + 64 + 8
    // = 144 bytes. 8,192 + 512 = 8,704 buckets × 144 = 1,253,376 bytes = 153 pages exactly.
    // hmap 48 + array 1,253,376 + mapextra 24 = 1,253,448 bytes.
    what: 'make with a constant hint',
    snippet: 'make(map[int64]*Order, 50000)',
    kind: 'make',
    contains: [
      'make(map[int64]*Order, 50000) // B = 13, 8,192 buckets + 512 overflow, 1.2 MiB',
      'makemap picks B = 13, the smallest B with 50,000 ≤ 6.5 × 2^B', '2^13 = 8,192 buckets of 144 bytes, plus 2^(B−4) = 512 overflow buckets for collisions',
      '**1,253,448 bytes (1.2 MiB)**',
      'It holds 6.5 × 8,192 = 53,248 entries',
      'inserting the 53,249th doubles it to B = 14, 16,384 buckets',
    ],
    link: ['int64', '*struct{ ok bool; id int64; tag byte; created struct{ wall uint64; ext int64; loc *struct{} } }', 50000],
  },
  {
    // batch = 1 << 10 = 1024: 1024 ≤ 6.5 × 2^8 = 1,664 → B = 8; 256 + 16 = 272 buckets × 88 =
    // 23,936 bytes → size class 24,576 = 279 buckets: 23 preallocated overflow buckets.
    // 48 + 24,576 + 24 = 24,648 bytes.
    what: 'make with a named constant hint, size-class slack filled with overflow buckets',
    snippet: 'make(map[int64]int8, batch)',
    offset: 1,
    kind: 'make',
    contains: [
      'B = 8, 256 buckets + 23 overflow',
      'malloc rounds the 23,936-byte array (272 × 88) up to its size class, 24,576 bytes (24 KiB), and makemap fills the slack with 7 more overflow buckets: 23 in all',
      '**24,648 bytes (24.1 KiB)**',
      'It holds 6.5 × 256 = 1,664 entries',
    ],
    link: ['int64', 'int8', 1024],
  },
  {
    // Without a hint: hmap only (48 bytes). 1,000 entries → B = 8 (6.5 × 256 = 1,664); the
    // arrays for B = 0..8 of 528-byte buckets are allocated on the way.
    what: 'make without a hint: what growing costs',
    snippet: 'byName := make(map[string]Order)',
    offset: 11,
    kind: 'make',
    contains: ['// 48 bytes now, buckets as it grows', '| 1,000 | 8 | 8 |', '| 1,000,000 | 18 | 18 |', 'copies 1,703,931 entries during evacuation (the entries present at each growth: 8 + 13 + 26 + … + 851,968)'],
    link: ['string', 'struct{ ok bool; id int64; tag byte; created struct{ wall uint64; ext int64; loc *struct{} } }', 0],
  },
  {
    what: 'make with a hint known only at run time',
    snippet: 'make(map[string]Order, len(orders))',
    kind: 'make',
    contains: ['hint known at run time', 'The hint is not a constant'],
  },
  {
    // A literal of 3 entries is make(map[string]bool, 3): B = 0, only the hmap (48 bytes).
    what: 'a map composite literal',
    snippet: 'map[string]bool{"a"',
    offset: 3,
    kind: 'make',
    contains: ['// B = 0, no buckets yet, 48 bytes', 'The compiler makes a literal of 3 entries with `make(map[string]bool, 3)`', 'grows to 2 buckets when the 9th entry is inserted'],
    link: ['string', 'bool', 3],
  },
  {
    what: 'delete inside a range loop',
    snippet: 'delete(m, k)\n\t\t}',
    kind: 'delete',
    contains: ['`emptyOne`', '`emptyRest`', 'golang/go#20135', 'rebuilt := make(map[string]Order, len(m))', 'm = rebuilt', 'A map made for 1,000,000 entries (B = 18) keeps its 262,144 buckets and 16,384 preallocated overflow buckets'],
  },
  {
    what: 'range over a map',
    snippet: 'for k, v := range m {',
    kind: 'range',
    contains: ['for k, v := range m // random start', 'random bucket', 'may or may not be visited', 'Deleting during the loop is safe', 'still walks its 2^18 = 262,144 buckets'],
  },
  {
    what: 'range on the `range` keyword of a loop that deletes every key',
    snippet: 'for k := range m {\n\t\tdelete(m, k)',
    offset: 9,
    kind: 'range',
    contains: ['the compiler turns it into one `mapclear` call', '`m = make(map[string]Order)`'],
  },
  {
    what: 'clear on a named map type (go 1.22 in go.mod)',
    snippet: 'clear(ix)',
    kind: 'clear',
    contains: ['clear(ix) // count = 0, buckets kept', '`emptyRest`', 'B and the bucket array stay', '`ix = nil`'],
  },
  {
    what: 'clear with a go.mod older than 1.21',
    snippet: 'clear(ix)',
    kind: 'clear',
    contains: ['is a builtin from Go 1.21; go.mod says `go 1.20`'],
    opts: { goVersion: '1.20' },
  },
  {
    what: 'a package-level map declared with var and never made',
    snippet: 'registry[name] = o',
    kind: 'nilMap',
    contains: ['var registry map[string]Order // nil map', 'returns zero values', '`assignment to entry in nil map`', 'This file writes to it on line', '`registry = make(map[string]Order)`'],
  },
  {
    what: 'sync.Map in a struct field',
    snippet: 'cache  sync.Map',
    offset: 12,
    kind: 'syncMap',
    contains: ['dirty', 'misses reach len(dirty)', 'promoted', '`sync.RWMutex`'],
    link: ['any', '*struct{ p unsafe.Pointer }', 0],
  },
  {
    what: 'a map written in a goroutine (captured)',
    snippet: 's.counts[id]++',
    offset: 3,
    kind: 'goroutineWrite',
    contains: ['`fatal error: concurrent map writes`', 'recover cannot catch it', '`go test -race`'],
  },
  {
    what: 'a map written in a goroutine under a lock',
    snippet: 'local[1] = 2',
    kind: 'goroutineWrite',
    contains: ['`s.mu.Lock()` is held here'],
  },
  {
    what: 'delete in a goroutine that received the map as a parameter',
    snippet: 'delete(own, 1)',
    kind: 'delete',
    contains: ['`own` is passed in by the `go` statement', 'concurrent map writes'],
  },
];

describe('hover: one construct per row (test/fixtures/hover/sample.go)', () => {
  for (const row of rows) {
    it(row.what, async () => {
      const r = await hover(sample, at(sample, row.snippet, row.offset ?? 0), { ...amd64, ...row.opts });
      assert.ok(r, 'no hover');
      assert.strictEqual(r.kind, row.kind, r.markdown);
      for (const s of row.contains) assert.ok(r.markdown.includes(s), `missing ${JSON.stringify(s)} in:\n${r.markdown}`);
      assert.ok(r.markdown.startsWith('```go\n'), 'a code block first');
      assert.ok(!r.markdown.includes('Swiss tables'), 'go 1.22: no Swiss-table note');
      const args = linkArgs(r.markdown);
      if (row.link) assert.deepStrictEqual(args, row.link);
      if (args) assert.ok(r.markdown.trimEnd().endsWith('")'), 'the link comes last');
    });
  }

  it('says nothing where there is no map construct', async () => {
    for (const [snippet, offset] of [['id      int64', 1], ['func fill(', 6], ['package orders', 3], ['o.tag', 2]] as const) {
      assert.strictEqual(await hover(sample, at(sample, snippet, offset), amd64), undefined, snippet);
    }
  });

  it('covers the construct it explains with its range', async () => {
    const r = await hover(sample, at(sample, 'clear(ix)', 2), amd64);
    assert.deepStrictEqual(r?.range, { start: at(sample, 'clear(ix)'), end: at(sample, 'clear(ix)', 9) });
  });

  it('positions outside the file give no hover', async () => {
    assert.strictEqual(await hover(sample, { line: 10_000, character: 0 }, amd64), undefined);
    assert.strictEqual(await hover(sample, { line: 0, character: 10_000 }, amd64), undefined);
  });
});

describe('hover: edge cases (test/fixtures/hover/edge/edge.go)', () => {
  const edge = fs.readFileSync(path.join(fixtures, 'edge', 'edge.go'), 'utf8');
  const cases: Array<[string, string, number, HoverResult['kind'] | undefined, string[]]> = [
    ['a local var map written without make', 'local["x"] = 1', 1, 'nilMap', ['var local map[string]int // nil map: never made\n', 'never assigned, so it is a nil map']],
    ['a map made inside the goroutine is its own', 'own[1] = 2', 1, undefined, []],
    [
      'a type from another package: no layout, but B from the hint',
      'make(map[string]pkg.Thing, 100)',
      7,
      'unresolvedMapType',
      ['No layout: undefined: pkg.Thing.', 'makemap picks B = 4 for a hint of 100 (the smallest B with 100 ≤ 6.5 × 2^B): 16 buckets plus at least 2^(B−4) = 1 preallocated overflow bucket', '105th entry'],
    ],
    ['a generic function', 'm map[K]V', 3, 'unresolvedMapType', ['`K` is a type parameter']],
    ['a generic type', 'map[T]struct{}', 1, 'unresolvedMapType', ['`T` is a type parameter']],
  ];
  for (const [what, snippet, offset, kind, contains] of cases) {
    it(what, async () => {
      const r = await hover(edge, at(edge, snippet, offset), amd64);
      assert.strictEqual(r?.kind, kind, r?.markdown);
      for (const s of contains) assert.ok(r?.markdown.includes(s), `missing ${JSON.stringify(s)} in:\n${r?.markdown}`);
    });
  }
});

describe('hover: Go version from go.mod', () => {
  const swissDir = path.join(fixtures, 'swiss');
  const src = fs.readFileSync(path.join(swissDir, 'main.go'), 'utf8');
  const swissMod = parseGoMod(fs.readFileSync(path.join(swissDir, 'go.mod'), 'utf8'));

  it('a toolchain line of go1.24 or later makes every hover describe Swiss tables, and say why', async () => {
    assert.deepStrictEqual(swissMod, { go: '1.23', toolchain: '1.24.2' });
    for (const snippet of ['make(map[int64]int8, 1000)', 'clear(m)']) {
      const r = await hover(src, at(src, snippet, 1), { goarch: 'amd64', goVersion: swissMod.go, toolchain: swissMod.toolchain });
      assert.ok(r);
      // The runtime line follows the code block.
      assert.ok(r.markdown.indexOf('**swiss · Go 1.24 (go.mod: toolchain go1.24.2)**') > r.markdown.indexOf('```\n'), r.markdown);
      assert.doesNotMatch(r.markdown, /bucket/);
    }
  });

  it('a go line of 1.24 does too; sync.Map mentions the hash-trie', async () => {
    const r = await hover(sample, at(sample, 'cache  sync.Map', 12), { goarch: 'amd64', goVersion: '1.24' });
    assert.ok(r?.markdown.includes('(go.mod: go 1.24)'));
    assert.ok(r?.markdown.includes('concurrent hash-trie'));
  });
});

describe('hover: make numbers by hand', () => {
  const cases: Array<[string, string, number, string[]]> = [
    // map[int64]int8, hint 8 on amd64: B = 0 (8 ≤ 8), makemap_small: 48-byte hmap; first insert: one
    // 88-byte bucket, size class 96: 144 bytes in all.
    ['map[int64]int8', 'amd64', 8, ['B = 0, no buckets yet, 48 bytes', 'one 88-byte bucket for 8 entries (144 bytes in all)', '9th entry']],
    // hint 9: B = 1 (9 > 8 and 9 ≤ 13): 2 × 88 = 176 bytes → class 176. 48 + 176 = 224 bytes.
    ['map[int64]int8', 'amd64', 9, ['B = 1, 2 buckets, 224 bytes', '**224 bytes**', 'It holds 6.5 × 2 = 13 entries', 'inserting the 14th']],
    // 386: hmap 28 → class 32; bucket 84; hint 100: 100 ≤ 6.5 × 16 = 104 → B = 4; 16 + 1 = 17
    // buckets × 84 = 1,428 → class 1,536 = 18 buckets (2 overflow); mapextra 12 → 16. 32 + 1,536 + 16 = 1,584.
    ['map[int64]int8', '386', 100, ['B = 4, 16 buckets + 2 overflow', '**1,584 bytes**', '32-byte hmap', '16-byte mapextra']],
  ];
  for (const [type, arch, hint, want] of cases) {
    it(`make(${type}, ${hint}) on ${arch}`, async () => {
      const src = `package p\n\nfunc f() {\n\t_ = make(${type}, ${hint})\n}\n`;
      const r = await hover(src, at(src, 'make('), { goarch: arch as HoverOptions['goarch'] });
      assert.ok(r);
      for (const s of want) assert.ok(r.markdown.includes(s), `missing ${JSON.stringify(s)} in:\n${r.markdown}`);
    });
  }
});

describe('hover: trust', () => {
  it('the only command link is goMapInspector.newMap', async () => {
    for (const row of rows) {
      const r = await hover(sample, at(sample, row.snippet, row.offset ?? 0), amd64);
      const commands = [...(r?.markdown ?? '').matchAll(/command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(commands.every((c) => c === 'goMapInspector.newMap'), commands.join());
    }
  });

  it('the VS Code provider trusts only that command', () => {
    const provider = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'extension', 'hover.ts'), 'utf8');
    assert.match(provider, /isTrusted = \{ enabledCommands: \[CommandId\.NewMap\] \}/);
    assert.doesNotMatch(provider, /isTrusted\s*=\s*true/);
  });
});
