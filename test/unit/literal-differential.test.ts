/**
 * Differential test against Go 1.19 itself (live: skipped without /usr/lib/go-1.19): 200 generated
 * map literals (a fixed seed, so the same ones each run) are compiled and run by Go, through the
 * corpus generator, and evaluated by us; the entries, or the compiler's errors with their lines,
 * columns and messages, must be the same.
 *
 * Two allowances, both about Go rather than the literal: a case on which Go 1.19's compiler crashes
 * (on a shift by a typed non-integer constant; see goCrashesOn) is left out; and where Go
 * reports a syntax error, only that first error is compared, as what the parser reports after it
 * depends on how it resumes.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluateMapLiteral } from '../../src/core/literal/evaluate';
import { literalArbitrary } from '../literal-corpus/arbitrary';
import { generateCorpus, go119 } from '../literal-corpus/generate';

/**
 * gc 1.19 crashes on a constant shift count of a typed non-integer type (`constant.Uint64Val` on a
 * float: "internal compiler error: 3 not an Int"), silently when errors came before; we report it.
 */
const goCrashesOn = /invalid shift count .* \(constant .* of type (?!u?int|byte|rune)/;

const samples = 200;
const seed = 20240611;

describe('literal: differential against Go 1.19 (live)', () => {
  it(`agrees with gc on ${samples} generated literals`, async function () {
    if (!fs.existsSync(go119)) {
      this.skip(); // Go 1.19 is not installed at /usr/lib/go-1.19: nothing to compare with
    }
    this.timeout(300_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-differential-'));
    try {
      const sources = fc.sample(literalArbitrary(false), { numRuns: samples, seed });
      // Go rejects unused package-level functions and variables nowhere, but m must be used.
      sources.forEach((src, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.go`), `${src}\nfunc main() { _ = m }\n`));
      const go = await generateCorpus(go119, dir);
      const mismatches: string[] = [];
      for (const [name, want] of Object.entries(go.cases)) {
        const got = await evaluateMapLiteral(fs.readFileSync(path.join(dir, name), 'utf8'));
        if (!got.ok && got.errors.some((e) => goCrashesOn.test(e.message))) continue;
        let expected: unknown;
        let actual: unknown;
        if ('errors' in want) {
          if (want.errors.some((e) => e.message.includes('internal compiler error'))) continue;
          const syntax = want.errors[0].message.startsWith('syntax error');
          const show = (e: { line: number; col: number | null; message: string }) => `${e.line}:${e.col ?? '-'}: ${e.message}`;
          expected = (syntax ? want.errors.slice(0, 1) : want.errors).map(show);
          actual = got.ok ? 'ok' : (syntax ? got.errors.slice(0, 1) : got.errors).map((e, i) => show({ ...e, col: want.errors[i]?.col === null && e.col >= 255 ? null : e.col }));
        } else {
          expected = want.entries;
          actual = got.ok ? got.map.entries : got.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
        }
        if (JSON.stringify(expected) !== JSON.stringify(actual)) mismatches.push(`${name}\n  go:  ${JSON.stringify(expected)}\n  ours: ${JSON.stringify(actual)}`);
      }
      assert.deepStrictEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${samples} differ`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
