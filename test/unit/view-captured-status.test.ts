/**
 * Where a captured map's debug session stands (`CapturedSession.debugState`), as the panel reads it
 * (`MapView.captured`, checked by the message contract), for the extension's glue to drive: the
 * capture is of this stop, the program stopped again (Refresh), it runs, or it is gone. The capture
 * is the real one of `test/capture/prog` at main.go:120 (`small`, Go 1.26.8, see
 * view-captured.test.ts); the sentences are the ones the panel shows, compared whole.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CapturedSwiss } from '../../src/core/capture/types';
import { readOnlyMessage } from '../../src/core/view/captured';
import { CapturedSession, capturedDirectory, statusText } from '../../src/core/view/capturedSession';
import { parseToWebview } from '../../src/protocol/messages';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'capture', `${name}.json`), 'utf8')) as CapturedSwiss;
const capture = fixture('swiss-small');

describe('view: where a captured map\'s debug session stands', () => {
  it('writes one sentence per state, naming the expression and where it was read', () => {
    assert.strictEqual(statusText(capture, 'current'), 'read-only: small as the process holds it at main.go:120, this stop');
    assert.strictEqual(statusText(capture, 'stale'), 'the program stopped again: Refresh reads small there and says what changed since main.go:120');
    assert.strictEqual(statusText(capture, 'stale', 'main.go:131'), 'the program stopped again at main.go:131: Refresh reads small there and says what changed since main.go:120');
    assert.strictEqual(statusText(capture, 'running'), 'the program is running: this is small as it was at main.go:120; Refresh once it stops again');
    assert.strictEqual(statusText(capture, 'ended'), 'the debug session ended and the process is gone: this is small as it was at main.go:120');
  });

  it('goes stale at a stop, current again at a refresh, and stays ended once the process is gone', () => {
    const s = new CapturedSession('c1', capture, 'captureprog');
    assert.deepStrictEqual(s.status(), { state: 'current', text: statusText(capture, 'current'), readOnly: readOnlyMessage });
    assert.strictEqual(s.setDebugState('running'), true);
    assert.strictEqual(s.setDebugState('running'), false, 'no change, nothing to tell the panel');
    assert.strictEqual(s.setDebugState('stale'), true);
    // VS Code asks for the stopped goroutine's stack after the stop: where it stopped follows.
    assert.strictEqual(s.setDebugState('stale', 'main.go:131'), true);
    assert.strictEqual(s.status().text, statusText(capture, 'stale', 'main.go:131'));
    const revision = s.revision;
    s.refresh(JSON.parse(JSON.stringify(capture)));
    assert.strictEqual(s.debugState, 'current');
    assert.strictEqual(s.revision, revision + 1);
    assert.strictEqual(s.setDebugState('ended'), true);
    assert.strictEqual(s.setDebugState('stale'), false);
    assert.strictEqual(s.setDebugState('current'), false);
    s.refresh(JSON.parse(JSON.stringify(capture)));
    assert.strictEqual(s.debugState, 'ended', 'a refresh cannot bring the process back');
  });

  it('puts the state in the map view; the state change alone keeps the revision (the panel keeps its last outcome)', () => {
    const s = new CapturedSession('c2', capture);
    const before = s.mapView();
    s.setDebugState('stale', 'main.go:131');
    const after = s.mapView();
    assert.strictEqual(after.revision, before.revision);
    assert.deepStrictEqual(after.captured, { state: 'stale', text: statusText(capture, 'stale', 'main.go:131'), readOnly: readOnlyMessage });
    // The view crosses to the webview through the contract's validation, the state included.
    const m = JSON.parse(JSON.stringify({ type: 'map', map: after }));
    assert.deepStrictEqual(parseToWebview(m), m);
    m.map.captured.state = 'paused';
    assert.strictEqual(parseToWebview(m), undefined, 'an unknown state is dropped');
  });
});

describe('view: a captured Swiss map\'s directory', () => {
  it('spans each table over its run of entries, with the tombstones its control bytes hold', () => {
    // swiss-tomb (view-captured.test.ts): one 1024-slot table, 712 used, 99 tombstones; a
    // directory of one entry (globalDepth 0), so the table spans 2^(0 - 0) = 1 entry from 0.
    const c = fixture('swiss-tomb');
    assert.deepStrictEqual(capturedDirectory(c), {
      globalDepth: 0, entries: 1, runs: [{ array: 'table-0', start: 0, length: 1, localDepth: 0, used: 712, capacity: 1024, tombstones: 99 }],
    });
    assert.deepStrictEqual(new CapturedSession('d', c).mapView().directory, capturedDirectory(c));
    // A small map (one group, dirLen 0) has no directory.
    assert.strictEqual(capturedDirectory(capture), undefined);
    assert.strictEqual(new CapturedSession('e', capture).mapView().directory, undefined);
  });
});
