/**
 * Types larger than the target's address space (issue 13): gc's words at gc's position, wherever
 * a type is laid out (the literal evaluator, `gomap layout --types`, the hover).
 *
 * Every expected line is what `go build` printed for the same file (a `package main` with the
 * declarations and `func main() {}`), with Go 1.19 (/usr/lib/go-1.19/bin/go) and Go 1.26.8, for
 * GOARCH=amd64 and GOARCH=386. The two agree on `larger than address space` and `too large`, at the
 * type's name or the var's; they differ where noted:
 * - a length that is not an int (above 2^63 - 1, or 2^31 - 1 on 386) is types2's: 1.19 says
 *   `array length 1 << 62 (untyped int constant 4611686018427387904) must be integer`, 1.26
 *   `invalid array length 1 << 62 (untyped int constant 4611686018427387904)`. We print 1.19's,
 *   as for every other types2 message of the literal evaluator.
 * - inside a function, 1.19 reports at the literal's `{`, 1.26 at the last name its noder saw
 *   (`m` of `m := ...`, or the function's name): we follow 1.19.
 * - a struct whose fields end beyond MaxWidth crashes both (`internal compiler error: bad type:
 *   struct { a [562949953421312]byte; ... }`): we print the `type ... too large` gc meant to.
 */
import * as assert from 'assert';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { evaluateMapLiteral } from '../../src/core/literal/evaluate';
import { hoverMarkdown } from '../../src/core/hover';
import { GoArch } from '../../src/core/maptype';
import { layoutOf, parseTypeExpr, scopeFromSource, TypeTooLargeError } from '../../src/core/types';

async function literalErrors(src: string, goarch: GoArch = 'amd64'): Promise<string[]> {
  const r = await evaluateMapLiteral(src, { goarch });
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

const file = (decls: string, lit = 'map[int]T{}') => `package main\n\n${decls}\n\nvar m = ${lit}\n\nfunc main() {}\n`;

describe('types larger than the address space, as gc refuses them', () => {
  // [decls, the literal, amd64 answer, 386 answer] ('' = builds).
  const cases: Array<[string, string, string, string]> = [
    ['type T [1<<62]byte', 'map[T]int{}',
      '3:6: type [4611686018427387904]byte larger than address space',
      '3:9: array length 1 << 62 (untyped int constant 4611686018427387904) must be integer'],
    ['type T [1<<63]byte', 'map[T]int{}',
      '3:9: array length 1 << 63 (untyped int constant 9223372036854775808) must be integer',
      '3:9: array length 1 << 63 (untyped int constant 9223372036854775808) must be integer'],
    // 2^30 int64s are 8 GiB: fine on amd64, beyond 386's 4 GiB.
    ['type T [1<<30]int64', 'map[int]T{}', '', '3:6: type [1073741824]int64 larger than address space'],
    // 2^32 - 2 bytes fit MaxWidth (2^32 - 1) but not 386's 31-bit reflect sizes.
    ['type T [1<<31-1]int16', 'map[int]T{}', '', '3:6: type [2147483647]int16 too large'],
    ['type P struct{ x int }\ntype T [1<<60]P', 'map[int]T{}',
      '4:6: type [1152921504606846976]P larger than address space',
      '4:9: array length 1 << 60 (untyped int constant 1152921504606846976) must be integer'],
    ['type R [1<<60]struct{ a, b int }', 'map[R]int{}',
      '3:6: type [1152921504606846976]struct { a int; b int } larger than address space',
      '3:9: array length 1 << 60 (untyped int constant 1152921504606846976) must be integer'],
    ['type T [1<<20][1<<40]byte', 'map[int]T{}',
      '3:6: type [1048576][1099511627776]byte larger than address space',
      '3:16: array length 1 << 40 (untyped int constant 1099511627776) must be integer'],
    // A zero-size element takes no space however many there are.
    ['type Z [1<<62]struct{}', 'map[Z]int{}', '', '3:9: array length 1 << 62 (untyped int constant 4611686018427387904) must be integer'],
    // Inline in the literal: at the var's name.
    ['', 'map[int][1<<30]int64{}', '', '5:5: type [1073741824]int64 larger than address space'],
    ['', 'map[[1 << 62]byte]int{}', '5:5: type [4611686018427387904]byte larger than address space',
      '5:14: array length 1 << 62 (untyped int constant 4611686018427387904) must be integer'],
    ['type S struct{ a [1<<49]byte; b [1<<49]byte; c [1<<49]byte }', 'map[int]S{}',
      '3:6: type struct { a [562949953421312]byte; b [562949953421312]byte; c [562949953421312]byte } too large',
      '3:19: array length 1 << 49 (untyped int constant 562949953421312) must be integer'],
    ['type S struct{ a [1<<30]byte; b [1<<30]byte }', 'map[int]S{}', '', '3:6: type struct { a [1073741824]byte; b [1073741824]byte } too large'],
  ];
  for (const [decls, lit, amd64, i386] of cases) {
    it(`${decls || lit} on amd64 and 386`, async () => {
      assert.deepStrictEqual(await literalErrors(file(decls, lit), 'amd64'), amd64 ? [amd64] : []);
      assert.deepStrictEqual(await literalErrors(file(decls, lit), '386'), i386 ? [i386] : []);
    });
  }

  it('inside a function, at the literal\'s { (Go 1.19)', async () => {
    const src = 'package main\n\nfunc main() {\n\tm := map[int][1<<62]byte{}\n\t_ = m\n}\n';
    assert.deepStrictEqual(await literalErrors(src), ['4:26: type [4611686018427387904]byte larger than address space']);
  });

  it('layoutOf places the error at the innermost named type being sized', async () => {
    const scope = await scopeFromSource('package p\n\ntype T [1<<62]byte\ntype U struct{ t T }\n', { file: 'p.go' });
    const u = await parseTypeExpr('[2]U', scope);
    assert.throws(() => layoutOf(u, 'amd64'), (e: unknown) => {
      assert.ok(e instanceof TypeTooLargeError);
      assert.strictEqual(e.describe(), 'p.go:3:6: type [4611686018427387904]byte larger than address space');
      return true;
    });
    // Without a declaration (a type expression), the error has no place of its own.
    const inline = await parseTypeExpr('[1 << 40][1 << 20]int64');
    assert.throws(() => layoutOf(inline, 'amd64'), /^TypeTooLargeError: type \[1099511627776\]\[1048576\]int64 larger than address space$/);
    // (1<<50 - 1) / 8 int64s is the most amd64 takes: gc builds it.
    assert.strictEqual(layoutOf(await parseTypeExpr('[(1<<50 - 1) / 8]int64'), 'amd64').size, 2 ** 50 - 8);
  });

  it('gomap layout --types names the file and the declaration', async () => {
    const stderr: string[] = [];
    const io: CliIO = { out: () => undefined, err: (s) => stderr.push(s), readFile: () => 'package p\n\ntype P struct{ x int }\ntype T [1<<60]P\n' };
    assert.strictEqual(await run(['layout', 'map[int]T', '--types', 't.go'], io), 2);
    assert.deepStrictEqual(stderr, ['gomap layout: t.go:4:6: type [1152921504606846976]P larger than address space']);
    stderr.length = 0;
    assert.strictEqual(await run(['layout', 'map[int]T', '--types', 't.go', '--arch', '386'], io), 2);
    assert.deepStrictEqual(stderr, ['gomap layout: t.go:4:9: array length 1 << 60 (untyped int constant 1152921504606846976) must be integer']);
  });

  it('the hover says it instead of a layout', async () => {
    const src = 'package main\n\ntype T [1<<62]byte\n\nvar m map[T]int\n';
    const md = await hoverMarkdown(src, { line: 4, character: 7 }, { goarch: 'amd64' });
    assert.match(md ?? '', /No layout: type \\\[4611686018427387904\\\]byte larger than address space\./);
  });
});
