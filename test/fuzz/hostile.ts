/**
 * Hostile inputs for the `gomap` CLI, by class (issue 13): each case is files to write and the
 * command line to run on them, with what Go itself answers where that is known (the compiler's
 * message, the runtime's panic, the number of entries). The fuzz tier (`cli.fuzz.test.ts`) runs
 * every case on the built CLI under a time and memory limit and asserts exit 0 or 2, one line on
 * stderr for a refusal, never an internal error, and the expectation when there is one.
 *
 * Besides the fixed cases, `mutants(seed)` derives inputs from valid ones by seeded byte edits
 * (deletions, duplications, inserted hostile bytes), so every run also tries inputs nobody wrote.
 */

export interface HostileCase {
  name: string;
  /** The class of issue 13 it belongs to. */
  klass: 'answer' | 'bounded' | 'security' | 'mutant';
  /** Files to create in the case's directory (name -> content). */
  files: Record<string, string | Buffer>;
  /** The command line, with `$D` standing for the case's directory. */
  args: string[];
  /** Exit status Go's answer implies (0: the CLI answers; 2: one positioned line). */
  code?: 0 | 2;
  /** A pattern stdout (code 0) or the stderr line (code 2) must match. */
  match?: RegExp;
  /** Further checks of stdout (throws an AssertionError). */
  check?: (stdout: string) => void;
  /** A bug found by this case and reported to the code's owner: the case is listed as pending until fixed. */
  knownBug?: string;
}

const goFile = (decls: string, lit: string) => `package main\n\n${decls}\nvar m = ${lit}\n\nfunc main() {}\n`;

/** A trace (`gomap replay`). */
function trace(key: string, elem: string, ops: unknown[], hint = 0): string {
  return JSON.stringify({ key, elem, hint, ops });
}

/** `hint` for which makemap picks B: the largest hint that still fits 2^B buckets (6.5 per bucket). */
function hintForB(B: number): number {
  return Math.floor(6.5 * 2 ** B);
}

function repeat(s: string, n: number): string {
  return s.repeat(n);
}

/** Class 1: the answer Go gives. */
function answers(): HostileCase[] {
  const lit = (name: string, decls: string, literal: string, code: 0 | 2, match?: RegExp, json = true): HostileCase => ({
    name, klass: 'answer', files: { 'm.go': goFile(decls, literal) }, args: ['literal', '$D/m.go', ...(json ? ['--json'] : [])], code, match,
  });
  const cases: HostileCase[] = [
    // Go 1.19 and 1.26: len(m) == 4 (go run).
    lit('any-keys-keep-dynamic-types', '', 'map[any]int{1: 1, int64(1): 2, int8(1): 3, 1.0: 4}', 0,
      /"\$type":"int".*"\$type":"int64".*"\$type":"int8".*"\$type":"float64"/),
    lit('any-keys-formatted-with-types', '', 'map[any]int{1: 1, int64(1): 2, uint(1): 3, 1.0: 4}', 0, /int64\(1\): 2[\s\S]*uint\(1\): 3[\s\S]*float64\(1\): 4/, false),
    // go run: panic: runtime error: hash of unhashable type []int
    lit('unhashable-slice-key', '', 'map[any]int{[]int{1}: 1}', 2, /:4:21: panic: runtime error: hash of unhashable type \[\]int$/),
    lit('unhashable-map-in-struct-field', '', 'map[struct{ A any }]int{{A: map[int]int{}}: 1}', 2, /hash of unhashable type map\[int\]int$/),
    lit('unhashable-named-struct', 'type S struct{ A []int }\n', 'map[any]int{1: 1, S{}: 2}', 2, /hash of unhashable type main\.S$/),
    lit('unhashable-in-array-of-any', '', 'map[any]int{[1]any{[]string{}}: 1}', 2, /hash of unhashable type \[\]string$/),
    // go build (Go 1.19): the compiler's messages at these positions.
    lit('recursive-interface', 'type I interface{ I }\n', 'map[I]int{}', 2, /:3:6: invalid recursive type I$/),
    lit('recursive-interface-cycle', 'type I interface{ J; M() }\ntype J interface{ K }\ntype K interface{ J }\n', 'map[int]I{}', 2, /:4:6: invalid recursive type J$/),
    lit('array-larger-than-address-space', '', 'map[[1 << 62]byte]int{}', 2, /:4:5: type \[4611686018427387904\]byte larger than address space$/),
    lit('nested-array-too-large', '', 'map[int][1 << 40][1 << 20]int64{}', 2, /:4:5: type \[1099511627776\]\[1048576\]int64 larger than address space$/),
    // go build, Go 1.19 and 1.26 (amd64): at the declared type's name.
    lit('named-array-too-large', 'type T [1<<62]byte\n', 'map[T]int{}', 2, /:3:6: type \[4611686018427387904\]byte larger than address space$/),
    lit('array-of-named-too-large', 'type P struct{ x, y int }\ntype T [1<<60]P\n', 'map[int]T{}', 2, /:4:6: type \[1152921504606846976\]P larger than address space$/),
    lit('array-length-not-an-int', 'type T [1<<63]byte\n', 'map[T]int{}', 2, /:3:9: array length 1 << 63 \(untyped int constant 9223372036854775808\) must be integer$/),
    // Go builds it (1 entry); its key has 2^62 elements to show: declined in one line.
    lit('zero-size-elements-fit', 'type Z [1<<62]struct{}\n', 'map[Z]int{{}: 1}', 2, /:5:19: cannot evaluate: \{\} \(too large to show\)$/),
    lit('zero-size-elements-empty-map', 'type Z [1<<62]struct{}\n', 'map[Z]int{}', 0, /"entries":\[\]/),
  ];
  // GOARCH=386 (go build, Go 1.19): 4 GiB of address space, 31-bit sizes, 32-bit int lengths.
  const on386 = (name: string, decls: string, literal: string, match: RegExp): HostileCase => ({
    name, klass: 'answer', files: { 'm.go': goFile(decls, literal) }, args: ['literal', '$D/m.go', '--arch', '386'], code: 2, match,
  });
  cases.push(
    on386('386-array-too-large', 'type T [1<<30]int64\n', 'map[int]T{}', /:3:6: type \[1073741824\]int64 larger than address space$/),
    on386('386-array-over-31-bits', 'type T [1<<31-1]int16\n', 'map[int]T{}', /:3:6: type \[2147483647\]int16 too large$/),
    on386('386-struct-over-31-bits', 'type S struct{ a, b [1<<30]byte }\n', 'map[int]S{}', /:3:6: type struct \{ a \[1073741824\]byte; b \[1073741824\]byte \} too large$/),
    on386('386-length-not-an-int', 'type T [1<<20][1<<40]byte\n', 'map[int]T{}', /:3:16: array length 1 << 40 \(untyped int constant 1099511627776\) must be integer$/),
    on386('386-inline-array-too-large', '', 'map[[1 << 29]int64]int{}', /:4:5: type \[536870912\]int64 larger than address space$/),
  );
  cases.push({
    name: 'trace-key-too-large', klass: 'answer', files: { 't.json': trace('[1<<62]byte', 'int64', []) },
    args: ['replay', '$D/t.json'], code: 2, match: /t\.json:1:8: key: type "\[1<<62\]byte": type \[4611686018427387904\]byte larger than address space$/,
  }, {
    name: 'trace-elem-too-large-on-386', klass: 'answer', files: { 't.json': trace('int64', '[1<<30]int64', []) },
    args: ['replay', '$D/t.json', '--runtime', 'swiss', '--arch', '386'], code: 2, match: /t\.json:1:23: elem: type "\[1<<30\]int64": type \[1073741824\]int64 larger than address space$/,
  });
  cases.push({
    name: 'layout-types-file-too-large', klass: 'answer', files: { 't.go': 'package p\n\ntype P struct{ x int }\ntype T [1<<60]P\n' },
    args: ['layout', 'map[int]T', '--types', '$D/t.go'], code: 2, match: /t\.go:4:6: type \[1152921504606846976\]P larger than address space$/,
  }, {
    name: 'layout-expression-too-large', klass: 'answer', files: {},
    args: ['layout', 'map[[1 << 40][1 << 20]int64]int', '--runtime', 'swiss'], code: 2, match: /^gomap layout: type \[1099511627776\]\[1048576\]int64 larger than address space$/,
  }, {
    name: 'hover-type-too-large', klass: 'answer', files: { 'm.go': 'package main\n\ntype T [1<<62]byte\n\nvar m map[T]int\n' },
    args: ['hover', '$D/m.go', '--at', '5:7'], code: 0, match: /No layout: type \\\[4611686018427387904\\\]byte larger than address space\./,
  });
  const bytes = (name: string, body: Buffer, match: RegExp): HostileCase => ({
    name, klass: 'answer', files: { 'm.go': Buffer.concat([Buffer.from('package main\n\nvar m = map[string]int{"a'), body, Buffer.from('": 1}\n')]) },
    args: ['literal', '$D/m.go'], code: 2, match,
  });
  cases.push(
    bytes('invalid-utf8-in-string', Buffer.from([0xff]), /:3:26: invalid UTF-8 encoding$/),
    bytes('truncated-utf8-sequence', Buffer.from([0xe2, 0x82]), /:3:26: invalid UTF-8 encoding$/),
    bytes('nul-byte', Buffer.from([0]), /:3:26: invalid NUL character$/),
    bytes('bom-in-the-middle', Buffer.from([0xef, 0xbb, 0xbf]), /:3:26: invalid BOM in the middle of the file$/),
  );
  // go build (1.19, 1.26): a raw string never closed is the scanner's error, at its backquote.
  cases.push({
    name: 'unterminated-raw-string', klass: 'answer', files: { 'm.go': 'package main\n`\ntype P struct{ X int }\n\nvar m = map[P]int{}\n' },
    args: ['literal', '$D/m.go', '--json'], code: 2, match: /:2:1: string not terminated$/,
  });
  // encoding/json turns a lone surrogate escape into U+FFFD.
  cases.push({
    name: 'lone-surrogates-in-json', klass: 'answer', files: { 'm.json': '{"\\ud800": 1, "\\udc00x": 2, "\\ud83d\\ude00": 3}' },
    args: ['literal', '$D/m.json', '--json'], code: 0, match: /\["\uFFFD",1\],\["\uFFFDx",2\],\["\u{1F600}",3\]/u,
  });
  cases.push({
    name: 'lone-surrogate-in-trace', klass: 'answer',
    files: { 't.json': trace('string', 'int64', [{ op: 'insert', key: '\ud800', elem: 1 }, { op: 'lookup', key: '\ufffd' }, { op: 'snapshot', label: 's' }]) },
    args: ['replay', '$D/t.json'], code: 0, match: /"lookups":\[\{"key":"\uFFFD","found":true,"elem":1\}\]/,
  });
  // NaN anywhere in a key: each insert is a new entry; dumps write "NaN".
  cases.push({
    name: 'nan-inside-struct-keys', klass: 'answer',
    files: { 't.json': trace('struct{ X float64; Y int }', 'int64', [
      { op: 'insert', key: { X: 'NaN', Y: 1 }, elem: 1 }, { op: 'insert', key: { X: 'NaN', Y: 1 }, elem: 2 },
      { op: 'lookup', key: { X: 'NaN', Y: 1 } }, { op: 'snapshot', label: 's' }]) },
    args: ['replay', '$D/t.json'], code: 0, match: /"count":2,.*"X":"NaN".*"found":false/,
  });
  cases.push({
    // go run: len(m) == 3.
    name: 'nan-keys-from-go-source', klass: 'answer',
    files: { 'm.go': 'package main\n\nimport "math"\n\nvar m = map[[2]float64]int{{math.NaN(), 1}: 1, {math.NaN(), 1}: 2, {0, 1}: 3, {-0.0, 1}: 4}\n' },
    args: ['build', '$D/m.go'], code: 0, match: /"count":3,/,
  });
  cases.push({
    name: 'nan-inside-complex-and-array', klass: 'answer',
    files: { 't.json': trace('[2]complex128', 'int64', [
      { op: 'insert', key: [[0, 'NaN'], [1, 1]], elem: 1 }, { op: 'insert', key: [[0, 'NaN'], [1, 1]], elem: 2 },
      { op: 'insert', key: [[0, -0], [1, 1]], elem: 3 }, { op: 'insert', key: [[0, 0], [1, 1]], elem: 4 }, { op: 'snapshot', label: 's' }]) },
    args: ['replay', '$D/t.json'], code: 0, match: /"count":3,/,
  });
  cases.push({
    name: 'any-keys-in-trace', klass: 'answer',
    files: { 't.json': trace('any', 'int64', [
      { op: 'insert', key: 1, elem: 1 }, { op: 'insert', key: { $type: 'int64', value: 1 }, elem: 2 },
      { op: 'insert', key: { $type: 'float64', value: 1 }, elem: 3 }, { op: 'insert', key: { $type: 'int', value: 1 }, elem: 4 },
      { op: 'snapshot', label: 's' }]) },
    args: ['replay', '$D/t.json'], code: 0, match: /"count":3,/,
  });
  cases.push({
    // Go 1.26 (Swiss tables): len(m) == 4, as with the classic map.
    name: 'swiss-any-and-nan-keys', klass: 'answer',
    files: { 't.json': trace('any', 'int64', [
      { op: 'insert', key: 1, elem: 1 }, { op: 'insert', key: { $type: 'int64', value: 1 }, elem: 2 },
      { op: 'insert', key: { $type: 'float64', value: 'NaN' }, elem: 3 }, { op: 'insert', key: { $type: 'float64', value: 'NaN' }, elem: 4 },
      { op: 'insert', key: 1, elem: 5 }, { op: 'snapshot', label: 's' }]) },
    args: ['replay', '$D/t.json', '--runtime', 'swiss', '--go', '1.26'], code: 0, match: /"used":4\b/,
  });
  cases.push({
    name: 'unhashable-key-in-trace', klass: 'answer',
    files: { 't.json': trace('any', 'int64', [{ op: 'insert', key: { $type: '[]int', value: [1] }, elem: 1 }]) },
    args: ['replay', '$D/t.json'], code: 2, match: /:1:\d+: ops\[0\]\.key: panic: runtime error: hash of unhashable type \[\]int$/,
  });
  cases.push({
    name: 'clear-nested-in-range', klass: 'answer',
    files: { 't.json': trace('int64', 'int64', [{ op: 'insert', key: 1, elem: 1 }, { op: 'iterate', after: 1, ops: [{ op: 'clear' }] }]) },
    args: ['replay', '$D/t.json'], code: 2, match: /ops\[1\]\.ops\[0\]\.op: only insert, delete and lookup may be nested in iterate, not "clear"$/,
  });
  return cases;
}

/** Class 2: no crash, no hang, bounded memory. */
function bounded(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const B of [24, 27, 30]) {
    cases.push({
      name: `hint-B${B}-one-entry`, klass: 'bounded',
      files: { 't.json': trace('int64', 'int64', [{ op: 'insert', key: 1, elem: 1 }, { op: 'lookup', key: 1 }, { op: 'snapshot', label: 's' }], hintForB(B)) },
      args: ['replay', '$D/t.json'], code: 0, match: new RegExp(`"B":${B},.*"buckets":\\{"length":${2 ** B},"chains":\\{"\\d+":`),
    });
  }
  cases.push({
    // range, a range that inserts, the delete loop and clear over 2^30 buckets holding 1 or 2 keys.
    name: 'hint-B30-range-and-clear', klass: 'bounded',
    files: { 't.json': trace('int64', 'int64', [
      { op: 'insert', key: 1, elem: 1 }, { op: 'iterate', after: 1, ops: [{ op: 'insert', key: 2, elem: 2 }] }, { op: 'clearloop' },
      { op: 'insert', key: 3, elem: 3 }, { op: 'iterate' }, { op: 'clear' }, { op: 'insert', key: 4, elem: 4 }, { op: 'snapshot', label: 's' }], hintForB(30)) },
    args: ['replay', '$D/t.json'], code: 0, match: /"count":1,.*"B":30,.*"iterations":\[\{"startBucket":\d+,"offset":\d,"keys":\[1(,2)?\]\},\{"startBucket":\d+,"offset":\d,"keys":\[(1,2|2,1|1)\]\},\{"startBucket":\d+,"offset":\d,"keys":\[3\]\}\]/,
  });
  cases.push({
    name: 'swiss-hint-1e8-one-entry', klass: 'bounded',
    files: { 't.json': trace('int64', 'int64', [{ op: 'insert', key: 1, elem: 1 }, { op: 'iterate' }, { op: 'snapshot', label: 's' }], 100_000_000) },
    // 131,072 tables of 1024 slots: only the written one is materialized and dumped whole.
    args: ['replay', '$D/t.json', '--runtime', 'swiss', '--go', '1.26'], code: 0, match: /"used":1,"seed":"0x[0-9a-f]{16}","dirLen":131072,"globalDepth":17,.*"iterations":\[\{"entryOffset":"0x[0-9a-f]{16}","dirOffset":"0x[0-9a-f]{16}","order":\[1\]\}\]/,
  });
  const deep = 100_000;
  cases.push(
    { name: 'deep-slice-type', klass: 'bounded', files: { 'm.go': goFile('', `map[int]${repeat('[]', deep)}int{}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'deep-map-type', klass: 'bounded', files: { 'm.go': goFile('', `${repeat('map[int]', deep)}int{}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'deep-parens', klass: 'bounded', files: { 'm.go': goFile('', `map[int]int{1: ${repeat('(', deep)}1${repeat(')', deep)}}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'unary-minus-chain', klass: 'bounded', files: { 'm.go': goFile('', `map[int]int{1: ${repeat('- ', deep)}1}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'unary-xor-chain', klass: 'bounded', files: { 'm.go': goFile('', `map[int]int{1: ${repeat('^', deep)}1}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'unary-not-chain', klass: 'bounded', files: { 'm.go': goFile('', `map[bool]int{${repeat('!', deep)}true: 1}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'deep-composite', klass: 'bounded', files: { 'm.go': goFile('', `map[int]any{1: ${repeat('[]any{', deep)}${repeat('}', deep)}}`) }, args: ['literal', '$D/m.go'], code: 2 },
    { name: 'deep-map-type-hover', klass: 'bounded', files: { 'm.go': goFile('', `${repeat('map[int]', deep)}int{}`) }, args: ['hover', '$D/m.go', '--at', '4:10'] },
    { name: 'unary-chain-hover', klass: 'bounded', files: { 'm.go': goFile('', `map[int]int{1: ${repeat('- ', deep)}1}`) }, args: ['hover', '$D/m.go', '--at', '4:10'] },
    { name: 'deep-make-hover', klass: 'bounded', files: { 'm.go': `package main\n\nvar m = make(map[int]${repeat('[]', deep)}int, 10)\n` }, args: ['hover', '$D/m.go', '--at', '3:10'], code: 0, match: /^This file nests its code more than 1000 levels deep/ },
    { name: 'make-hover-600-levels', klass: 'bounded', files: { 'm.go': `package main\n\nvar m = make(map[int]${repeat('[]', 600)}int, 10)\n` }, args: ['hover', '$D/m.go', '--at', '3:10'], code: 0, match: /No layout: type nested more than 400 levels deep\./ },
    { name: 'declared-type-hover-600-levels', klass: 'bounded', files: { 'm.go': `package main\n\ntype T ${repeat('*', 600)}int\n\nvar m map[int]T\n` }, args: ['hover', '$D/m.go', '--at', '5:7'], code: 0, match: /No layout: type nested more than 400 levels deep\./ },
    // tree-sitter finds a parent from the root: walks up these would be quadratic.
    { name: 'index-chain-hover', klass: 'bounded', files: { 'm.go': `package main\n\nvar m map[int]int\nvar x = m${repeat('[0]', deep)}\n` }, args: ['hover', '$D/m.go', '--at', '4:9'], code: 0, match: /^This file nests its code more than 1000 levels deep/ },
    { name: 'selector-chain-hover', klass: 'bounded', files: { 'm.go': `package main\n\nvar m = map[int]int{}\nvar x = m${repeat('.a', deep)}\n` }, args: ['hover', '$D/m.go', '--at', '3:10'], code: 0, match: /^This file nests its code more than 1000 levels deep/ },
    { name: 'func-literals-literal', klass: 'bounded', files: { 'm.go': `package main\n\nvar f = ${repeat('func() { _ = ', deep / 10)}map[int]int{1: 2}${repeat(' }', deep / 10)}\n` }, args: ['literal', '$D/m.go', '--at', `3:${10 + 13 * (deep / 10)}`], code: 0, match: /1 entry/ },
    { name: 'func-literals-hover', klass: 'bounded', files: { 'm.go': `package main\n\nvar f = ${repeat('func() { _ = ', deep / 10)}map[int]int{}${repeat(' }', deep / 10)}\n` }, args: ['hover', '$D/m.go', '--at', `3:${10 + 13 * (deep / 10)}`], code: 0, match: /^This file nests its code more than 1000 levels deep/ },
    { name: 'deep-array-length', klass: 'bounded', files: { 'm.go': goFile(`type T [${repeat('-', deep)}1]int\n`, 'map[int]T{}') }, args: ['literal', '$D/m.go'], code: 2, match: /:3:\d+: constant expression nested more than 400 levels deep$/ },
    { name: 'deep-json', klass: 'bounded', files: { 'm.json': `{"a": ${repeat('[', deep)}${repeat(']', deep)}}` }, args: ['literal', '$D/m.json'], code: 2 },
    { name: 'deep-trace-json', klass: 'bounded', files: { 't.json': `{"key":"int64","elem":"int64","ops":${repeat('[', deep)}${repeat(']', deep)}}` }, args: ['replay', '$D/t.json'], code: 2 },
    {
      name: 'deep-nested-iterate', klass: 'bounded',
      files: { 't.json': `{"key":"int64","elem":"int64","ops":[${repeat('{"op":"iterate","ops":[', 5000)}${repeat(']}', 5000)}]}` },
      args: ['replay', '$D/t.json'], code: 2,
    },
    { name: 'deep-type-in-trace', klass: 'bounded', files: { 't.json': trace(`${repeat('[1]', deep)}int64`, 'int64', []) }, args: ['replay', '$D/t.json'], code: 2 },
    { name: 'dev-zero-go', klass: 'bounded', files: {}, args: ['literal', '/dev/zero'], code: 2, match: /more than the 8 MiB limit on input/ },
    { name: 'dev-zero-json', klass: 'bounded', files: {}, args: ['replay', '/dev/zero.json'], code: 2 },
    { name: 'dev-zero-trace', klass: 'bounded', files: {}, args: ['replay', '/dev/zero'], code: 2, match: /more than the 8 MiB limit on input/ },
    { name: 'dev-zero-hover', klass: 'bounded', files: {}, args: ['hover', '/dev/zero', '--at', '1:1'], code: 2, match: /more than the 8 MiB limit on input/ },
    {
      name: 'ten-mb-literal', klass: 'bounded', files: { 'm.go': goFile('', `map[int]string{1: "${'x'.repeat(10_000_000)}"}`) },
      args: ['literal', '$D/m.go'], code: 2, match: /more than the 8 MiB limit on input/,
    },
    {
      name: 'seven-mb-literal', klass: 'bounded', files: { 'm.go': goFile('', `map[int]string{1: "${'x'.repeat(7_000_000)}"}`) },
      args: ['literal', '$D/m.go', '--at', '4:9'], code: 0, match: /1 entry/,
    },
    {
      // A position far into a 460 KB line (once found byte by byte from the line start, quadratically).
      name: 'long-line-position', klass: 'bounded', files: { 'm.go': `package main\nvar m = ${'map[int]int{}; var _ = '.repeat(20_000)}map[int]int{1: 2}\n` },
      args: ['literal', '$D/m.go', '--at', `2:${8 + 23 * 20_000 + 2}`], code: 0, match: /1 entry/,
    },
    {
      name: 'many-string-inserts', klass: 'bounded',
      files: { 't.json': trace('string', 'int64', [...Array.from({ length: 150_000 }, (_, i) => ({ op: 'insert', key: `k${i}`, elem: i })), { op: 'lookup', key: 'k7' }]) },
      args: ['replay', '$D/t.json'], code: 0,
    },
    {
      name: 'many-string-entries-json', klass: 'bounded',
      files: { 'm.json': `{${Array.from({ length: 120_000 }, (_, i) => `"${i}":1`).join(',')}}` },
      args: ['build', '$D/m.json'], code: 0,
    },
    // 10^6 string keys (a trace that long is over the input limit: the bench command makes them).
    { name: 'million-string-inserts', klass: 'bounded', files: {}, args: ['bench', 'inserts', '--n', '1000000', '--keys', 'string'], code: 0, match: /^1000000 inserts into map\[string\]int64/ },
    { name: 'huge-hint-number', klass: 'bounded', files: { 't.json': trace('int64', 'int64', [{ op: 'insert', key: 1, elem: 1 }], 1e300) }, args: ['replay', '$D/t.json'], code: 2 },
    { name: 'many-keys-one-line', klass: 'bounded', files: { 'm.go': goFile('', `map[int]int{${Array.from({ length: 30_000 }, (_, i) => `${i}: ${i}`).join(', ')}}`) }, args: ['build', '$D/m.go'], code: 0 },
  );
  cases.push(...declarationChains());
  return cases;
}

/** 5 * 10^4 declared types, each referring to the next: refused at 400 levels, in linear time (10^5
 * take 4.5 s of CPU and 600 MiB, too close to the limits on a busy machine). */
function declarationChains(): HostileCase[] {
  const n = 50_000;
  const chain = (decl: (i: number) => string, last: string) => `package main\n\n${Array.from({ length: n }, (_, i) => decl(i)).join('\n')}\n${last}\n`;
  const kinds: Array<[string, string, RegExp]> = [
    ['slice', chain((i) => `type T${i} []T${i + 1}`, `type T${n} int`), /type T0 nested more than 400 levels deep/],
    ['array', chain((i) => `type T${i} [1]T${i + 1}`, `type T${n} int`), /type T0 nested more than 400 levels deep/],
    ['pointer-struct', chain((i) => `type T${i} struct{ next *T${i + 1} }`, `type T${n} int`), /type T0 nested more than 400 levels deep/],
    ['underlying', chain((i) => `type T${i} T${i + 1}`, `type T${n} int`), /type T400 nested more than 400 levels deep/],
    ['alias', chain((i) => `type T${i} = T${i + 1}`, `type T${n} int`), /type nested more than 400 levels deep/],
    ['const', chain((i) => `const C${i} = C${i + 1} + 1`, `const C${n} = 1\ntype T0 [C0]int`), /constant expression nested more than 400 levels deep/],
  ];
  return kinds.flatMap(([kind, decls, why]): HostileCase[] => [
    { name: `declaration-chain-${kind}-literal`, klass: 'bounded', files: { 'm.go': `${decls}var m = map[int]T0{}\n` }, args: ['literal', '$D/m.go', '--at', `${decls.split('\n').length}:9`], code: 2, match: why },
    { name: `declaration-chain-${kind}-hover`, klass: 'bounded', files: { 'm.go': `${decls}var m map[int]T0\n` }, args: ['hover', '$D/m.go', '--at', `${decls.split('\n').length}:7`], code: 0, match: why },
  ]).concat({
    // Each type holds the previous one twice: 2^40 paths, one answer per type (T40 is 8 * 2^40 bytes).
    name: 'doubling-struct-layout', klass: 'bounded',
    files: { 't.go': `package p\n\ntype T0 struct{ x int }\n${Array.from({ length: 40 }, (_, i) => `type T${i + 1} struct{ a, b T${i} }`).join('\n')}\n` },
    args: ['layout', 'map[T40]int', '--types', '$D/t.go'], code: 0, match: /key {3}T40: size 8796093022208, align 8/,
  }, {
    name: 'doubling-struct-hover', klass: 'bounded',
    files: { 'm.go': `package main\n\ntype T0 struct{ x int }\n${Array.from({ length: 40 }, (_, i) => `type T${i + 1} struct{ a, b T${i} }`).join('\n')}\n\nvar m = map[T40]int{}\n` },
    args: ['hover', '$D/m.go', '--at', '45:9'], code: 0, match: /No link to the panel: the type is longer than 65536 characters/,
  });
}

/** The markdown a renderer would read as markdown: without fenced blocks and inline code. */
function outsideCode(md: string): string {
  let out = md;
  for (let open = /^(`{3,})\w*\n/m.exec(out); open; open = /^(`{3,})\w*\n/m.exec(out)) {
    const close = out.indexOf('\n' + open[1], open.index + open[0].length - 1);
    out = out.slice(0, open.index) + (close < 0 ? '' : out.slice(close + open[1].length + 1));
  }
  return out.replace(/(`+)[^`]*?\1/g, '');
}

/** No link but the extension's own, no image, in what renders as markdown. */
function noInjectedMarkdown(md: string): void {
  const live = outsideCode(md).replace(/\[Inspect in Go Map Inspector\]\(command:goMapInspector\.newMap\?[^ )]* "[^"]*"\)/g, '');
  if (/\]\(|!\[|<[a-z]/i.test(live.replace(/\\./g, ''))) throw new Error(`markdown injected outside code:\n${md}`);
}

/** Class 4: what a hover could be made to say. */
function security(): HostileCase[] {
  const link = '[click](command:workbench.action.quit) ![img](http://x/y.png) <img src=x>';
  const hover = (name: string, src: string, at: string): HostileCase => ({
    name, klass: 'security', files: { 'm.go': src }, args: ['hover', '$D/m.go', '--at', at], code: 0, check: noInjectedMarkdown,
  });
  return [
    hover('hover-literal-keys', `package main\n\n// ](javascript:alert(1)) \`x\n\nvar m = map[string]int{"a\`\\n\\n${link}": 1}\n`, '5:10'),
    hover('hover-comment-in-make', `package main\n\nfunc f(n int) int { return n }\n\nvar m = make(map[string]int, f(/*\n\`\`\`\n${link}\n\`\`\`go\n*/ 1))\n`, '5:10'),
    hover('hover-error-quoting-source', `package main\n\nvar m = make(map[[f(/*\n\n${link}\n*/ 1)]int]int, 10)\n`, '3:10'),
    hover('hover-too-large-with-comment', `package main\n\nvar m = make(map[[1 /*\n\n${link}\n*/ << 62]int]int, 10)\n`, '3:10'),
    hover('hover-func-key-signature', `package main\n\nvar m = make(map[int]func(/*\n\n${link}\n*/) int, 100)\n`, '3:10'),
  ];
}

/** Bad flags and arguments for every command: one line naming the command, exit 2. */
function badArguments(): HostileCase[] {
  const go = 'package main\n\nfunc main() {\n\tm := map[int]int{1: 2}\n\t_ = m\n}\n';
  const files = { 'm.go': go, 'go.mod': 'module p\n\ngo 1.19\n', 't.json': trace('int64', 'int64', [{ op: 'insert', key: 1, elem: 1 }]) };
  const lines: string[][] = [
    ['replay', '$D/t.json', '--runtime', 'swiss', '--go', '1.18'], ['replay', '$D/t.json', '--hashes', '$D/m.go'], ['replay', '$D'],
    ['layout', 'map[int]int', '--hint', '1e400'], ['layout', 'map[int]int', '--types', '$D'], ['layout', 'int'],
    ['hover', '$D/m.go', '--at', '99:1'], ['hover', '$D/m.go', '--at', '4:9', '--go', 'x'], ['literal', '$D/m.go', '--at', 'x'],
    ['build', '$D/m.go', '--seed', '-1'], ['build'], ['bench', 'inserts', '--n', '1e12'],
    ['capture', '--program', '$D/nope', '--break', 'm.go:4', '--expr', 'm'],
    ['capture', '--program', '$D/m.go', '--break', 'm.go:4', '--expr', 'm'],
    ['capture', '--program', '$D/t.json', '--break', 'm.go:4', '--expr', 'm'],
    ['capture', '--program', '$D', '--break', 'm.go:99', '--expr', 'm'],
    ['capture', '--program', '$D', '--break', 'm.go:4', '--expr', 'm', '--dlv', '$D'],
    ['capture', '--program', '$D', '--break', 'm.go:4', '--expr', 'm', '--timeout', '99999999'],
    ['capture', '--program', '$D', '--break', 'm.go:4', '--expr', 'm', '--dlv', '$D/no-such-dlv'],
  ];
  return lines.map((args, i) => ({ name: `bad-arguments-${args[0]}-${i}`, klass: 'answer', files, args, code: 2, match: new RegExp(`^(gomap ${args[0]}: |\\S+:\\d+:\\d+: )`) }));
}

/** All fixed cases. */
export function hostileCases(): HostileCase[] {
  return [...answers(), ...bounded(), ...security(), ...badArguments()];
}

/** xorshift32, seeded: the mutants of a run are reproducible from its printed seed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const seeds: Record<string, string> = {
  'm.go': goFile('type P struct{ X, Y float64 }\n', 'map[any]int{1: 1, "a": 2, P{1, 2}: 3, [2]any{nil, 1.5}: 4, int8(-1): 5}'),
  'm.json': '{"a": 1, "b": [1, 2, {"c": null}], "\\u00e9": -2.5e10}',
  // Declared types for the type checks: sizes near the address space, a cycle behind a pointer,
  // a struct holding another twice.
  'd.go': 'package main\n\ntype P struct{ a [1 << 20]byte; next *P }\ntype Q struct{ l, r P }\ntype T [1 << 28]Q\n\nvar m = map[[2]Q]T{}\n',
  't.json': trace('string', 'int64', [{ op: 'insert', key: 'a', elem: 1 }, { op: 'iterate', after: 1, ops: [{ op: 'delete', key: 'a' }] }, { op: 'snapshot', label: 's' }], 9),
};
const hostileBytes = ['\u0000', '\uFEFF', '\uD800', '`', '\n', '{', '[', '"', '\\', '0x', '1e400', 'NaN', 'map[', '...', '/*', '$type'];

/** `n` inputs derived from the seeds by random edits, each run with the command for its kind. */
export function mutants(seed: number, n: number): HostileCase[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const out: HostileCase[] = [];
  for (let i = 0; i < n; i++) {
    const file = pick(Object.keys(seeds));
    let text = seeds[file];
    for (let edits = 1 + Math.floor(r() * 4); edits > 0; edits--) {
      const at = Math.floor(r() * text.length);
      const len = Math.floor(r() * 6);
      switch (Math.floor(r() * 3)) {
        case 0: text = text.slice(0, at) + text.slice(at + len); break;
        case 1: text = text.slice(0, at) + text.slice(at, at + len).repeat(1 + Math.floor(r() * 50)) + text.slice(at + len); break;
        default: text = text.slice(0, at) + pick(hostileBytes) + text.slice(at);
      }
    }
    const args = file === 't.json' ? ['replay', `$D/${file}`] : [pick(['literal', 'build']), `$D/${file}`, ...(file === 'm.go' && r() < 0.5 ? ['--json'] : [])];
    out.push({ name: `mutant-${seed}-${i}`, klass: 'mutant', files: { [file]: text }, args });
  }
  return out;
}
