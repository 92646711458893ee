/**
 * The three cards above the rows: the runtime's header fields, the memory the map holds (as pprof
 * counts it), and the layout of a bucket or group with its padding. Each is a `<details>` the user
 * can fold (remembered with the panel's state); together they fit above the rows at 1440×900
 * without a scroll box of their own. Every field's explanation is its tooltip.
 */
import { FieldView, LayoutView, MapView, MemoryView, RulerView } from '../src/protocol/messages';
import { thousands } from './format';

export type CardName = 'hmap' | 'memory' | 'layout';

export interface Card {
  root: HTMLDetailsElement;
  title: HTMLElement;
  body: HTMLElement;
}

export function makeCard(name: CardName, title: string, folded: boolean, onToggle: (name: CardName, open: boolean) => void): Card {
  const root = document.createElement('details');
  root.className = 'card';
  root.dataset.testid = `card-${name}`;
  root.open = !folded;
  const summary = document.createElement('summary');
  const h = document.createElement('span');
  h.className = 'card-title';
  h.textContent = title;
  summary.append(h);
  const body = document.createElement('div');
  body.className = 'card-body';
  root.append(summary, body);
  root.addEventListener('toggle', () => onToggle(name, root.open));
  return { root, title: h, body };
}

function text(tag: string, cls: string, s: string, title?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  e.textContent = s;
  if (title) e.title = title;
  return e;
}

/** Header fields as a grid of name over value, the runtime's comment as each one's tooltip. */
export function renderHeader(card: Card, m: MapView): void {
  card.title.textContent = m.runtime.kind === 'classic' ? 'hmap' : 'Map';
  const grid = document.createElement('div');
  grid.className = 'fields';
  const add = (f: FieldView, cls = 'field'): void => {
    const cell = document.createElement('div');
    cell.className = cls;
    cell.title = `${f.name}: ${f.explain}`;
    cell.append(text('div', 'fname', f.name), text('div', 'fvalue', f.value));
    grid.append(cell);
  };
  for (const f of m.header) add(f);
  const about = document.createElement('div');
  about.className = 'about';
  for (const f of m.about) about.append(text('span', '', `${f.name}: ${f.value}`, f.explain));
  about.append(text('span', '', `history: ${m.history.position}/${m.history.length}${m.history.last ? ` · ${m.history.last}` : ''}`, 'operations applied / recorded (undo and redo move between them)'));
  card.body.replaceChildren(grid, about);
}

const bytes = (n: number): string => `${thousands(n)} B`;

export function renderMemory(card: Card, memory: MemoryView | undefined): void {
  if (!memory) {
    card.body.replaceChildren(text('div', 'muted', 'counting the buckets…'));
    return;
  }
  const list = document.createElement('div');
  list.className = 'mem';
  for (const l of memory.lines) {
    const row = document.createElement('div');
    row.className = `mem-line ${l.kind}`;
    row.title = l.explain;
    const name = l.objects !== undefined && l.kind === 'total' ? `${l.name}, ${thousands(l.objects)} ${l.objects === 1 ? 'object' : 'objects'} (inuse_objects)` : l.name;
    row.append(text('span', 'mem-name', name), text('span', 'mem-bytes', bytes(l.bytes)));
    list.append(row);
  }
  card.body.replaceChildren(list);
}

export function renderLayout(card: Card, layout: LayoutView): void {
  card.title.textContent = layout.title;
  const widest = Math.max(1, ...layout.rulers.map((r) => r.bytes));
  const parts: HTMLElement[] = [];
  for (const r of layout.rulers) parts.push(text('div', 'ruler-label', r.label), ruler(r, widest));
  const notes = document.createElement('ul');
  notes.className = 'notes';
  for (const n of layout.notes) notes.append(text('li', '', n));
  card.body.replaceChildren(...parts, notes);
}

/** A byte ruler: each segment as wide as its bytes, relative to the widest ruler of the card. */
function ruler(r: RulerView, widest: number): HTMLElement {
  const d = document.createElement('div');
  d.className = 'ruler';
  d.style.width = `${Math.max(30, (r.bytes / widest) * 100)}%`;
  for (const s of r.segments) {
    const seg = text('div', `seg ${s.kind}`, '', `${s.label}: ${s.bytes} ${s.bytes === 1 ? 'byte' : 'bytes'}`);
    seg.style.flexGrow = String(s.bytes);
    seg.style.flexBasis = '0';
    if (s.bytes / r.bytes > 0.12) seg.textContent = `${s.label.split(' ')[0]} ${s.bytes}`;
    d.append(seg);
  }
  return d;
}
