import * as assert from 'assert';
import type { StructureNode } from '../../../src/extension/tree';
import { api, newMap } from './helpers';

describe('structure tree', () => {
  it('shows the active map: summary, tophash state counts, buckets → chain → slots', async () => {
    const s = await newMap('string', 'int', 0, 12); // B = 1: 2 buckets
    const a = await api();
    const root = a.tree.getChildren();
    assert.deepStrictEqual(root.map((n) => n.kind), ['summary', 'states', 'array']);
    const summary = a.tree.getTreeItem(root[0]);
    assert.match(String(summary.description), /count 12 · B 1 · buckets 2/);
    const states = a.tree.getChildren(root[1]) as Extract<StructureNode, { kind: 'state' }>[];
    const stored = states.find((n) => n.name === 'full');
    assert.strictEqual(stored?.count, 12);
    const buckets = a.tree.getChildren(root[2]);
    assert.strictEqual(buckets.length, 2);
    const label = a.tree.getTreeItem(buckets[0]);
    assert.match(String(label.label), /^bucket 0$/);
    assert.match(String(label.description), /^chain \d+ · \d+ live$/);
    const chain = a.tree.getChildren(buckets[0]);
    assert.ok(chain.length >= 1);
    const slots = a.tree.getChildren(chain[0]);
    assert.strictEqual(slots.length, 8);
    const texts = slots.map((n) => a.tree.getTreeItem(n));
    assert.ok(texts.every((t) => /^slot \d · /.test(String(t.label))));
    assert.strictEqual(texts[0].command?.command, 'goMapInspector.revealInPanel');
    void s;
  });

  it('shows old buckets as their own branch while growing', async () => {
    await newMap('int64', 'int64', 0, 53);
    const a = await api();
    const root = a.tree.getChildren();
    assert.ok(root.some((n) => n.kind === 'array' && n.array === 'oldbuckets'));
  });

  it('opens a 2^20-bucket map at once: children come in ranges of at most 256', async () => {
    await newMap('int64', 'int64', 13 * 2 ** 19, 0);
    const a = await api();
    const t0 = Date.now();
    const root = a.tree.getChildren();
    const top = a.tree.getChildren(root[2]);
    assert.ok(top.length <= 256, `${top.length} children`);
    const second = a.tree.getChildren(top[0]);
    assert.ok(second.length <= 256);
    const leaves = a.tree.getChildren(second[0]);
    assert.strictEqual(leaves[0].kind, 'bucket');
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
  });
});
