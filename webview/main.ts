/**
 * The map panel's webview: title and summary, the toolbar, the detail strip of the selected slot,
 * the three cards (header, memory, layout), the result of the last operation, the overview strip
 * and the virtualized rows. It draws the runtime-neutral view of `src/core/view` and keeps nothing
 * but what it draws; every message is checked with the shared protocol's validators, and every
 * key is set as text.
 */
import { CommandId, panelOperations } from '../src/protocol/commands';
import {
  MapView, PanelState, SlotDetailReply, SlotRef, ToExtension, parsePanelState, parseToWebview,
} from '../src/protocol/messages';
import { Requests, answer } from '../src/protocol/requests';
import { Card, CardName, makeCard, renderHeader, renderLayout, renderMemory } from './cards';
import { renderComparison } from './compare';
import { renderDirectory } from './directory';
import { renderGrowthSteps } from './growth';
import { slotKey } from './rows';
import { OverviewStrip } from './overview';
import { svgToPng } from './png';
import { showIteration, showLookup, showOutcome } from './result';
import { RowList, Zoom } from './rows';
import { CapturedBar } from './captured';
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
let state: PanelState = {
  sessionId: saved?.sessionId ?? (typeof initial?.sessionId === 'string' ? initial.sessionId : ''),
  scrollTop: saved?.scrollTop,
  zoom: saved?.zoom ?? 'detailed',
  folded: saved?.folded ?? [],
};
vscode.setState(state);
const requests = new Requests();

let map: MapView | undefined;
/** The growth step last drawn (`revision:step`), so a step scrolls into view once. */
let growthStepShown: string | undefined;
let receivedAt = 0;
let restoredScroll = false;

// ----- skeleton -----
const top = div('top');
const titleRow = div('title-row');
const title = document.createElement('h1');
title.textContent = 'Go map';
const subtitle = div('subtitle');
titleRow.append(title, subtitle);
// Which runtime the map follows, and why (the go.mod line, a setting).
const runtimeLine = div('runtime');
runtimeLine.dataset.testid = 'runtime';
const summary = div('summary');
summary.dataset.testid = 'summary';
summary.textContent = 'Waiting for the map…';
const toolbar = div('toolbar');
const buttons = new Map<CommandId, HTMLElement>();
for (const op of panelOperations) {
  // Compare is a toggle: a second press hides the comparison.
  const run = op.id === CommandId.Compare ? () => (compareBox.hidden ? send({ type: 'run', command: op.id }) : hideCompare()) : () => send({ type: 'run', command: op.id });
  const b = button(op.label, op.id, run, op.id === CommandId.Insert);
  b.dataset.command = op.id;
  buttons.set(op.id, b);
  toolbar.append(b);
}
const capturedBar = new CapturedBar((command) => send({ type: 'run', command }));
const opLabels = new Map(panelOperations.map((op) => [op.id, op.label]));
const zoomButton = button('', 'Slot width: compact (state byte) or detailed (key and elem)', () => setZoom(state.zoom === 'compact' ? 'detailed' : 'compact'));
zoomButton.dataset.testid = 'zoom';
toolbar.append(zoomButton);
const detail = div('slot-detail');
detail.dataset.testid = 'slot-detail';
detail.textContent = 'Click a slot to see its full key and elem in Go syntax.';
const cards = div('cards');
const folded = new Set(state.folded);
const onToggle = (name: CardName, open: boolean): void => {
  if (open) folded.delete(name);
  else folded.add(name);
  saveState({ folded: [...folded] });
};
const headerCard: Card = makeCard('hmap', 'hmap', folded.has('hmap'), onToggle);
const memoryCard: Card = makeCard('memory', 'memory (as pprof counts it)', folded.has('memory'), onToggle);
const layoutCard: Card = makeCard('layout', 'bucket layout', folded.has('layout'), onToggle);
cards.append(headerCard.root, memoryCard.root, layoutCard.root);
const note = div('note');
note.dataset.testid = 'note';
const result = div('result');
result.dataset.testid = 'result';
const legend = div('legend');
// The growth inside the last insert (a Swiss rehash or split), step by step, above the directory.
const growthBox = div('growth-steps');
growthBox.dataset.testid = 'growth-steps';
growthBox.hidden = true;
const compareBox = div('compare');
compareBox.dataset.testid = 'compare';
compareBox.hidden = true;
const directory = div('directory');
directory.dataset.testid = 'directory';
top.append(titleRow, runtimeLine, summary, capturedBar.root, toolbar, detail, compareBox, cards, note, result, directory);
app.append(top);
const overview = new OverviewStrip(top, (row) => (overviewArray ? list.reveal(overviewArray, row) : list.scrollToRow(row)));
let overviewArray: string | undefined;
top.append(legend);
directory.before(growthBox);
const list = new RowList(
  app,
  (array, start, end, revision) => send({ type: 'viewport', revision, array, start, end }),
  (ref) => select(ref),
  (scrollTop) => saveState({ scrollTop }),
);
list.onComplete = (revision) => {
  send({ type: 'rendered', revision, ms: Math.round((performance.now() - receivedAt) * 10) / 10 });
};
list.scroller.addEventListener('scroll', () => {
  const r = list.visibleRange();
  overview.setView(r.first, r.last);
});
setZoom(state.zoom ?? 'detailed');

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
    case 'rows':
      list.receive(m.revision, m.array, m.start, m.rows);
      return;
    case 'lookup': {
      const target = showLookup(result, m.lookup, list.highlight);
      if (target) list.reveal(target.array, target.row);
      list.render();
      return;
    }
    case 'iteration':
      showIteration(result, m.iteration);
      return;
    case 'outcome':
      showOutcome(result, m.outcome);
      return;
    case 'compare':
      renderComparison(compareBox, m.comparison, hideCompare);
      compareBox.scrollIntoView({ block: 'nearest' });
      return;
    case 'reveal':
      list.reveal(m.array, m.row, m.group, m.slot);
      if (m.slot !== undefined) select({ array: m.array, row: m.row, group: m.group ?? 0, slot: m.slot }, false);
      return;
    case 'png':
      void answer(m.requestId, () => svgToPng(m.png.svg, m.png.width, m.png.height), send);
      return;
    case 'reply':
      requests.receive(m);
      return;
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
  title.textContent = m.title;
  subtitle.textContent = m.subtitle;
  runtimeLine.textContent = `${m.runtime.label}${m.runtime.why ? ` · why: ${m.runtime.why}` : ''}`;
  summary.textContent = m.summary;
  const steps = m.growthSteps;
  const stepping = steps !== undefined && steps.step > 0;
  list.setMap(m);
  // The first lines' rows came with the map: a panel at the top draws its first frame without asking.
  for (const r of m.firstRows ?? []) list.receive(m.revision, r.array, r.start, r.rows);
  // The rows in view are asked for first: the extension answers while the rest is drawn (unless
  // the list is about to scroll elsewhere, to a saved position or a growth step).
  if (!stepping && (restoredScroll || state.scrollTop === undefined)) list.prefetch();
  if (revisionChanged) {
    list.highlight.slots = new Map();
    list.highlight.rows = undefined;
    result.replaceChildren();
    hideCompare();
  }
  renderGrowthSteps(growthBox, steps, () => send({ type: 'run', command: CommandId.StepGrowth }), () => send({ type: 'run', command: CommandId.FinishGrowth }), (array) => list.reveal(array, 0));
  // While a split's steps show the directory before and after, the strip of the map now waits.
  renderDirectory(directory, stepping && steps.directoryAfter ? undefined : m.directory, (array) => list.reveal(array, 0));
  list.highlight.slots = new Map([...list.highlight.slots].filter(([, c]) => c !== 'hl-landed'));
  if (steps?.mark) list.highlight.slots.set(slotKey(steps.mark), 'hl-landed');
  note.textContent = m.note ?? '';
  renderHeader(headerCard, m);
  renderMemory(memoryCard, m.memory);
  renderLayout(layoutCard, m.layout);
  renderLegend(m);
  setEnabled(buttons.get(CommandId.Undo)!, m.history.position > 0);
  setEnabled(buttons.get(CommandId.Redo)!, m.history.position < m.history.length);
  setEnabled(buttons.get(CommandId.StepGrowth)!, m.growth.growing);
  setEnabled(buttons.get(CommandId.FinishGrowth)!, m.growth.growing);
  capturedBar.show(m.captured, buttons, opLabels);
  const shown = m.overview.find((o) => o.array === 'buckets') ?? m.overview[0];
  overviewArray = shown?.array;
  overview.set(shown);
  // A strip of all rows says nothing when every row is on screen anyway.
  overview.canvas.hidden = !shown || shown.rows <= 16;
  if (steps) {
    // Swiss growth is not incremental: Step growth walks the recorded steps instead.
    setEnabled(buttons.get(CommandId.StepGrowth)!, true);
    setEnabled(buttons.get(CommandId.FinishGrowth)!, stepping);
  }
  // A new growth step starts at its first group, or at the slot the insert landed in.
  const stepShown = steps ? `${m.revision}:${steps.step}` : undefined;
  if (stepShown !== growthStepShown && stepping) {
    if (steps.mark) {
      list.reveal(steps.mark.array, steps.mark.row, steps.mark.group, steps.mark.slot);
      list.highlight.slots.set(slotKey(steps.mark), 'hl-landed'); // over reveal's own mark
    } else list.scrollToRow(0);
  }
  growthStepShown = stepShown;
  if (!restoredScroll && state.scrollTop !== undefined) {
    restoredScroll = true;
    list.scroller.scrollTop = state.scrollTop;
  }
  list.render();
  const r = list.visibleRange();
  overview.setView(r.first, r.last);
  if (list.selectedSlot && revisionChanged) select(list.selectedSlot, false);
}

const legendStates: Record<string, [string, string][]> = {
  classic: [['full', 'stored top hash'], ['emptyOne', 'emptyOne'], ['emptyRest', 'emptyRest'], ['evacuatedX', 'evacuatedX'], ['evacuatedY', 'evacuatedY'], ['evacuatedEmpty', 'evacuatedEmpty']],
  swiss: [['full', 'full (h2)'], ['empty', 'empty'], ['deleted', 'deleted (tombstone)']],
};

function hideCompare(): void {
  compareBox.hidden = true;
  compareBox.replaceChildren();
}

function renderLegend(m: MapView): void {
  legend.replaceChildren(...(legendStates[m.runtime.kind] ?? []).map(([st, label]) => {
    const s = document.createElement('span');
    s.className = `swatch ${st}`;
    s.textContent = label;
    return s;
  }));
}

/** Selects a slot: the detail strip shows its full key and elem (asked from the extension). */
function select(ref: SlotRef | { array: string; row: number }, tellHost = true): void {
  if (tellHost) send({ type: 'selected', array: ref.array, row: ref.row });
  if (!('slot' in ref)) return;
  list.selectedSlot = ref;
  list.render();
  void requests.send<SlotDetailReply>('the slot detail', (requestId) => send({ type: 'slotDetail', requestId, ref })).then((d) => {
    if (!d) {
      detail.textContent = 'This slot is not in the map any more.';
      return;
    }
    const where = `${d.ref.array === 'oldbuckets' ? 'old bucket' : d.ref.array === 'buckets' ? 'bucket' : d.ref.array} ${d.ref.row}${d.ref.group ? `, overflow ${d.ref.group}` : ''}, slot ${d.ref.slot}`;
    const parts: HTMLElement[] = [labelled('', where, 'where'), labelled('state', d.stateText, 'state')];
    if (d.key !== undefined) parts.push(labelled(`key (${d.keyType})`, d.key, 'key'), labelled(`elem (${d.elemType})`, d.elem ?? '', 'elem'));
    detail.replaceChildren(...parts);
  }, (e: Error) => {
    detail.textContent = e.message;
  });
}

function labelled(label: string, value: string, cls: string): HTMLElement {
  const d = div(`detail-${cls}`);
  if (label) {
    const l = document.createElement('span');
    l.className = 'detail-label';
    l.textContent = `${label}: `;
    d.append(l);
  }
  const v = document.createElement('span');
  v.className = 'detail-value';
  v.textContent = value;
  d.append(v);
  return d;
}

function setZoom(zoom: Zoom): void {
  zoomButton.textContent = zoom === 'compact' ? 'Zoom: compact' : 'Zoom: detailed';
  saveState({ zoom });
  list.setZoom(zoom);
}

function saveState(change: Partial<PanelState>): void {
  state = { ...state, ...change };
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

function safeJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
