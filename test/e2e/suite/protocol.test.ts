import * as assert from 'assert';
import { CommandId } from '../../../src/protocol/commands';
import { parsePanelState, parseToExtension, parseToWebview } from '../../../src/protocol/messages';
import { newMap } from './helpers';

describe('protocol: every message is validated on receipt', () => {
  it('accepts the webview\'s well-formed messages and drops the rest', () => {
    assert.ok(parseToExtension({ type: 'ready' }));
    assert.ok(parseToExtension({ type: 'viewport', revision: 3, array: 'buckets', start: 0, end: 64 }));
    assert.ok(parseToExtension({ type: 'run', command: CommandId.Insert }));
    const bad: unknown[] = [
      null, 42, 'ready', {}, { type: 'nope' },
      { type: 'viewport', revision: 3, array: 'buckets', start: 10, end: 5 },
      { type: 'viewport', revision: -1, array: 'buckets', start: 0, end: 5 },
      { type: 'viewport', revision: 1, array: 'else where', start: 0, end: 5 },
      { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'svg', requestId: 1 },
      { type: 'rendered', revision: 1, ms: -5 },
    ];
    for (const m of bad) assert.strictEqual(parseToExtension(m), undefined, JSON.stringify(m));
  });

  it('accepts what the extension sends for a real map and rejects broken copies', async () => {
    const s = await newMap('string', 'int', 0, 20);
    const map = { type: 'map', map: s.mapView() };
    assert.ok(parseToWebview(map));
    const rows = { type: 'rows', revision: s.revision, array: 'buckets', start: 0, rows: s.rows('buckets', 0, 4) };
    assert.ok(parseToWebview(rows));
    const broken = JSON.parse(JSON.stringify(rows));
    broken.rows[0].groups[0].slots[0].byte = 300;
    assert.strictEqual(parseToWebview(broken), undefined);
    const short = JSON.parse(JSON.stringify(rows));
    short.rows[0].groups[0].slots.pop();
    assert.strictEqual(parseToWebview(short), undefined);
    const badState = JSON.parse(JSON.stringify(rows));
    badState.rows[0].groups[0].slots[0].state = '<img>';
    assert.strictEqual(parseToWebview(badState), undefined);
    assert.ok(parseToExtension({ type: 'slotDetail', requestId: 1, ref: { array: 'buckets', row: 0, group: 0, slot: 7 } }));
    assert.strictEqual(parseToExtension({ type: 'slotDetail', requestId: 1, ref: { array: 'buckets', row: 0, group: 0, slot: 8 } }), undefined);
    assert.strictEqual(parseToExtension({ type: 'viewport', revision: 1, array: '<script>', start: 0, end: 5 }), undefined);
    assert.strictEqual(parseToWebview({ type: 'map', map: { ...s.mapView(), header: null } }), undefined);
    assert.ok(parsePanelState({ sessionId: s.id, scrollTop: 10 }));
    assert.strictEqual(parsePanelState({ scrollTop: 10 }), undefined);
  });
});
