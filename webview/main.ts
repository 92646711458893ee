/**
 * The map panel's webview: header, memory, bucket layout ruler, overview strip and the virtualized
 * bucket list. It keeps nothing but what it draws; every message is checked with the shared
 * protocol's validators, and every key is set as text.
 */
import { CommandId, panelOperations } from '../src/protocol/commands';
import {
  ArrayName, IterationView, LookupView, MapView, PanelState, ToExtension, parsePanelState, parseToWebview, summaryText, tophashName,
} from '../src/protocol/messages';
import { BucketList } from './buckets';
import { bucketSegments, interleavedSegments, Segment } from './layout';
import { OverviewStrip } from './overview';
import { renderSvg } from './svg';
import { button, setEnabled } from './toolkit';

interface VsCodeApi {
  postMessage(message: ToExtension): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const initial = safeJson(app.dataset.initial);
const saved = parsePanelState(vscode.getState());
let state: PanelState = { sessionId: saved?.sessionId ?? (typeof initial?.sessionId === 'string' ? initial.sessionId : ''), scrollTop: saved?.scrollTop };
vscode.setState(state);

let map: MapView | undefined;
let receivedAt = 0;
let restoredScroll = false;

// ----- skeleton -----
const top = div('top');
const title = document.createElement('h1');
title.textContent = 'Go map';
const summary = div('summary');
summary.dataset.testid = 'summary';
summary.textContent = 'Waiting for the map…';
const toolbar = div('toolbar');
const buttons = new Map<CommandId, HTMLElement>();
for (const op of panelOperations) {
  const b = button(op.label, op.id, () => send({ type: 'run', command: op.id }), op.id === CommandId.Insert);
  b.dataset.command = op.id;
  buttons.set(op.id, b);
  toolbar.append(b);
}
const details = document.createElement('details');
details.className = 'details';
details.open = true;
const detailsSummary = document.createElement('summary');
detailsSummary.textContent = 'hmap header · memory · bucket layout';
details.append(detailsSummary);
const cards = div('cards');
details.append(cards);
const headerCard = card('hmap');
const memoryCard = card('memory');
const layoutCard = card('bucket layout');
cards.append(headerCard.root, memoryCard.root, layoutCard.root);
const result = div('result');
result.dataset.testid = 'result';
const legend = div('legend');
for (const [label, cssVar] of [
  ['stored top hash', '--stored'], ['emptyOne', '--empty-one'], ['emptyRest', '--empty-rest'],
  ['evacuatedX', '--evac-x'], ['evacuatedY', '--evac-y'], ['evacuatedEmpty', '--evac-empty'],
] as const) {
  const s = document.createElement('span');
  s.textContent = label;
  s.style.setProperty('--c', `var(${cssVar})`);
  legend.append(s);
}
top.append(title, summary, toolbar, details, result);
app.append(top);
const overview = new OverviewStrip(top, (bucket) => list.scrollToRow(bucket));
top.append(legend);
const list = new BucketList(
  app,
  (array, start, end, revision) => send({ type: 'viewport', revision, array, start, end }),
  (array, bucket) => send({ type: 'selected', array, bucket }),
  (scrollTop) => saveScroll(scrollTop),
);
list.onComplete = (revision) => {
  send({ type: 'rendered', revision, ms: Math.round((performance.now() - receivedAt) * 10) / 10 });
};
list.scroller.addEventListener('scroll', () => {
  const r = list.visibleRange();
  overview.setView(r.first, r.last);
});

window.addEventListener('message', (e: MessageEvent) => {
  const m = parseToWebview(e.data);
  if (!m) {
    console.warn('go map panel: dropped a malformed message', e.data);
    return;
  }
  switch (m.type) {
    case 'map':
      receivedAt = performance.now();
      showMap(m.map);
      return;
    case 'noMap':
      summary.textContent = m.reason;
      title.textContent = 'No map';
      return;
    case 'buckets':
      list.receive(m.revision, m.array, m.start, m.buckets);
      return;
    case 'lookup':
      showLookup(m.lookup);
      return;
    case 'iteration':
      showIteration(m.iteration);
      return;
    case 'reveal':
      list.reveal(m.array, m.bucket, m.chainIndex, m.slot);
      return;
    case 'requestSvg': {
      const css = getComputedStyle(document.body);
      const svg = map ? renderSvg(map, list.visibleRange(), (a, i) => list.bucket(a, i), (v, f) => css.getPropertyValue(v).trim() || f) : '<svg xmlns="http://www.w3.org/2000/svg"/>';
      send({ type: 'svg', requestId: m.requestId, svg });
      return;
    }
    default: {
      const never: never = m;
      void never;
    }
  }
});

send({ type: 'ready' });

function showMap(m: MapView): void {
  const revisionChanged = map?.revision !== m.revision;
  map = m;
  title.textContent = `${m.title} · ${m.type.goarch}`;
  summary.textContent = summaryText(m);
  if (revisionChanged) list.highlight.slots = new Map();
  renderHeader(m);
  renderMemory(m);
  renderLayout(m);
  setEnabled(buttons.get(CommandId.Undo)!, m.history.position > 0);
  setEnabled(buttons.get(CommandId.Redo)!, m.history.position < m.history.length);
  setEnabled(buttons.get(CommandId.StepGrowth)!, m.header.growing);
  setEnabled(buttons.get(CommandId.FinishGrowth)!, m.header.growing);
  overview.set(m.overview.find((o) => o.array === 'buckets'));
  list.setMap(m);
  if (!restoredScroll && state.scrollTop !== undefined) {
    restoredScroll = true;
    list.scroller.scrollTop = state.scrollTop;
  }
  list.render();
  const r = list.visibleRange();
  overview.setView(r.first, r.last);
}

function renderHeader(m: MapView): void {
  const h = m.header;
  const flags = [h.flags & 1 ? 'iterator' : '', h.flags & 2 ? 'oldIterator' : '', h.flags & 4 ? 'hashWriting' : '', h.flags & 8 ? 'sameSizeGrow' : ''].filter(Boolean);
  headerCard.set([
    ['count', String(h.count)],
    ['B', `${h.B} (${h.nbuckets} buckets)`],
    ['noverflow', String(h.noverflow)],
    ['overflow buckets', String(h.overflowBuckets)],
    ['hash0', h.hash0],
    ['flags', `${h.flags}${flags.length ? ` (${flags.join('|')})` : ''}`],
    ['oldbuckets', h.growing ? `${h.noldbuckets} (${h.sameSizeGrow ? 'same-size' : 'doubling'} growth)` : 'nil'],
    ['nevacuate', String(h.nevacuate)],
    ['preallocated overflow free', String(h.nextOverflowFree)],
    ['history', `${m.history.position}/${m.history.length}${m.history.last ? ` · ${m.history.last}` : ''}`],
    ['hash', h.hasher],
    ['seed', String(m.seed)],
  ]);
}

function renderMemory(m: MapView): void {
  if (m.pending) {
    memoryCard.set([['live / allocated', 'counting the buckets…']]);
    return;
  }
  const rows: [string, string][] = [
    ['live (buckets in use, hmap, indirect objects)', `${m.memory.liveBytes.toLocaleString('en-US')} B`],
    ['allocated', `${m.memory.allocatedBytes.toLocaleString('en-US')} B`],
  ];
  for (const p of m.memory.parts) rows.push([p.label, p.text]);
  const ratio = m.memory.liveBytes > 0 ? (m.memory.allocatedBytes / m.memory.liveBytes).toFixed(2) : '—';
  rows.push(['allocated / live', ratio]);
  memoryCard.set(rows);
}

function renderLayout(m: MapView): void {
  const t = m.type;
  const segs = bucketSegments(t);
  const inter = { segments: interleavedSegments(t), size: t.interleaved.bucketsize };
  const body = document.createElement('div');
  const scale = 520 / Math.max(t.bucketsize, inter.size);
  const label = (text: string): HTMLElement => {
    const d = div('ruler-label');
    d.textContent = text;
    return d;
  };
  body.append(
    label(`bmap: ${t.bucketsize} bytes (${t.paddingBytes} padding) · key ${t.keysize} B${t.indirectkey ? ' (indirect)' : ''}, elem ${t.elemsize} B${t.indirectelem ? ' (indirect)' : ''} · ${t.bucketPtrdata ? `GC scans ${t.bucketPtrdata} B` : 'no pointers: never scanned'}`),
    ruler(segs, scale),
    label(`interleaved ${t.interleaved.pairType} pairs would take ${inter.size} bytes (${t.interleaved.paddingBytes} padding)${t.interleaved.savedPerBucket > 0 ? `: grouping saves ${t.interleaved.savedPerBucket} bytes per bucket` : ''}`),
    ruler(inter.segments, scale),
  );
  layoutCard.body.replaceChildren(body);
}

function ruler(segs: Segment[], scale: number): HTMLElement {
  const r = div('ruler');
  for (const s of segs) {
    const d = div(`seg ${s.kind}`);
    d.style.width = `${Math.max(2, s.bytes * scale)}px`;
    d.textContent = s.bytes * scale > 40 ? `${s.label} ${s.bytes}` : '';
    d.title = `${s.label}: ${s.bytes} bytes`;
    r.append(d);
  }
  return r;
}

function showLookup(l: LookupView): void {
  const lines = [`lookup ${l.key}: ${l.found ? `found, = ${l.elem}` : 'not found'}`];
  const marks = new Map<string, string>();
  let array: ArrayName = 'buckets';
  let bucket = 0;
  let chainIndex = 0;
  for (const s of l.steps) {
    switch (s.kind) {
      case 'hash':
        lines.push(`  hash ${s.hash} → bucket ${s.bucket}, tophash 0x${s.tophash.toString(16)}`);
        break;
      case 'oldbucket':
        lines.push(`  growing: old bucket ${s.oldbucket} ${s.evacuated ? 'already evacuated, look in the new array' : 'not evacuated yet, look there'}`);
        break;
      case 'bucket':
        array = s.array;
        bucket = s.bucket;
        chainIndex = s.chainIndex;
        lines.push(`  ${s.array === 'oldbuckets' ? 'old ' : ''}bucket ${s.bucket}${s.chainIndex ? ` overflow ${s.chainIndex}` : ''}`);
        break;
      case 'slot':
        marks.set(`${array}:${bucket}:${chainIndex}:${s.slot}`, s.match === 'found' ? 'hl-found' : 'hl-visited');
        lines.push(`    slot ${s.slot}: ${tophashName(s.tophash)} — ${s.match}`);
        break;
    }
  }
  result.textContent = lines.join('\n');
  list.highlight.slots = marks;
  const target = l.where ?? (l.steps.find((s) => s.kind === 'bucket') as { array: ArrayName; bucket: number } | undefined);
  if (target) list.reveal(target.array, target.bucket);
  list.render();
}

function showIteration(it: IterationView): void {
  result.textContent = `range: start bucket ${it.startBucket}, offset ${it.offset}; ${it.total} keys in this order:\n  ${it.keys.join(', ')}${it.total > it.keys.length ? ', …' : ''}`;
}

function saveScroll(scrollTop: number): void {
  state = { ...state, scrollTop };
  vscode.setState(state);
}

function send(m: ToExtension): void {
  vscode.postMessage(m);
}

function div(cls: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = cls;
  return d;
}

function card(name: string): { root: HTMLElement; body: HTMLElement; set(rows: [string, string][]): void } {
  const root = div('card');
  const h = document.createElement('h2');
  h.textContent = name;
  const body = div('');
  root.append(h, body);
  return {
    root,
    body,
    set(rows) {
      const dl = document.createElement('dl');
      dl.className = 'kv';
      for (const [k, v] of rows) {
        const dt = document.createElement('dt');
        dt.textContent = k;
        const dd = document.createElement('dd');
        dd.textContent = v;
        dl.append(dt, dd);
      }
      body.replaceChildren(dl);
    },
  };
}

function safeJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
