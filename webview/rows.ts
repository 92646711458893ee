/**
 * The map's arrays, virtualized: only the rows in view exist in the DOM, and only their contents
 * are asked from the extension (in aligned blocks, cached per map revision). The arrays of the
 * runtime-neutral view sit side by side by column (a classic map's old buckets left of the new
 * ones while it grows), row i of every column on one line, each row's groups (a bucket and its
 * overflow chain) left to right; a heading names each column. Arrows from evacuated old slots run
 * in the gutter between the columns, never over text. Past a few million pixels the scroll position
 * is scaled, so 2^20 and more rows scroll like any list.
 *
 * Many arrays in one column (a Swiss map's tables, up to thousands) are stacked instead: one
 * scrolling list of lines, each table a heading line (`data-testid="table-heading"`) followed by its
 * groups, located by binary search over the tables' first lines (`Stack`).
 */
import { ArrayView, MapView, RowView, SlotRef, SlotView, stacked } from '../src/protocol/messages';

export type Zoom = 'compact' | 'detailed';

/**
 * Pixel sizes per zoom: the row height and the range of slot widths. The slot width is chosen to
 * fit every column's longest chain in view (old and new buckets, overflow buckets) in the panel's
 * width, within the range; below it the rows scroll sideways.
 */
const sizes: Record<Zoom, { minSlot: number; maxSlot: number; row: number }> = {
  compact: { minSlot: 30, maxSlot: 56, row: 42 },
  detailed: { minSlot: 34, maxSlot: 200, row: 60 },
};
/** Below this width a slot shows its state byte and the start of its key only. */
const narrowSlot = 64;
/** Between two groups of a chain: the `→` link and the flex gaps around it. */
const groupGap = 20;
/** A group's left and right borders. */
const groupBorder = 2;
/** A row's group boxes start this far below the row's top (`.col` top + the group's border). */
const slotTop = 4;
/** A slot is this much shorter than its row (`.slot` height); the rest is the lane between rows. */
const slotShorter = 10;
const indexWidth = 64;
const gutter = 56;
const headingHeight = 22;
/** Browsers cap element heights near 2^25 px; stay well below. */
const maxSpacer = 8_000_000;
const block = 64;
const overscan = 4;

export interface Highlight {
  /** `${array}:${row}:${group}:${slot}` → CSS class. */
  slots: Map<string, string>;
  /** `${array}:${row}` → CSS class of the row's groups (the groups a probe sequence visited). */
  rows?: Map<string, string>;
}

export const slotKey = (r: SlotRef): string => `${r.array}:${r.row}:${r.group}:${r.slot}`;
export const rowKey = (array: string, row: number): string => `${array}:${row}`;

/** Arrays stacked in one column: array i's heading is line `starts[i]`, its row r line `starts[i] + 1 + r`. */
class Stack {
  readonly starts: number[] = [];
  readonly index = new Map<string, number>();
  readonly total: number;

  constructor(readonly arrays: ArrayView[]) {
    let line = 0;
    arrays.forEach((a, i) => {
      this.starts.push(line);
      this.index.set(a.id, i);
      line += 1 + a.rows;
    });
    this.total = line;
  }

  /** The array and row (-1: its heading) drawn on `line`. */
  at(line: number): { a: ArrayView; row: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return { a: this.arrays[lo], row: line - this.starts[lo] - 1 };
  }

  lineOf(array: string, row: number): number | undefined {
    const i = this.index.get(array);
    return i === undefined ? undefined : this.starts[i] + 1 + row;
  }
}

export class RowList {
  readonly scroller: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly heading: HTMLDivElement;
  private readonly rowsLayer: HTMLDivElement;
  private readonly arrows: SVGSVGElement;
  private map?: MapView;
  /** Set when the arrays are stacked in one column (a Swiss map with several tables). */
  private stack?: Stack;
  private cache = new Map<string, RowView>();
  private pending = new Set<string>();
  private frame = 0;
  private selectedRow?: { array: string; row: number };
  selectedSlot?: SlotRef;
  highlight: Highlight = { slots: new Map() };
  zoom: Zoom = 'detailed';
  /** Called once per revision when every visible row is drawn with its data. */
  onComplete: (revision: number) => void = () => undefined;
  private completedRevision = -1;
  private slotWidth = sizes.detailed.maxSlot;

  constructor(
    parent: HTMLElement,
    private readonly request: (array: string, start: number, end: number, revision: number) => void,
    private readonly onSelect: (ref: SlotRef | { array: string; row: number }) => void,
    private readonly onScroll: (scrollTop: number) => void,
  ) {
    this.scroller = el('div', 'scroller');
    this.scroller.tabIndex = 0;
    this.heading = el('div', 'col-headings');
    this.spacer = el('div', 'spacer');
    this.rowsLayer = el('div', 'rows');
    this.arrows = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.arrows.classList.add('arrows');
    this.spacer.append(this.rowsLayer, this.arrows);
    this.scroller.append(this.heading, this.spacer);
    parent.append(this.scroller);
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      this.onScroll(this.scroller.scrollTop);
    });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.rowsLayer.addEventListener('click', (e) => {
      const slot = (e.target as HTMLElement).closest<HTMLElement>('[data-testid=slot]');
      const group = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (!group) return;
      const array = group.dataset.array!;
      const row = Number(group.dataset.row);
      this.selectedRow = { array, row };
      if (slot) {
        this.selectedSlot = { array, row, group: Number(group.dataset.group), slot: Number(slot.dataset.slot) };
        this.onSelect(this.selectedSlot);
      } else this.onSelect({ array, row });
      this.schedule();
    });
  }

  setMap(map: MapView): void {
    if (this.map?.revision !== map.revision) {
      this.cache = new Map();
      this.pending = new Set();
    }
    this.map = map;
    this.stack = stacked(map.arrays) ? new Stack(map.arrays) : undefined;
    this.schedule();
  }

  setZoom(zoom: Zoom): void {
    this.zoom = zoom;
    this.scroller.dataset.zoom = zoom;
    this.render();
  }

  receive(revision: number, array: string, start: number, rows: RowView[]): void {
    if (!this.map || revision !== this.map.revision) return;
    this.pending.delete(`${array}:${Math.floor(start / block)}`);
    for (const r of rows) this.cache.set(`${array}:${r.index}`, r);
    this.schedule();
  }

  /** Lines in the list: the longest array's rows, or every stacked table's heading and rows. */
  get rows(): number {
    if (this.stack) return this.stack.total;
    return this.map ? Math.max(0, ...this.map.arrays.map((a) => a.rows)) : 0;
  }

  private get rowHeight(): number {
    return sizes[this.zoom].row;
  }

  /** Scrolls row `row` into view and marks it (and a slot, if given). */
  reveal(array: string, row: number, group?: number, slot?: number): void {
    this.selectedRow = { array, row };
    this.highlight.slots = new Map([...this.highlight.slots].filter(([, c]) => c !== 'revealed'));
    // A slot already marked (found by a look-up, landed by an insert) keeps its mark.
    const key = slot === undefined ? undefined : slotKey({ array, row, group: group ?? 0, slot });
    if (key !== undefined && !this.highlight.slots.has(key)) this.highlight.slots.set(key, 'revealed');
    this.scrollToRow(this.stack?.lineOf(array, row) ?? row);
  }

  scrollToRow(row: number): void {
    const { spacerH, realH, viewH } = this.metrics();
    const realTop = Math.max(0, row * this.rowHeight - viewH / 3);
    this.scroller.scrollTop = realH <= spacerH ? realTop : (realTop / Math.max(1, realH - viewH)) * (spacerH - viewH);
    this.schedule();
  }

  /** The rows currently drawn (for the overview marker). */
  visibleRange(): { first: number; last: number } {
    const { first, last } = this.window();
    return { first, last };
  }

  row(array: string, i: number): RowView | undefined {
    return this.cache.get(`${array}:${i}`);
  }

  private metrics(): { realH: number; spacerH: number; viewH: number } {
    const realH = this.rows * this.rowHeight;
    return { realH, spacerH: Math.min(realH, maxSpacer), viewH: Math.max(1, (this.scroller.clientHeight || 600) - headingHeight) };
  }

  private window(): { first: number; last: number; realTop: number; s: number } {
    const { realH, spacerH, viewH } = this.metrics();
    const s = this.scroller.scrollTop;
    const realTop = realH <= spacerH || spacerH <= viewH ? s : (s / (spacerH - viewH)) * (realH - viewH);
    const first = Math.max(0, Math.floor(realTop / this.rowHeight));
    const last = Math.min(this.rows, Math.ceil((realTop + viewH) / this.rowHeight));
    return { first, last, realTop, s };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** The columns of the view, left to right, each with its arrays. */
  private columns(map: MapView): ArrayView[][] {
    const cols = [...new Set(map.arrays.map((a) => a.column))].sort((a, b) => a - b);
    return cols.map((c) => map.arrays.filter((a) => a.column === c));
  }

  /** Draws now (the first frame after a map message does not wait for an animation frame). */
  render(): void {
    const map = this.map;
    if (!map) return;
    if (this.stack) {
      this.renderStacked(map, this.stack);
      return;
    }
    const rowH = this.rowHeight;
    const { spacerH } = this.metrics();
    const { first, last, realTop, s } = this.window();
    const columns = this.columns(map);
    this.fetchVisible(map, first, last);

    // Each column is as wide as its longest chain among the rows in view; the slots are as wide as
    // lets every column fit in the panel.
    const chains = columns.map((arrays) => {
      let longest = 1;
      for (const a of arrays) for (let i = first; i < Math.min(last, a.rows); i++) longest = Math.max(longest, this.cache.get(`${a.id}:${i}`)?.groups.length ?? 1);
      return longest;
    });
    const slot = this.fitSlots(chains.reduce((a, b) => a + b, 0), columns.length);
    const groupW = 8 * slot + groupBorder + groupGap;
    const widths = chains.map((n) => n * groupW);
    const colX: number[] = [];
    let x = indexWidth + 8;
    for (const w of widths) {
      colX.push(x);
      x += w + gutter;
    }
    this.spacer.style.height = `${spacerH}px`;
    this.spacer.style.width = `${x}px`;
    this.heading.style.width = `${x}px`;
    this.heading.replaceChildren(...columns.map((arrays, c) => {
      const h = el('div', 'col-heading');
      h.style.left = `${colX[c]}px`;
      h.textContent = arrays.map((a) => a.title).join(' / ');
      h.dataset.testid = 'column-heading';
      return h;
    }));

    const frag = document.createDocumentFragment();
    let complete = true;
    for (let i = first; i < last; i++) {
      const row = el('div', 'row');
      row.style.top = `${s + i * rowH - realTop}px`;
      const index = el('div', 'index');
      index.textContent = String(i);
      row.append(index);
      columns.forEach((arrays, c) => {
        const col = el('div', 'col');
        col.style.left = `${colX[c]}px`;
        for (const a of arrays) {
          if (i >= a.rows) continue;
          const r = this.cache.get(`${a.id}:${i}`);
          if (r) col.append(...this.groups(a, r));
          else {
            complete = false;
            col.textContent = '…';
          }
        }
        row.append(col);
      });
      if (this.selectedRow?.row === i) row.classList.add('selected');
      frag.append(row);
    }
    this.rowsLayer.replaceChildren(frag);
    this.drawArrows(columns, colX, widths, first, last, s - realTop, groupW);
    if (complete && this.completedRevision !== map.revision) {
      this.completedRevision = map.revision;
      this.onComplete(map.revision);
    }
  }

  /** Sets the slot width to fit one group (of `groups` side by side) in the panel's width. */
  private fitSlots(groups: number, columns: number): number {
    const size = sizes[this.zoom];
    const avail = (this.scroller.clientWidth || 800) - indexWidth - 8 - gutter * columns - (groupGap + groupBorder) * groups;
    const slot = Math.max(size.minSlot, Math.min(size.maxSlot, Math.floor(avail / (8 * groups))));
    this.scroller.style.setProperty('--slot-w', `${slot}px`);
    this.scroller.style.setProperty('--row-h', `${this.rowHeight}px`);
    this.slotWidth = slot;
    return slot;
  }

  /** The stacked list: each table's heading line, then its groups, one per line. */
  private renderStacked(map: MapView, stack: Stack): void {
    const rowH = this.rowHeight;
    const { spacerH } = this.metrics();
    const { first, last, realTop, s } = this.window();
    const slot = this.fitSlots(1, 1);
    const x = indexWidth + 8;
    const width = x + 8 * slot + groupGap;
    this.spacer.style.height = `${spacerH}px`;
    this.spacer.style.width = `${width}px`;
    this.heading.style.width = `${width}px`;
    const top = first < last ? stack.at(first).a : undefined;
    const h = el('div', 'col-heading');
    h.style.left = `${x}px`;
    h.dataset.testid = 'column-heading';
    h.textContent = top ? `${top.title.split(' · ').slice(0, 3).join(' · ')} (of ${map.arrays.length} tables, in directory order)` : '';
    this.heading.replaceChildren(h);
    this.fetchVisible(map, first, last);
    const frag = document.createDocumentFragment();
    let complete = true;
    for (let i = first; i < last; i++) {
      const { a, row: r } = stack.at(i);
      const line = el('div', r < 0 ? 'row table-heading' : 'row');
      line.style.top = `${s + i * rowH - realTop}px`;
      if (r < 0) {
        line.dataset.testid = 'table-heading';
        line.dataset.array = a.id;
        line.textContent = a.title;
        line.style.paddingLeft = `${x}px`;
        frag.append(line);
        continue;
      }
      const index = el('div', 'index');
      index.textContent = String(r);
      const col = el('div', 'col');
      col.style.left = `${x}px`;
      const data = this.cache.get(`${a.id}:${r}`);
      if (data) col.append(...this.groups(a, data));
      else {
        complete = false;
        col.textContent = '…';
      }
      line.append(index, col);
      if (this.selectedRow?.array === a.id && this.selectedRow.row === r) line.classList.add('selected');
      frag.append(line);
    }
    this.rowsLayer.replaceChildren(frag);
    this.arrows.replaceChildren();
    if (complete && this.completedRevision !== map.revision) {
      this.completedRevision = map.revision;
      this.onComplete(map.revision);
    }
  }

  /**
   * Asks the extension now for the rows in view, before the rest of the panel draws the map, so
   * its answer is on the way while the cards and strips are built (`render` asks for whatever is
   * still missing).
   */
  prefetch(): void {
    if (!this.map) return;
    const { first, last } = this.window();
    this.fetchVisible(this.map, first, last);
  }

  /** Asks for lines `first..last` of every array in view (stacked: of every table with lines there). */
  private fetchVisible(map: MapView, first: number, last: number): void {
    if (!this.stack) {
      for (const a of map.arrays) this.fetch(a.id, first, last, a.rows, map.revision);
      return;
    }
    for (let line = first; line < last;) {
      const { a, row } = this.stack.at(line);
      const from = Math.max(0, row);
      const to = Math.min(a.rows, from + (last - line));
      if (to > from) this.fetch(a.id, from, to, a.rows, map.revision);
      line += a.rows - row;
    }
  }

  private fetch(array: string, first: number, last: number, n: number, revision: number): void {
    const lo = Math.max(0, first - overscan);
    const hi = Math.min(n, last + overscan);
    for (let b = Math.floor(lo / block); b * block < hi; b++) {
      const key = `${array}:${b}`;
      if (this.pending.has(key) || this.cached(array, Math.max(lo, b * block), Math.min(hi, (b + 1) * block))) continue;
      this.pending.add(key);
      this.request(array, b * block, Math.min(n, (b + 1) * block), revision);
    }
  }

  /** Whether rows [from, to) of `array` are all here (a block may be in part: the map view's first rows). */
  private cached(array: string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!this.cache.has(`${array}:${i}`)) return false;
    return true;
  }

  private groups(a: ArrayView, r: RowView): HTMLElement[] {
    const out: HTMLElement[] = [];
    r.groups.forEach((g, gi) => {
      if (gi > 0) {
        const link = el('span', 'chain-link');
        link.textContent = '→';
        link.title = `overflow ${gi}`;
        out.push(link);
      }
      const box = el('div', g.separate ? 'group separate' : 'group');
      const hl = this.highlight.rows?.get(rowKey(a.id, r.index));
      if (hl) box.classList.add(hl);
      box.dataset.array = a.id;
      box.dataset.row = String(r.index);
      box.dataset.group = String(gi);
      box.title = `${a.rowName} ${r.index}${gi > 0 ? `, overflow ${gi}${g.separate ? ' (allocated on its own)' : ' (preallocated)'}` : ''}`;
      g.slots.forEach((slot, si) => box.append(this.slot({ array: a.id, row: r.index, group: gi, slot: si }, slot)));
      out.push(box);
    });
    return out;
  }

  private slot(ref: SlotRef, s: SlotView): HTMLElement {
    const d = el('div', `slot ${s.state}`);
    d.dataset.testid = 'slot';
    d.dataset.state = s.state;
    d.dataset.tophash = String(s.byte);
    // A Swiss slot's control byte: ctrlEmpty, ctrlDeleted, or the key's h2.
    if (this.map?.runtime.kind === 'swiss') d.dataset.ctrl = String(s.byte);
    d.dataset.slot = String(ref.slot);
    const hl = this.highlight.slots.get(slotKey(ref));
    if (hl) d.classList.add(hl);
    const sel = this.selectedSlot;
    if (sel && slotKey(sel) === slotKey(ref)) d.classList.add('selected');
    const th = el('div', 'th');
    // Narrow slots (the panel beside a split editor) and the compact zoom keep the key AND the elem
    // in view: narrow detailed slots on three short lines (state, key, elem), compact ones as
    // `key: elem` on one line; an ellipsis marks what is cut, the tooltip and detail strip have it all.
    const compact = this.zoom === 'compact';
    const narrow = compact || this.slotWidth < narrowSlot;
    if (narrow) d.classList.add('narrow');
    const state = s.state === 'full' ? `0x${s.byte.toString(16).padStart(2, '0')}` : narrow ? shortNames[s.state] ?? s.state : s.state;
    th.textContent = narrow ? state : `${ref.slot} · ${state}`;
    d.append(th);
    if (s.key !== undefined) {
      const k = el(compact ? 'span' : 'div', 'k');
      k.textContent = s.key; // text, never HTML
      const v = el(compact ? 'span' : 'div', 'v');
      v.textContent = compact ? `: ${s.elem ?? ''}` : `= ${s.elem ?? ''}`;
      if (compact) {
        const kv = el('div', 'kv');
        kv.append(k, v);
        d.append(kv);
      } else d.append(k, v);
      d.title = `slot ${ref.slot}\n${s.key} = ${s.elem ?? ''}${s.cut ? '\n(cut: click for the full text)' : ''}`;
    } else {
      d.title = `slot ${ref.slot}: ${s.state}`;
    }
    return d;
  }

  /**
   * Arrows from evacuated old slots (`links`) to their destination bucket, routed so that they never
   * cross text: from the bottom of the slot down into the lane between its row and the next, along
   * the lane to the gutter after the old column, then through the gutter to the destination row's
   * first group. Every slot of old bucket i goes to new bucket i (X) or i + 2^(B-1) (Y), so a row has
   * at most two trunks. A destination off screen ends in a short stub in the gutter, pointing up or
   * down and labelled with its bucket index, so arrows stay attached to their slots while scrolling
   * instead of bunching at the edge of the view. Paths carry `data-from` (the slot) and `data-to`
   * (the destination row) for the tests.
   */
  private drawArrows(columns: ArrayView[][], colX: number[], widths: number[], first: number, last: number, offset: number, groupW: number): void {
    const ns = 'http://www.w3.org/2000/svg';
    this.arrows.replaceChildren();
    const rowH = this.rowHeight;
    const slotW = this.slotWidth;
    const columnOf = new Map<string, number>();
    columns.forEach((arrays, c) => arrays.forEach((a) => columnOf.set(a.id, c)));
    const rowTop = (i: number): number => offset + i * rowH;
    const paths: { cls: string; d: string; from: string; to: string; label?: { x: number; y: number; text: string; title: string } }[] = [];
    for (const arrays of columns) {
      for (const a of arrays) {
        for (let i = first; i < Math.min(last, a.rows); i++) {
          const r = this.cache.get(`${a.id}:${i}`);
          for (const l of r?.links ?? []) {
            const from = columnOf.get(a.id)!;
            const to = columnOf.get(l.toArray);
            if (to === undefined) continue;
            const cls = l.kind === 'evacuatedY' || l.kind === 'splitRight' ? 'y' : 'x'; // a Swiss rehash or left half: x
            const sx = colX[from] + l.group * groupW + 1 + l.slot * slotW + slotW / 2;
            const sy = rowTop(i) + rowH - slotShorter + slotTop - 3;
            // X and Y each have their own line in the lane, so neither hides the other.
            const lane = rowTop(i) + rowH - (cls === 'y' ? 0 : 3);
            const chainEnd = colX[from] + widths[from] - groupGap;
            const tx = chainEnd + 6 + (cls === 'y' ? 22 : 0) + (i % 3) * 5;
            const head = `M${sx},${sy} V${lane} H${tx}`;
            const id = `${a.id}:${i}:${l.group}:${l.slot}`;
            const dest = `${l.toArray}:${l.toRow}`;
            if (l.toRow >= first && l.toRow < last) {
              const ex = colX[to] + 5;
              const ey = rowTop(l.toRow) + slotTop + (rowH - slotShorter) / 2;
              const bend = Math.min(18, Math.abs(ey - lane) / 2);
              paths.push({ cls, from: id, to: dest, d: `${head} V${ey + (ey > lane ? -bend : bend)} Q${tx},${ey} ${tx + bend},${ey} H${ex}` });
            } else {
              const down = l.toRow >= last;
              const ey = lane + (down ? 12 : -12);
              paths.push({
                cls, from: id, to: dest, d: `${head} V${ey}`,
                label: { x: tx + 3, y: down ? ey + 9 : ey - 2, text: String(l.toRow), title: `${l.kind} → ${this.map?.arrays.find((x) => x.id === l.toArray)?.rowName ?? 'row'} ${l.toRow} (${down ? 'below' : 'above'})` },
              });
            }
          }
        }
      }
    }
    if (paths.length === 0) return;
    this.arrows.setAttribute('width', this.spacer.style.width);
    this.arrows.setAttribute('height', String(this.spacer.clientHeight));
    const defs = document.createElementNS(ns, 'defs');
    for (const cls of ['x', 'y']) {
      const marker = document.createElementNS(ns, 'marker');
      marker.setAttribute('id', `tip-${cls}`);
      marker.setAttribute('markerWidth', '6');
      marker.setAttribute('markerHeight', '6');
      marker.setAttribute('refX', '5');
      marker.setAttribute('refY', '3');
      marker.setAttribute('orient', 'auto');
      const tip = document.createElementNS(ns, 'path');
      tip.setAttribute('d', 'M0,0 L6,3 L0,6 z');
      tip.setAttribute('class', `tip ${cls}`);
      marker.append(tip);
      defs.append(marker);
    }
    this.arrows.append(defs);
    // One label per destination: the slots of a row that go to the same bucket share it.
    const labelled = new Set<string>();
    for (const p of paths) {
      const path = document.createElementNS(ns, 'path');
      path.setAttribute('class', p.cls);
      path.setAttribute('d', p.d);
      path.setAttribute('marker-end', `url(#tip-${p.cls})`);
      path.dataset.from = p.from;
      path.dataset.to = p.to;
      path.dataset.testid = 'arrow';
      this.arrows.append(path);
      if (p.label && !labelled.has(`${p.from.split(':').slice(0, 2).join(':')}>${p.to}`)) {
        labelled.add(`${p.from.split(':').slice(0, 2).join(':')}>${p.to}`);
        const text = document.createElementNS(ns, 'text');
        text.setAttribute('class', `dest ${p.cls}`);
        text.setAttribute('x', String(p.label.x));
        text.setAttribute('y', String(p.label.y));
        text.textContent = p.label.text;
        const title = document.createElementNS(ns, 'title');
        title.textContent = p.label.title;
        text.append(title);
        this.arrows.append(text);
      }
    }
  }
}

/** Slot states in a few letters, for compact slots (the tooltip has the word). */
const shortNames: Record<string, string> = { emptyRest: 'R', emptyOne: 'E1', evacuatedX: 'X', evacuatedY: 'Y', evacuatedEmpty: 'E', empty: '∅', deleted: 'del' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}
