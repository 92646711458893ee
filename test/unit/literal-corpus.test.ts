/**
 * Our map literal evaluation against Go 1.19's own, case by case (test/literal-corpus): the
 * entries Go printed for the cases that compile, the compiler's messages and positions for the
 * ones that do not. A live variant regenerates the corpus with Go 1.19 when it is installed, so a
 * stale expected.json cannot hide a difference.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { evaluateMapLiteral } from '../../src/core/literal/evaluate';
import {
  CaseResult, Corpus, caseAt, caseNames, casesDir, expectedFile, generateCorpus, go119,
} from '../literal-corpus/generate';

async function check(name: string, want: CaseResult): Promise<void> {
  const source = fs.readFileSync(path.join(casesDir, name), 'utf8');
  const got = await evaluateMapLiteral(source, { at: caseAt(source) });
  if ('errors' in want) {
    // Where gc prints no column (255 and beyond), ours must be one of those.
    const errors = got.ok ? [] : got.errors.map((e, i) => ({ line: e.line, col: want.errors[i]?.col === null && e.col >= 255 ? null : e.col, message: e.message }));
    assert.deepStrictEqual(errors, want.errors, `${name}: errors`);
  } else {
    assert.ok(got.ok, `${name}: ${got.ok ? '' : got.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('; ')}`);
    assert.deepStrictEqual(got.map.entries, want.entries, `${name}: entries`);
  }
}

describe('literal: corpus evaluated by Go 1.19', () => {
  const corpus = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Corpus;

  it('has at least 60 cases, all with expected results', () => {
    assert.ok(caseNames().length >= 60);
    assert.deepStrictEqual(Object.keys(corpus.cases).sort(), caseNames());
  });

  for (const name of caseNames()) {
    it(name, async () => {
      const want = corpus.cases[name];
      assert.ok(want, `${name} has no expected result: run npx tsx test/literal-corpus/generate.ts`);
      await check(name, want);
    });
  }

  it('matches a fresh run of Go 1.19 (live)', async function () {
    if (!fs.existsSync(go119)) {
      this.skip(); // Go 1.19 is not installed at /usr/lib/go-1.19: the committed expected.json stands
    }
    this.timeout(300_000);
    const fresh = await generateCorpus();
    assert.deepStrictEqual(fresh.cases, corpus.cases, 'expected.json is stale: run npx tsx test/literal-corpus/generate.ts');
    for (const name of caseNames()) await check(name, fresh.cases[name]);
  });
});
