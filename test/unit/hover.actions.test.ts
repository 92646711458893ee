/**
 * Code actions: "Reorder fields of T to save N bytes per bucket" and "Rebuild map to release
 * memory". Each edit is applied to the text and the result checked: it still parses, and for the
 * reorder, the map type's hover now shows the smaller bucket.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CodeActionResult, Position, TextEdit, codeActions, hover } from '../../src/core/hover';
import { loadGoParser } from '../../src/core/go/parser';

const sample = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'hover', 'sample.go'), 'utf8');

/** The position `offset` characters into `snippet` (unique in `src`). */
function at(src: string, snippet: string, offset = 0): Position {
  assert.strictEqual(src.split(snippet).length, 2, `not exactly one ${snippet}`);
  const before = src.slice(0, src.indexOf(snippet) + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function offsetOf(src: string, p: Position): number {
  const lines = src.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

/** The text after applying an action's edits (last edit first). */
function apply(src: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(src, b.range.start) - offsetOf(src, a.range.start));
  let out = src;
  for (const e of sorted) out = out.slice(0, offsetOf(src, e.range.start)) + e.newText + out.slice(offsetOf(src, e.range.end));
  return out;
}

async function actionsAt(src: string, snippet: string, offset = 0, goarch: 'amd64' | '386' = 'amd64'): Promise<CodeActionResult[]> {
  const p = at(src, snippet, offset);
  return codeActions(src, { start: p, end: p }, { goarch });
}

async function assertParses(src: string): Promise<void> {
  const tree = (await loadGoParser()).parse(src)!;
  try {
    assert.ok(!tree.rootNode.hasError, `does not parse:\n${src}`);
  } finally {
    tree.delete();
  }
}

describe('code action: reorder fields of a map key or elem struct', () => {
  it('offers the saving per bucket, rewrites the declaration, and the bucket shrinks', async () => {
    // Order is 48 bytes on amd64 (ok@0, id@8, tag@16, created@24..48); reordered 40: 8 × 8 = 64.
    const [a, ...rest] = await actionsAt(sample, 'var registry map[string]Order', 15);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(a.title, 'Reorder fields of Order to save 64 bytes per bucket');
    assert.strictEqual(a.kind, 'refactor.rewrite');
    const after = apply(sample, a.edits);
    assert.ok(after.includes('type Order struct {\n\tcreated time.Time\n\tid      int64\n\tok      bool\n\ttag     byte\n}'), after.slice(0, 600));
    await assertParses(after);
    const h = await hover(after, at(after, 'var registry map[string]Order', 15), { goarch: 'amd64' });
    assert.ok(h?.markdown.includes('map[string]Order: 464 bytes'), h?.markdown);
    assert.deepStrictEqual(await actionsAt(after, 'var registry map[string]Order', 15), [], 'nothing left to reorder');
  });

  it('is offered from a make and a nil map too, not for a struct already in order or no struct', async () => {
    assert.deepStrictEqual((await actionsAt(sample, 'registry[name] = o')).map((a) => a.title), ['Reorder fields of Order to save 64 bytes per bucket']);
    assert.deepStrictEqual(await actionsAt(sample, 'map[int64]Compact{}', 2), []);
    assert.deepStrictEqual(await actionsAt(sample, 'counts map[int64]int8', 8), []);
  });

  it('on 386 the saving follows 386 alignment', async () => {
    // 386: ok@0, id@4 (int64 aligns to 4), tag@12, created@16..36 (time.Time is 20) → 36;
    // reordered created, id, ok, tag → 30 → 32: 4 bytes per elem, 32 per bucket.
    const [a] = await actionsAt(sample, 'var registry map[string]Order', 15, '386');
    assert.strictEqual(a?.title, 'Reorder fields of Order to save 32 bytes per bucket');
  });

  it('keeps comments, tags, embedded fields and names declared together', async () => {
    const src = [
      'package p',
      '',
      'type Node struct{ next *Node }',
      '',
      'type Rec struct {',
      '\t// ok says whether it is ok',
      '\tok   bool // trailing',
      '\tid   int64',
      '\tX, Y int8',
      '\ttag  byte `json:"tag"`',
      '\t*Node',
      '}',
      '',
      'var m map[string]Rec',
      '',
    ].join('\n');
    const [a] = await actionsAt(src, 'map[string]Rec', 2);
    // Rec: ok@0 id@8 X@16 Y@17 tag@18 *Node@24 → 32; reordered *Node, id, ok, X, Y, tag → 24.
    assert.strictEqual(a?.title, 'Reorder fields of Rec to save 64 bytes per bucket');
    const after = apply(src, a.edits);
    assert.strictEqual(
      after.split('\n').slice(4, 12).join('\n'),
      [
        'type Rec struct {',
        '\t*Node',
        '\tid   int64',
        '\t// ok says whether it is ok',
        '\tok   bool  // trailing',
        '\tX, Y int8',
        '\ttag  byte  `json:"tag"`',
        '}',
      ].join('\n'),
    );
    await assertParses(after);
  });

  it('a struct used as key and elem: one action, both savings', async () => {
    const src = 'package p\n\ntype Rec struct{ a int8; b int64; c int8 }\n\nvar m map[Rec]Rec\n';
    // 8 + 8×24 + 8×24 + 8 = 400 bytes; reordered 8 + 8×16 + 8×16 + 8 = 272: 128 bytes less.
    const acts = await actionsAt(src, 'map[Rec]Rec', 2);
    assert.deepStrictEqual(acts.map((a) => a.title), ['Reorder fields of Rec to save 128 bytes per bucket']);
    const h = await hover(src, at(src, 'map[Rec]Rec', 2), { goarch: 'amd64' });
    assert.ok(h?.markdown.includes('the bucket 272 bytes (as key and elem): 128 bytes less per bucket'), h?.markdown);
  });

  it('rewrites a one-line struct on its line', async () => {
    const src = 'package p\n\ntype Small struct{ a int8; b int64; c int8 }\n\nvar m map[int64]Small\n';
    const [a] = await actionsAt(src, 'map[int64]Small', 2);
    // Small: a@0 b@8 c@16 → 24; reordered b, a, c → 16: 8 × 8 = 64 bytes per bucket.
    assert.strictEqual(a?.title, 'Reorder fields of Small to save 64 bytes per bucket');
    assert.ok(apply(src, a.edits).includes('type Small struct{ b int64; a int8; c int8 }'));
  });
});

describe('code action: rebuild map to release memory', () => {
  it('replaces a loop that deletes every key by a fresh make', async () => {
    const acts = await actionsAt(sample, 'for k := range m {\n\t\tdelete(m, k)', 1);
    const a = acts.find((x) => x.title === 'Rebuild map to release memory');
    assert.ok(a, acts.map((x) => x.title).join());
    const after = apply(sample, a.edits);
    assert.ok(after.includes('func reset(m map[string]Order) {\n\tm = make(map[string]Order)\n}'), after);
    await assertParses(after);
  });

  it('after a loop that deletes some keys, copies the survivors into a map sized for them', async () => {
    const acts = await actionsAt(sample, 'delete(m, k)\n\t\t}', 2);
    const a = acts.find((x) => x.title === 'Rebuild map to release memory');
    assert.ok(a);
    const after = apply(sample, a.edits);
    assert.ok(
      after.includes(
        [
          '\t\t}',
          '\t}',
          '\t// Copy the survivors into a map sized for them: delete never gives buckets back (golang/go#20135).',
          '\trebuilt := make(map[string]Order, len(m))',
          '\tfor k, v := range m {',
          '\t\trebuilt[k] = v',
          '\t}',
          '\tm = rebuilt',
          '}',
        ].join('\n'),
      ),
      after,
    );
    await assertParses(after);
  });

  it('picks a name not used in the function', async () => {
    const src = 'package p\n\nfunc f(m map[int]int) {\n\trebuilt := 1\n\t_ = rebuilt\n\tfor k := range m {\n\t\tif k > 2 {\n\t\t\tdelete(m, k)\n\t\t}\n\t}\n}\n';
    const [a] = await actionsAt(src, 'for k', 1);
    assert.ok(a?.edits[0].newText.includes('rebuilt2 := make(map[int]int, len(m))'), a?.edits[0].newText);
  });

  it('is not offered on loops that do not delete from the ranged map', async () => {
    const acts = await actionsAt(sample, 'for _, o := range orders', 1);
    assert.deepStrictEqual(acts, []);
  });
});
