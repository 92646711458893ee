/**
 * `gomap capture` end to end: it builds test/capture/prog with the machine's Go, runs it under
 * Delve to a breakpoint, prints the map, and says in one line what went wrong otherwise (no dlv, a
 * Delve too old for the binary, a breakpoint never hit or not reached in time, not a map, a nil
 * map). Needs Delve v1.27.2 (installed by test/capture/setup.sh), and v1.21.2 for the version case.
 */
import * as assert from 'assert';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { dlvPath, lineOf, progDir, setup } from '../capture/harness';

async function gomap(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), readFile: () => '' };
  const code = await run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gomap capture', function () {
  this.timeout(120_000);
  const breakLine = lineOf(/\/\/ BREAK/);
  const neverLine = lineOf(/"never"/);
  const capture = (...extra: string[]) => gomap(['capture', '--program', progDir, ...extra]);
  let dlv = '';

  before(function () {
    const s = setup(['dlv@v1.27.2']).get('dlv@v1.27.2')!;
    if (!s.startsWith('ok')) {
      console.log(`      skipped: ${s}`);
      this.skip();
    }
    dlv = dlvPath('v1.27.2');
  });

  it('prints the map as JSON: the Swiss snapshot plus runtime, goversion, address and where', async () => {
    const r = await capture('--break', `main.go:${breakLine}`, '--expr', 'holder.M', '--dlv', dlv, '--json');
    assert.strictEqual(r.code, 0, r.err);
    const m = JSON.parse(r.out);
    assert.strictEqual(m.runtime, 'swiss');
    assert.match(m.goversion, /^go1\.\d+/);
    assert.strictEqual(m.label, 'holder.M');
    assert.strictEqual(m.used, 3);
    assert.strictEqual(m.dirLen, 0);
    // main.go: {1: "one", 2: "two", -3: "minus three"}, a small map filled in slot order.
    assert.deepStrictEqual(m.group.keys.filter((k: unknown) => k !== null).sort((a: number, b: number) => a - b), [-3, 1, 2]);
    assert.deepStrictEqual(m.where, { goroutine: 1, frameId: m.where.frameId, function: 'main.main', file: `${progDir}/main.go`, line: breakLine });
  });

  it('without --json, a summary for people', async () => {
    const r = await capture('--break', `main.go:${breakLine}`, '--expr', 'tomb', '--dlv', dlv);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^tomb: map\[int64\]int64, swiss map of go1\.\d+\.\d+ at 0x[0-9a-f]+ \(main\.main at .*main\.go:\d+, goroutine 1\)\nused 712, 1 tables, directory of 1, globalDepth 0, 128 groups, seed 0x[0-9a-f]{16}\ncaptured in \d+ ms with \d+ DAP requests$/);
  });

  it('one line for each failure, exit status 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--break', `main.go:${breakLine}`, '--expr', 'notmap', '--dlv', dlv], /^gomap capture: notmap is not a map: its type is int \(42\)$/],
      [['--break', `main.go:${breakLine}`, '--expr', 'nilm', '--dlv', dlv], /^gomap capture: nilm is a nil map: it has no header/],
      [['--break', `main.go:${neverLine}`, '--expr', 'grow', '--dlv', dlv], new RegExp(`^gomap capture: the program exited before reaching main.go:${neverLine} \\(breakpoint never hit\\)$`)],
      [['--break', `main.go:${breakLine}`, '--expr', 'grow', '--dlv', dlv, '--timeout', '0.001'], /^gomap capture: the program did not reach main\.go:\d+ within 0\.001 s \(breakpoint never hit\)$/],
      [['--break', 'main.go:1', '--expr', 'grow', '--dlv', dlv], /^gomap capture: cannot set a breakpoint at main\.go:1: could not find statement/],
      [['--break', `main.go:${breakLine}`, '--expr', 'small)(', '--dlv', dlv], /^gomap capture: small\)\(: 1:6: expected 'EOF', found '\)'$/],
      [['--break', `main.go:${breakLine}`, '--expr', 'nosuchvar', '--dlv', dlv], /^gomap capture: nosuchvar: could not find symbol value for nosuchvar$/],
      [['--break', `main.go:${breakLine}`, '--expr', 'grow', '--dlv', '/nonexistent/dlv'], /^gomap capture: dlv not found \(\/nonexistent\/dlv\): install Delve/],
    ];
    for (const [args, want] of cases) {
      const r = await capture(...args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, want);
      assert.ok(!r.err.includes('\n'), `one line: ${r.err}`);
    }
  });

  it('names the Delve to use when this one cannot read the binary\'s Go', async function () {
    const s = setup(['dlv@v1.21.2']).get('dlv@v1.21.2')!;
    if (!s.startsWith('ok')) {
      console.log(`      skipped: ${s}`);
      this.skip();
    }
    // Delve 1.21.2 reads Go up to 1.21; the machine's Go is 1.26.
    const r = await capture('--break', `main.go:${breakLine}`, '--expr', 'grow', '--dlv', dlvPath('v1.21.2'));
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /^gomap capture: Delve 1\.21\.2 cannot debug a program built by go1\.2[6-9]\.\d+: use Delve v1\.27\.2 \(go install github\.com\/go-delve\/delve\/cmd\/dlv@v1\.27\.2\)/);
  });

  it('bad arguments are exit status 2', async () => {
    const r = await gomap(['capture', '--program', progDir, '--break', 'main.go:1']);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /^gomap capture: --expr is required; usage: gomap capture/);
  });
});
