/**
 * `gomap bench inserts` through the CLI dispatcher with output in memory (no re-run with
 * --expose-gc there: the heap is then measured without a forced GC). The timings themselves are
 * `npm run bench`'s business; here, that each map ends with its N entries and the output's shape.
 */
import * as assert from 'assert';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

function memoryIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), readFile: () => '' };
}

describe('gomap bench', () => {
  for (const runtime of ['classic', 'swiss']) {
    for (const keys of ['int64', 'string']) {
      it(`inserts 5000 ${keys} keys into a ${runtime} map and prints {n, ms, heapMB, cpuMs}`, async () => {
        const io = memoryIO();
        // The command checks that the map holds n entries after the loop (exit 1 otherwise).
        assert.strictEqual(await run(['bench', 'inserts', '--n', '5000', '--hint', '100', '--keys', keys, '--runtime', runtime, '--json'], io), 0, io.stderr.join('\n'));
        const r = JSON.parse(io.stdout.join(''));
        assert.deepStrictEqual(Object.keys(r), ['n', 'ms', 'heapMB', 'cpuMs']);
        assert.strictEqual(r.n, 5000);
        assert.ok(r.ms > 0 && r.cpuMs > 0 && Number.isFinite(r.heapMB));
      });
    }
  }

  it('refuses unknown flags values with one line and exit 2', async () => {
    for (const [args, message] of [
      [['inserts', '--keys', 'float64'], '--keys must be int64 or string, got "float64"'],
      [['inserts', '--runtime', 'go'], '--runtime must be classic or swiss, got "go"'],
      [['inserts', '--n', '-3'], '--n must be a non-negative integer, got "-3"'],
      [['lookups'], 'the only benchmark is "inserts"'],
    ] as const) {
      const io = memoryIO();
      assert.strictEqual(await run(['bench', ...args], io), 2);
      assert.strictEqual(io.stderr.length, 1);
      assert.ok(io.stderr[0].startsWith('gomap bench: ') && io.stderr[0].includes(message), io.stderr[0]);
    }
  });
});
