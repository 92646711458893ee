/**
 * src/core/types: parsing type expressions and declarations with tree-sitter, error positions,
 * typeString, comparable and the maptype key predicates, and gc's sizes per GOARCH. Values are
 * worked out by hand in the comments from gc's rules (cmd/compile/internal/types/size.go); the
 * same types on amd64 and 386 are also checked against the real runtime in layout.fixtures.test.ts.
 */
import * as assert from 'assert';
import { loadGoParser } from '../../src/core/go/parser';
import { GoArch } from '../../src/core/maptype';
import {
  GoType,
  GoTypeError,
  comparable,
  hashMightPanic,
  isReflexive,
  layoutOf,
  needkeyupdate,
  parseTypeExpr,
  scopeFromSource,
  scopeFromTree,
  structLayout,
  typeFromNode,
  typeString,
  underlying,
} from '../../src/core/types';

async function errorOf(p: Promise<unknown>): Promise<GoTypeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GoTypeError) return e;
    throw e;
  }
  assert.fail('expected a GoTypeError');
}

describe('types: parsing type expressions', () => {
  it('prints what it parses, in gofmt spacing, keeping byte, rune and any', async () => {
    const cases: Array<[string, string]> = [
      ['map[string][]int', 'map[string][]int'],
      ['map[ [16]byte ] *  rune', 'map[[16]byte]*rune'],
      ['struct{a, b int8; _ [0]int64; *T2}', 'struct{ a int8; b int8; _ [0]int64; *T2 }'],
      ['interface{}', 'interface{}'],
      ['any', 'any'],
      ['error', 'error'],
      ['<-chan  int', '<-chan int'],
      ['chan<- string', 'chan<- string'],
      ['chan (<-chan int)', 'chan (<-chan int)'],
      ['func(a, b int) (string,  error)', 'func(a, b int) (string, error)'],
      ['interface{ M(x int) bool; error }', 'interface{ M(x int) bool; error }'],
      ['[1<<4 + 0x10]uint8', '[32]uint8'],
      ['(unsafe.Pointer)', 'unsafe.Pointer'],
    ];
    const scope = await scopeFromSource('package p\ntype T2 int\n');
    for (const [expr, want] of cases) assert.strictEqual(typeString(await parseTypeExpr(expr, scope)), want, expr);
  });

  it('reports syntax and type errors at the 1-based column within the expression', async () => {
    // Columns count from the first character of what the user typed: in `map[[]int]int` the key
    // `[]int` starts at column 5.
    const cases: Array<[string, number, RegExp]> = [
      ['map[[]int]int', 5, /invalid map key type \[\]int: slices are not comparable/],
      ['map[string]map[func()]int', 16, /invalid map key type func\(\): funcs are not comparable/],
      ['map[struct{ a int; m map[int]int }]bool', 5, /struct field m has type map\[int\]int/],
      ['map[[2][]byte]int', 5, /array element has type \[\]byte/],
      ['map[string]Foo', 12, /^undefined: Foo$/],
      ['[N]int', 2, /undefined: N/],
      ['[-1]int', 2, /invalid array length -1: must not be negative/],
      ['[2.5]int', 2, /truncated to integer/],
      ['[...]int', 2, /unexpected \.\.\./], // tree-sitter takes [...]T only in composite literals
      ['map[int]', 9, /unexpected end of type expression/], // one past the last character
      ['map[int]int)', 12, /unexpected \)/],
      ['[]int{}', 6, /unexpected \{\} after type/],
      ['map[]int', 5, /missing type/],
      ['comparable', 1, /comparable is a type constraint/],
      ['interface{ ~int | string }', 12, /type constraints/],
      ['List[int]', 1, /generic type List\[int\] is not supported/],
      ['  ', 1, /empty type expression/],
    ];
    for (const [expr, column, message] of cases) {
      const e = await errorOf(parseTypeExpr(expr));
      assert.strictEqual(e.file, undefined, expr);
      assert.strictEqual(e.line, 1, expr);
      assert.strictEqual(e.column, column, `${expr}: ${e.message}`);
      assert.match(e.message, message, expr);
      assert.strictEqual(e.describe(), `${column}: ${e.message}`);
    }
  });

  it('exposes typeFromNode for trees parsed elsewhere (the literal evaluator and hovers)', async () => {
    const parser = await loadGoParser();
    const src = 'package p\ntype Pt struct{ X, Y int32 }\nvar m map[Pt][]string\n';
    const tree = parser.parse(src)!;
    const scope = scopeFromTree(tree.rootNode);
    const varType = tree.rootNode.descendantsOfType('var_spec')[0]!.childForFieldName('type')!;
    const t = typeFromNode(varType, scope);
    assert.strictEqual(typeString(t), 'map[Pt][]string');
    const u = underlying(t);
    assert.ok(u.kind === 'map' && u.key.kind === 'named' && u.key.name === 'Pt');
    tree.delete();
  });
});

describe('types: declarations from a Go file', () => {
  const source = [
    'package shop', //                                           1
    'const (', //                                                2
    '  Small = iota + 1', //                                     3   1
    '  Medium', //                                               4   2
    '  Large', //                                                5   3
    ')', //                                                      6
    'const Slots = Large * 4', //                                7   12
    'type Order struct { id ID; items [Slots]Item; next *Order }', // 8  recursive through a pointer
    'type Item struct { sku [16]byte; qty uint16 }', //          9
    'type ID uint64', //                                         10
    'type Ref = *Order', //                                      11  an alias, not a new type
    'type Code Name', //                                         12  underlying of Name, declared later
    'type Name string', //                                       13
    'type Loop struct { again Loop }', //                        14  invalid recursive type
    'type Index map[Key]int', //                                 15  Key is declared later
    'type Key []string', //                                      16  ... and is not comparable
    'type Holder struct { x Missing }', //                       17
    'type Gen[T any] struct{ v T }', //                          18
    'func f() {}',
  ].join('\n');

  it('resolves in any order: recursive types, aliases, consts with iota, `type T U`', async () => {
    const scope = await scopeFromSource(source, { file: 'shop.go' });
    const order = await parseTypeExpr('Order', scope);
    const u = underlying(order);
    assert.strictEqual(u.kind, 'struct');
    if (u.kind !== 'struct') return;
    // items is [Slots]Item with Slots = Large*4 = 3*4 = 12.
    assert.strictEqual(typeString(u.fields[1].type), '[12]Item');
    // next is *Order: the same object, a cycle, not a copy.
    const next = u.fields[2].type;
    assert.ok(next.kind === 'pointer' && next.elem === order);
    // Ref is an alias: it denotes *Order itself.
    assert.strictEqual(typeString(await parseTypeExpr('Ref', scope)), '*Order');
    // Code's underlying type is Name's, string.
    assert.deepStrictEqual(underlying(await parseTypeExpr('Code', scope)), { kind: 'basic', name: 'string' });
    // Order on amd64: id 8 | items 12 * 18 (sku 16 + qty 2, align 2) = 216 at 8 | next at 224 = 232.
    assert.deepStrictEqual(layoutOf(order, 'amd64'), { size: 232, align: 8, ptrdata: 232 });
    // On 386: id 8 (align 4) | items 216 at 8 | next 4 at 224 = 228.
    assert.deepStrictEqual(layoutOf(order, '386'), { size: 228, align: 4, ptrdata: 228 });
    assert.deepStrictEqual(scope.typeNames().slice(0, 4), ['Order', 'Item', 'ID', 'Ref']);
  });

  it('keeps broken declarations out of the way and reports them, with file positions, where used', async () => {
    const scope = await scopeFromSource(source, { file: 'shop.go' });
    const cases: Array<[string, string]> = [
      ['Loop', 'shop.go:14:6: invalid recursive type Loop'],
      ['map[string]Loop', 'shop.go:14:6: invalid recursive type Loop'],
      ['Index', 'shop.go:15:16: invalid map key type Key: slices are not comparable'], // after 'type Index map['
      ['Holder', 'shop.go:17:24: undefined: Missing'], // 'type Holder struct { x ' is 23 characters
      ['Gen', 'shop.go:18:6: generic type Gen is not supported (instantiate it by hand)'],
    ];
    for (const [expr, want] of cases) assert.strictEqual((await errorOf(parseTypeExpr(expr, scope))).describe(), want);
    // The expression's own mistakes keep expression columns even with a file scope.
    assert.strictEqual((await errorOf(parseTypeExpr('map[Key]ID', scope))).describe(), '5: invalid map key type Key: slices are not comparable');
  });

  it('builds local scopes inside an outer one', async () => {
    const parser = await loadGoParser();
    const tree = parser.parse('package p\ntype A int8\nfunc f() {\n  type B struct{ a A; b int64 }\n}\n')!;
    const file = scopeFromTree(tree.rootNode);
    const body = tree.rootNode.descendantsOfType('block')[0]!;
    const local = scopeFromTree(body, { parent: file });
    assert.ok(file.lookupType('B') === undefined);
    assert.deepStrictEqual(layoutOf(local.lookupType('B')!.get(), 'amd64'), { size: 16, align: 8, ptrdata: 0 });
    tree.delete();
  });
});

describe('types: sizes, alignments and ptrdata as gc computes them', () => {
  // gc's size.go depends on the target only through PtrSize and RegSize (cmd/internal/sys/arch.go):
  // amd64 and arm64 are (8, 8), 386 and arm are (4, 4). Each row: [type, 64-bit, 32-bit] with
  // [size, align, ptrdata].
  type L = [number, number, number];
  const table: Array<[string, L, L]> = [
    ['bool', [1, 1, 0], [1, 1, 0]],
    ['int', [8, 8, 0], [4, 4, 0]],
    ['uintptr', [8, 8, 0], [4, 4, 0]],
    ['int16', [2, 2, 0], [2, 2, 0]],
    ['float32', [4, 4, 0], [4, 4, 0]],
    ['int64', [8, 8, 0], [8, 4, 0]], // 64-bit values align to RegSize: 4 on 386 and arm
    ['float64', [8, 8, 0], [8, 4, 0]],
    ['complex64', [8, 4, 0], [8, 4, 0]], // two float32s: align 4 everywhere
    ['complex128', [16, 8, 0], [16, 4, 0]],
    ['string', [16, 8, 8], [8, 4, 4]], // {ptr, len}: only the first word is a pointer
    ['[]int', [24, 8, 8], [12, 4, 4]], // {ptr, len, cap}
    ['interface{}', [16, 8, 16], [8, 4, 8]], // {type, data}: both words count as pointers
    ['error', [16, 8, 16], [8, 4, 8]],
    ['*int', [8, 8, 8], [4, 4, 4]],
    ['map[int]int', [8, 8, 8], [4, 4, 4]],
    ['chan int', [8, 8, 8], [4, 4, 4]],
    ['func()', [8, 8, 8], [4, 4, 4]],
    ['unsafe.Pointer', [8, 8, 8], [4, 4, 4]],
    ['[0]int64', [0, 8, 0], [0, 4, 0]], // no bytes, but the element's alignment
    ['[0]*int', [0, 8, 0], [0, 4, 0]], // and no pointers
    ['[3]string', [48, 8, 40], [24, 4, 20]], // ptrdata ends at the last element's pointer: 2*16+8
    ['struct{}', [0, 1, 0], [0, 1, 0]],
    // a int8 | pad 7 (3) | b int64 | c int8 | pad 7 (3)
    ['struct{ a int8; b int64; c int8 }', [24, 8, 0], [16, 4, 0]],
    ['struct{ b int64; a int8; c int8 }', [16, 8, 0], [12, 4, 0]],
    // n int64 | end struct{} at 8: nonzero size ending in a zero-size field: one more byte, rounded.
    ['struct{ n int64; end struct{} }', [16, 8, 0], [12, 4, 0]],
    ['struct{ a int8; _ struct{} }', [2, 1, 0], [2, 1, 0]],
    // A zero-size first field adds no byte but brings its alignment.
    ['struct{ z [0]int64; b byte }', [8, 8, 0], [4, 4, 0]],
    // Blank fields take space: a 4 | _ 4 | b 1 | _ [3]byte 3.
    ['struct{ a int32; _ int32; b int8; _ [3]byte }', [12, 4, 0], [12, 4, 0]],
    // ptrdata stops after the last pointer: p first, then 20 words of data.
    ['struct{ p *int; data [20]int64 }', [168, 8, 8], [164, 4, 4]],
    ['struct{ data [100]int64; p *int }', [808, 8, 808], [804, 4, 804]],
    // complex64 at 0 | complex128 at 8 | int8 at 24 | pad.
    ['struct{ a complex64; b complex128; c int8 }', [32, 8, 0], [28, 4, 0]],
  ];
  for (const [expr, l64, l32] of table) {
    it(expr, async () => {
      const t = await parseTypeExpr(expr);
      const want: Record<GoArch, L> = { amd64: l64, arm64: l64, '386': l32, arm: l32 };
      for (const arch of Object.keys(want) as GoArch[]) {
        const l = layoutOf(t, arch);
        assert.deepStrictEqual([l.size, l.align, l.ptrdata], want[arch], `${expr} on ${arch}`);
      }
    });
  }

  it('structLayout shows offsets, padding and the zero-size final byte', async () => {
    const t = await parseTypeExpr('struct{ a int8; b int64; c int8; z [0]int32 }');
    const s = structLayout(t, '386');
    // 386: a 0 | pad 3 | b 4..12 | c 12 | z at 16 (align 4, pad 3) | +1 byte = 17 | round 4 = 20.
    assert.deepStrictEqual(
      s.fields.map((f) => [f.name, f.offset, f.paddingBefore]),
      [['a', 0, 0], ['b', 4, 3], ['c', 12, 0], ['z', 16, 3]],
    );
    assert.strictEqual(s.size, 20);
    assert.strictEqual(s.zeroSizeFinalByte, true);
    assert.strictEqual(s.trailingPadding, 4);
    assert.strictEqual(s.padding, 10); // 3 + 3 + 4
  });

  it('refuses types too large for a 32-bit target', async () => {
    const t = await parseTypeExpr('[1 << 31]byte');
    assert.strictEqual(layoutOf(t, 'amd64').size, 2 ** 31);
    // go build with GOARCH=386 (Go 1.19): types2 refuses a length that is not a 32-bit int, at the
    // length (more cases in type-limits.test.ts).
    assert.throws(() => layoutOf(t, '386'), (e: GoTypeError) => /^2: array length 1 << 31 \(untyped int constant 2147483648\) must be integer$/.test(e.describe()));
    assert.throws(() => layoutOf(t, '386'), /^TypeTooLargeError: array length 1 << 31 \(untyped int constant 2147483648\) must be integer$/);
  });
});

describe('types: comparable and the maptype key predicates', () => {
  it('comparable says why not', async () => {
    const c = comparable(await parseTypeExpr('struct{ a int; inner struct{ f func() } }'));
    assert.ok(!c.ok);
    assert.strictEqual(c.reason, 'struct field inner.f has type func(), which is not comparable (funcs are not)');
    assert.deepStrictEqual(c.offender, { kind: 'func', signature: '()' });
    for (const ok of ['*int', 'chan int', 'interface{}', '[0]int', 'struct{}', '[2]error']) {
      assert.deepStrictEqual(comparable(await parseTypeExpr(ok)), { ok: true }, ok);
    }
  });

  it('isReflexive, needkeyupdate, hashMightPanic follow reflectdata', async () => {
    // [type, reflexivekey, needkeyupdate, hashMightPanic]
    const table: Array<[string, boolean, boolean, boolean]> = [
      ['int64', true, false, false],
      ['string', true, true, false], // an overwrite stores the new string (it may have a smaller backing store)
      ['float64', false, true, false], // NaN != NaN; +0 and -0 are equal keys but print differently
      ['complex64', false, true, false],
      ['*int', true, false, false],
      ['chan int', true, false, false],
      ['interface{}', false, true, true], // may hold a float, or an unhashable slice (panics)
      ['[2]float32', false, true, false],
      ['[0]float64', false, true, false], // decided by the element type, even with no elements
      ['struct{ a int; s string }', true, true, false],
      ['struct{ a int; e error }', false, true, true],
      ['[4]byte', true, false, false],
    ];
    for (const [expr, refl, upd, panics] of table) {
      const t: GoType = await parseTypeExpr(expr);
      assert.deepStrictEqual([isReflexive(t), needkeyupdate(t), hashMightPanic(t)], [refl, upd, panics], expr);
    }
  });
});
