/**
 * The numbers in `make` and map-type hovers against the runtime's own: every pair and hint of the
 * layout oracle's fixtures (test/fixtures/layout/go1.19-{amd64,386}.json, measured by Go 1.19),
 * hovered in a Go file that declares the oracle's named types (test/oracle/layoutdump/types.go).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GoDocument, hoverInDocument, initHover } from '../../src/core/hover';
import { loadGoParser } from '../../src/core/go/parser';
import { GoArch } from '../../src/core/maptype';
import { LayoutDump, dumpArches, fixturePath } from '../oracle/layoutdump/compare';

const typesGo = fs.readFileSync(path.join(__dirname, '..', 'oracle', 'layoutdump', 'types.go'), 'utf8');

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

for (const arch of dumpArches as GoArch[]) {
  const dump = JSON.parse(fs.readFileSync(fixturePath(arch), 'utf8')) as LayoutDump;

  describe(`hover numbers = Go 1.19 runtime on ${arch} (${dump.pairs.length} pairs × ${dump.hints.length} hints)`, () => {
    // One file: the named types, then for each pair a map type and one make per hint.
    const lines: string[] = [typesGo, 'func hovered() {'];
    const typeLine = new Map<number, number>();
    const makeLine = new Map<string, number>();
    const base = typesGo.split('\n').length; // line index of 'func hovered() {' is base
    dump.pairs.forEach((p, i) => {
      typeLine.set(i, base + lines.length - 1);
      lines.push(`\tvar _ map[${p.key}]${p.elem}`);
      for (const hint of dump.hints) {
        makeLine.set(`${i}/${hint}`, base + lines.length - 1);
        lines.push(`\t_ = make(map[${p.key}]${p.elem}, ${hint})`);
      }
    });
    lines.push('}');
    const source = lines.join('\n');
    let doc: GoDocument;

    before(async () => {
      await initHover();
      doc = GoDocument.parse(await loadGoParser(), source, 'hovered.go');
    });
    after(() => doc.delete());

    it('the generated file lines up', () => {
      assert.strictEqual(source.split('\n')[typeLine.get(0)!].trim(), `var _ map[${dump.pairs[0].key}]${dump.pairs[0].elem}`);
    });

    dump.pairs.forEach((want, i) => {
      it(`map[${want.key}]${want.elem}`, () => {
        // The map type: bucket size and every region's offset.
        const t = hoverInDocument(doc, { line: typeLine.get(i)!, character: '\tvar _ m'.length }, { goarch: arch });
        assert.ok(t, 'no map type hover');
        assert.strictEqual(t.kind, 'mapType');
        assert.strictEqual(t.figures.layout?.info.bucketsize, want.bucketsize);
        assert.ok(t.markdown.includes(`: ${fmtInt(want.bucketsize)} bytes\n`), t.markdown);
        for (const f of want.bucket.fields ?? []) {
          const name = f.name === 'topbits' ? 'tophash' : f.name;
          assert.match(t.markdown, new RegExp(`\\t${name} +.* // offset ${f.offset}, `), `${name} at ${f.offset}\n${t.markdown}`);
        }
        assert.strictEqual(t.markdown.includes('the GC never scans the buckets'), want.bucketPtrdata === 0);
        // Every make: B, preallocated overflow buckets, heap bytes.
        for (const m of want.makes) {
          const h = hoverInDocument(doc, { line: makeLine.get(`${i}/${m.hint}`)!, character: 5 }, { goarch: arch });
          assert.ok(h?.figures.make, `no make hover for hint ${m.hint}`);
          const f = h.figures.make;
          const where = `make(map[${want.key}]${want.elem}, ${m.hint})`;
          assert.deepStrictEqual(
            { B: f.B, nextOverflowFree: f.overflow, extra: f.extraBytes > 0, allocBytes: f.allocBytes },
            { B: m.B, nextOverflowFree: m.nextOverflowFree, extra: m.extra, allocBytes: m.allocBytes },
            where,
          );
          assert.ok(h.markdown.includes(`B = ${m.B}`), where);
          const bytes = m.B === 0 ? `${fmtInt(m.allocBytes)} bytes` : `**${fmtInt(m.allocBytes)} bytes`;
          assert.ok(h.markdown.includes(bytes), `${where}: ${bytes} not in\n${h.markdown}`);
        }
      });
    });
  });
}
