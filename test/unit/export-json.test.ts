/**
 * The panel's "Export JSON" (`snapshotExportJson`, which `src/extension/commands/export.ts` writes):
 * the dump in the form the CLI prints (`dumpJson`), so NaN and ±Inf are "NaN", "+Inf", "-Inf"
 * (never null), interface values keep their dynamic type, and 64-bit integers beyond 2^53 are
 * decimal strings (issue 13).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { dumpJson } from '../../src/core/classic/trace';
import type { CapturedMap } from '../../src/core/capture/types';
import { CapturedSession } from '../../src/core/view/capturedSession';
import { snapshotExportJson } from '../../src/core/view/exportjson';
import { MapSession, MapSpec } from '../../src/core/view/session';

const spec = (key: string, elem: string, more: Partial<MapSpec> = {}): MapSpec => ({ key, elem, goarch: 'amd64', hint: 0, seed: 1, origin: 'test', ...more });

/** The export, checked to be one line in the CLI's form, parsed. */
function exported(s: MapSession | CapturedSession): { runtime: { kind: string }; snapshot?: Record<string, unknown>; captured?: Record<string, unknown>; spec?: Record<string, unknown> } {
  const text = snapshotExportJson(s);
  assert.ok(text.endsWith('\n') && !text.slice(0, -1).includes('\n'), 'one line and a newline');
  const parsed = JSON.parse(text);
  assert.strictEqual(dumpJson(parsed), text.slice(0, -1), 'the form dumpJson writes');
  return parsed;
}

/** The slots of a B = 0 classic map (one bucket, filled from slot 0 in insertion order). */
function bucket0(snapshot: Record<string, unknown>): { keys: unknown[]; elems: unknown[] } {
  return (snapshot.buckets as { keys: unknown[]; elems: unknown[] }[][])[0][0];
}

describe('export JSON: the dump as the CLI prints it', () => {
  it('writes NaN and ±Inf keys and elems as "NaN", "+Inf", "-Inf"', async () => {
    const s = await MapSession.create('a', spec('float64', 'float32'), 1000);
    for (const [k, e] of [['NaN', '-Inf'], ['+Inf', 'NaN'], ['-Inf', '+Inf'], [1.5, 0.25]]) await s.apply({ op: 'insert', key: k, elem: e });
    const x = exported(s);
    // Four distinct keys (NaN is never equal to a key already there): B = 0, slots 0-3 in order.
    assert.strictEqual(x.snapshot!.count, 4);
    assert.deepStrictEqual(bucket0(x.snapshot!).keys.slice(0, 4), ['NaN', '+Inf', '-Inf', 1.5]);
    assert.deepStrictEqual(bucket0(x.snapshot!).elems.slice(0, 4), ['-Inf', 'NaN', '+Inf', 0.25]);
  });

  it('keeps interface keys apart by dynamic type, written with their $type', async () => {
    // Go: map[any]int{1: 2, int64(1): 2, int8(1): 2, 1.0: 2} has 4 entries; a second 1 updates.
    const s = await MapSession.create('a', spec('any', 'int'), 1000);
    for (const k of [1, { $type: 'int64', value: 1 }, { $type: 'int8', value: 1 }, { $type: 'float64', value: 'NaN' }, 1]) await s.apply({ op: 'insert', key: k, elem: 2 });
    const x = exported(s);
    assert.strictEqual(x.snapshot!.count, 4);
    assert.deepStrictEqual(bucket0(x.snapshot!).keys.slice(0, 4), [1, { $type: 'int64', value: 1 }, { $type: 'int8', value: 1 }, { $type: 'float64', value: 'NaN' }]);
  });

  it('writes a Swiss map, uint64 keys past 2^53 in decimal, and the spec without declarations', async () => {
    const s = await MapSession.create('a', spec('uint64', 'any', { runtime: 'swiss', decls: [{ name: 'Unused', type: 'int' }] }), 1000);
    await s.apply({ op: 'insert', key: '18446744073709551615', elem: { $type: 'complex64', value: [1, '-Inf'] } });
    const x = exported(s);
    assert.strictEqual(x.runtime.kind, 'swiss');
    const group = x.snapshot!.group as { keys: unknown[]; elems: unknown[] };
    assert.deepStrictEqual(group.keys.filter((k) => k !== null), ['18446744073709551615']);
    assert.deepStrictEqual(group.elems.filter((k) => k !== null), [{ $type: 'complex64', value: [1, '-Inf'] }]);
    assert.strictEqual(x.spec!.decls, undefined);
  });

  it('writes a captured map as the capture read it', () => {
    const capture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'capture', 'swiss-small.json'), 'utf8')) as CapturedMap;
    const x = exported(new CapturedSession('c', capture));
    assert.deepStrictEqual(x.captured, JSON.parse(JSON.stringify(capture)));
    assert.strictEqual(x.runtime.kind, 'swiss');
  });
});
