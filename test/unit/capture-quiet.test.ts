/**
 * The capture's requests as the debugger's user sees them: which `evaluate` context each is sent
 * in, and what happens when one gets no answer. Delve answers a failed `evaluate` in context
 * "variables" with `showUser: true`, and VS Code shows each such failure as an error notification
 * (checked against Delve 1.21.2 and 1.27.2: "watch" sends the same error with `showUser: false`,
 * and cuts a value with children at 256 characters plus `...`). A capture's probes fail by design
 * (the other runtime's types, an expression that is not a map), so they must go as "watch".
 * The fake adapter below answers as Delve 1.27.2 did for `len(visits)` in test/e2e/debug-go/prog.
 */
import * as assert from 'assert';
import { CaptureError, NoAnswer, captureMap, describeRequest } from '../../src/core/capture';
import { Reader } from '../../src/core/capture/reader';

interface Sent { expression: string; context: string }

/**
 * Delve over a paused frame where `visits` has 149 entries: `len(visits)` is the int 149, the
 * pointer size probe answers 0x1000 + 8, `runtime.buildVersion` a Go version; taking the address
 * of `(len(visits))` fails with Delve's message, and so does every type the fake does not know.
 */
function fakeDelve(answers: Record<string, { result: string; type?: string; variablesReference?: number } | undefined>) {
  const sent: Sent[] = [];
  const send = async (command: string, args: Record<string, unknown>) => {
    assert.strictEqual(command, 'evaluate');
    const expression = String(args.expression);
    sent.push({ expression, context: String(args.context) });
    if (expression in answers) {
      const a = answers[expression];
      if (a === undefined) return new Promise(() => undefined); // never answered
      return a;
    }
    if (expression.includes('&(len(visits))')) throw new Error('Unable to evaluate expression: can not take address of "(len(visits))"');
    throw new Error('Unable to evaluate expression: no type entry found, use \'types\' for a list of valid types');
  };
  return { send, sent };
}

const nonMap = {
  'len(visits)': { result: '149', type: 'int' },
  'uintptr(&(*(*[2]uintptr)(0x1000))[1])': { result: '4104', type: 'uintptr' },
  'runtime.buildVersion': { result: '"go1.26.8"', type: 'string' },
};

describe('capture: the requests a user of the debugger sees', () => {
  it('a non-map expression is refused in one line, every request sent as a quiet probe ("watch")', async () => {
    const d = fakeDelve(nonMap);
    await assert.rejects(captureMap(d.send, 'len(visits)', { frameId: 1000 }), (e: Error) => {
      assert.ok(e instanceof CaptureError);
      assert.strictEqual(e.message, 'len(visits) is not a map: its type is int (149)');
      return true;
    });
    // The first wave: the expression, its header's address, the pointer size, the Go version, the
    // header as either runtime, three row widths, and the early directory (its slots, two tables):
    // 12 requests, every one of which may fail by design.
    assert.strictEqual(d.sent.length, 12);
    assert.deepStrictEqual([...new Set(d.sent.map((s) => s.context))], ['watch']);
    assert.ok(d.sent.some((s) => s.expression === '*(*uintptr)(uintptr(&(len(visits))))'));
  });

  it('a probe whose answer Delve cut at 256 characters is asked again in "variables" for the whole text', async () => {
    const full = `runtime.hmap {count: 149, ${'x: 1, '.repeat(60)}extra: nil}`;
    const sent: Sent[] = [];
    const r = new Reader(async (_c, args) => {
      sent.push({ expression: String(args.expression), context: String(args.context) });
      return { result: args.context === 'watch' ? `${full.slice(0, 256)}...` : full, type: 'runtime.hmap', variablesReference: 7 };
    }, 1);
    const e = await r.tryEvaluate('*(*runtime.hmap)(0xc000010000)');
    assert.ok(typeof e !== 'string');
    assert.strictEqual(e.result, full);
    assert.deepStrictEqual(sent.map((s) => s.context), ['watch', 'variables']);
    // Unless only its type and start are wanted (the user's expression: is it a map?).
    sent.length = 0;
    const head = await r.tryEvaluate('visits', false);
    assert.ok(typeof head !== 'string' && head.result.endsWith('...'));
    assert.deepStrictEqual(sent.map((s) => s.context), ['watch']);
    // A short answer is taken as it is: one request.
    sent.length = 0;
    const r2 = new Reader(async (_c, args) => (sent.push({ expression: String(args.expression), context: String(args.context) }), { result: '183' }), 1);
    assert.strictEqual(await r2.integer('uintptr(&x)'), 183n);
    assert.deepStrictEqual(sent.map((s) => s.context), ['watch']);
  });

  it('reads of what is known to be there go as "variables" (whole text, long strings reloaded)', async () => {
    const sent: Sent[] = [];
    const r = new Reader(async (_c, args) => (sent.push({ expression: String(args.expression), context: String(args.context) }), { result: `[2]uint64 [1,2]` }), 1);
    await r.readBytes(0x1000n, 16);
    assert.deepStrictEqual(sent, [{ expression: '*(*[2]uint64)(0x1000)', context: 'variables' }]);
  });

  it('a request that gets no answer fails the capture in one line naming it, within the bound', async () => {
    const d = fakeDelve({ ...nonMap, 'len(visits)': undefined });
    const started = Date.now();
    await assert.rejects(captureMap(d.send, 'len(visits)', { frameId: 1000, requestTimeoutMs: 50 }), (e: Error) => {
      assert.ok(e instanceof NoAnswer);
      assert.strictEqual(e.message, 'the debug adapter did not answer evaluate "len(visits)" within 50 ms: is the program still paused, and its debugger alive?');
      return true;
    });
    // 50 ms and the event loop's turns, not a hang (generous for a loaded machine).
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  it('a probe with no answer is not taken for a failed probe', async () => {
    const r = new Reader(() => new Promise(() => undefined), 1, { requestTimeoutMs: 20 });
    await assert.rejects(r.tryEvaluate('runtime.buildVersion'), NoAnswer);
  });

  it('names a request in a few words: a long expression is cut, others by goroutine or reference', () => {
    const long = `*(*"internal/runtime/maps.table")(${'x'.repeat(200)})`;
    assert.strictEqual(describeRequest('evaluate', { expression: long }), `evaluate ${JSON.stringify(`${long.slice(0, 120)}…`)}`);
    assert.strictEqual(describeRequest('stackTrace', { threadId: 1, startFrame: 0, levels: 1 }), 'stackTrace of goroutine 1');
    assert.strictEqual(describeRequest('variables', { variablesReference: 1001 }), 'variables of reference 1001');
    assert.strictEqual(describeRequest('threads', {}), 'threads');
  });
});
