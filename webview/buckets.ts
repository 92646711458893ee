/**
 * The bucket array, virtualized: only the rows in view exist in the DOM, and only their chains are
 * asked from the extension (in aligned blocks, cached per map revision). Row i shows old bucket i
 * (while growing) on the left and new bucket i on the right; evacuated old slots get an arrow to
 * their X or Y destination. Past a few million pixels the scroll position is scaled, so 2^20 and
 * more buckets scroll like any list.
 */
import { ArrayName, BucketView, MapView, SlotView, tophashName } from '../src/protocol/messages';

export const rowHeight = 58;
/** Slot width: narrower while growing, when old and new buckets share the row. */
const slotWidthNormal = 92;
const slotWidthGrowing = 64;
const slotWidthMin = 44;
const bmapGap = 18;
const indexWidth = 76;
/** Browsers cap element heights near 2^25 px; stay well below. */
const maxSpacer = 8_000_000;
const block = 64;
const overscan = 4;

export interface Highlight {
  /** `${array}:${bucket}:${chainIndex}:${slot}` → CSS class. */
  slots: Map<string, string>;
}

export class BucketList {
  readonly scroller: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rowsLayer: HTMLDivElement;
  private readonly arrows: SVGSVGElement;
  private map?: MapView;
  private cache = new Map<string, BucketView>();
  private pending = new Set<string>();
  private frame = 0;
  private selected?: { array: ArrayName; bucket: number };
  highlight: Highlight = { slots: new Map() };
  /** Called once per revision when every visible row is drawn with its data. */
  onComplete: (revision: number) => void = () => undefined;
  private completedRevision = -1;
  private slotWidth = slotWidthNormal;

  constructor(
    parent: HTMLElement,
    private readonly request: (array: ArrayName, start: number, end: number, revision: number) => void,
    private readonly onSelect: (array: ArrayName, bucket: number) => void,
    private readonly onScroll: (scrollTop: number) => void,
  ) {
    this.scroller = el('div', 'scroller');
    this.scroller.tabIndex = 0;
    this.spacer = el('div', 'spacer');
    this.rowsLayer = el('div', 'rows');
    this.arrows = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.arrows.classList.add('arrows');
    this.spacer.append(this.rowsLayer, this.arrows);
    this.scroller.append(this.spacer);
    parent.append(this.scroller);
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      this.onScroll(this.scroller.scrollTop);
    });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.rowsLayer.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-bucket]');
      if (!row) return;
      const array = row.dataset.array as ArrayName;
      const bucket = Number(row.dataset.bucket);
      this.selected = { array, bucket };
      this.onSelect(array, bucket);
      this.schedule();
    });
  }

  setMap(map: MapView): void {
    if (this.map?.revision !== map.revision) {
      this.cache = new Map();
      this.pending = new Set();
    }
    this.map = map;
    this.schedule();
  }

  receive(revision: number, array: ArrayName, start: number, buckets: BucketView[]): void {
    if (!this.map || revision !== this.map.revision) return;
    this.pending.delete(`${array}:${Math.floor(start / block)}`);
    for (const b of buckets) this.cache.set(`${array}:${b.index}`, b);
    this.schedule();
  }

  get rows(): number {
    return this.map ? Math.max(this.map.header.nbuckets, this.map.header.noldbuckets) : 0;
  }

  /** Scrolls bucket `bucket` into view and marks it (and a slot, if given). */
  reveal(array: ArrayName, bucket: number, chainIndex?: number, slot?: number): void {
    this.selected = { array, bucket };
    this.highlight.slots = new Map([...this.highlight.slots].filter(([, c]) => c !== 'revealed'));
    if (slot !== undefined) this.highlight.slots.set(`${array}:${bucket}:${chainIndex ?? 0}:${slot}`, 'revealed');
    this.scrollToRow(bucket);
  }

  scrollToRow(row: number): void {
    const { spacerH, realH, viewH } = this.metrics();
    const realTop = Math.max(0, row * rowHeight - viewH / 3);
    const s = realH <= spacerH ? realTop : (realTop / Math.max(1, realH - viewH)) * (spacerH - viewH);
    this.scroller.scrollTop = s;
    this.schedule();
  }

  /** The rows currently drawn (for the SVG export and the overview marker). */
  visibleRange(): { first: number; last: number } {
    const { first, last } = this.window();
    return { first, last };
  }

  bucket(array: ArrayName, i: number): BucketView | undefined {
    return this.cache.get(`${array}:${i}`);
  }

  private metrics(): { realH: number; spacerH: number; viewH: number } {
    const realH = this.rows * rowHeight;
    return { realH, spacerH: Math.min(realH, maxSpacer), viewH: this.scroller.clientHeight || 600 };
  }

  private window(): { first: number; last: number; realTop: number; s: number } {
    const { realH, spacerH, viewH } = this.metrics();
    const s = this.scroller.scrollTop;
    const realTop = realH <= spacerH || spacerH <= viewH ? s : (s / (spacerH - viewH)) * (realH - viewH);
    const first = Math.max(0, Math.floor(realTop / rowHeight));
    const last = Math.min(this.rows, Math.ceil((realTop + viewH) / rowHeight));
    return { first, last, realTop, s };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws now (the first frame after a map message does not wait for an animation frame). */
  render(): void {
    const map = this.map;
    if (!map) return;
    const { spacerH } = this.metrics();
    this.spacer.style.height = `${spacerH}px`;
    const { first, last, realTop, s } = this.window();
    const growing = map.header.growing;
    // Fit one bmap (two while growing: old and new) in the width, within readable bounds.
    const avail = (this.scroller.clientWidth || 800) - indexWidth - 40;
    const fit = Math.floor(avail / (growing ? 16 : 8));
    const slotWidth = (this.slotWidth = Math.max(slotWidthMin, Math.min(growing ? slotWidthGrowing : slotWidthNormal, fit)));
    this.scroller.style.setProperty('--slot-w', `${slotWidth}px`);
    const nNew = map.header.nbuckets;
    const nOld = map.header.noldbuckets;
    this.fetch('buckets', first, last, nNew, map.revision);
    if (growing) this.fetch('oldbuckets', first, last, nOld, map.revision);

    let oldChainMax = 1;
    if (growing) for (let i = first; i < Math.min(last, nOld); i++) oldChainMax = Math.max(oldChainMax, this.cache.get(`oldbuckets:${i}`)?.chain.length ?? 1);
    const oldWidth = growing ? oldChainMax * (8 * slotWidth + bmapGap) + 8 : 0;
    const newX = indexWidth + 6 + (growing ? oldWidth + 6 : 0);

    const frag = document.createDocumentFragment();
    let complete = true;
    for (let i = first; i < last; i++) {
      const row = el('div', 'row');
      row.style.top = `${s + i * rowHeight - realTop}px`;
      const index = el('div', 'index');
      index.textContent = String(i);
      row.append(index);
      if (growing) {
        const col = el('div', 'col old');
        col.style.width = `${oldWidth}px`;
        if (i < nOld) {
          const b = this.cache.get(`oldbuckets:${i}`);
          if (b) col.append(...this.chain('oldbuckets', b));
          else complete = false;
        }
        row.append(col);
      }
      const col = el('div', 'col new');
      if (i < nNew) {
        const b = this.cache.get(`buckets:${i}`);
        if (b) col.append(...this.chain('buckets', b));
        else {
          complete = false;
          col.textContent = '…';
        }
      }
      row.append(col);
      if (this.selected && this.selected.bucket === i) row.classList.add('selected');
      frag.append(row);
    }
    this.rowsLayer.replaceChildren(frag);
    this.drawArrows(map, first, last, s, realTop, newX);
    if (complete && this.completedRevision !== map.revision) {
      this.completedRevision = map.revision;
      this.onComplete(map.revision);
    }
  }

  private fetch(array: ArrayName, first: number, last: number, n: number, revision: number): void {
    const lo = Math.max(0, first - overscan);
    const hi = Math.min(n, last + overscan);
    for (let b = Math.floor(lo / block); b * block < hi; b++) {
      const key = `${array}:${b}`;
      if (this.pending.has(key) || this.cache.has(`${array}:${b * block}`)) continue;
      this.pending.add(key);
      this.request(array, b * block, Math.min(n, (b + 1) * block), revision);
    }
  }

  private chain(array: ArrayName, b: BucketView): HTMLElement[] {
    const out: HTMLElement[] = [];
    b.chain.forEach((bm, ci) => {
      if (ci > 0) {
        const link = el('span', 'chain-link');
        link.textContent = '→';
        link.title = `overflow ${ci}`;
        out.push(link);
      }
      const box = el('div', bm.separate ? 'bmap separate' : 'bmap');
      box.dataset.array = array;
      box.dataset.bucket = String(b.index);
      box.dataset.chain = String(ci);
      box.title = `${array === 'oldbuckets' ? 'old ' : ''}bucket ${b.index}${ci > 0 ? `, overflow ${ci}${bm.separate ? ' (allocated on its own)' : ' (preallocated)'}` : ''}`;
      bm.slots.forEach((slot, si) => box.append(this.slot(array, b.index, ci, si, slot)));
      out.push(box);
    });
    return out;
  }

  private slot(array: ArrayName, bucket: number, chainIndex: number, i: number, s: SlotView): HTMLElement {
    const cls = s.tophash >= 5 ? 'stored' : tophashName(s.tophash);
    const d = el('div', `slot ${cls}`);
    d.dataset.testid = 'slot';
    d.dataset.tophash = String(s.tophash);
    d.dataset.slot = String(i);
    const hl = this.highlight.slots.get(`${array}:${bucket}:${chainIndex}:${i}`);
    if (hl) d.classList.add(hl);
    const th = el('div', 'th');
    const compact = this.slotWidth < 70;
    const state = s.tophash >= 5 ? `0x${s.tophash.toString(16).padStart(2, '0')}` : compact ? shortNames[s.tophash] : tophashName(s.tophash);
    th.textContent = `${i} · ${state}`;
    d.append(th);
    if (s.key !== undefined) {
      const k = el('div', 'k');
      k.textContent = s.key; // text, never HTML
      const v = el('div', 'v');
      v.textContent = `= ${s.elem ?? ''}`;
      d.append(k, v);
      d.title = `${s.key} = ${s.elem ?? ''}\ntophash 0x${s.tophash.toString(16)}`;
    } else {
      d.title = tophashName(s.tophash);
    }
    return d;
  }

  /** Arrows from evacuated old slots to their X (same index) or Y (index + old size) bucket. */
  private drawArrows(map: MapView, first: number, last: number, s: number, realTop: number, newX: number): void {
    const paths: { cls: 'x' | 'y'; d: string }[] = [];
    this.arrows.replaceChildren();
    if (!map.header.growing) return;
    const nOld = map.header.noldbuckets;
    const slotWidth = this.slotWidth;
    const width = newX + 8 * slotWidth;
    this.arrows.setAttribute('width', String(width));
    this.arrows.setAttribute('height', String(this.spacer.clientHeight));
    const rowTop = (i: number): number => s + i * rowHeight - realTop;
    for (let i = first; i < Math.min(last, nOld); i++) {
      const b = this.cache.get(`oldbuckets:${i}`);
      if (!b) continue;
      b.chain.forEach((bm, ci) => {
        bm.slots.forEach((slot, si) => {
          if (slot.tophash !== 2 && slot.tophash !== 3) return;
          const dest = slot.tophash === 2 || map.header.sameSizeGrow ? i : i + nOld;
          const x0 = indexWidth + 6 + ci * (8 * slotWidth + bmapGap) + si * slotWidth + slotWidth / 2;
          const y0 = rowTop(i) + rowHeight - 8;
          const x1 = newX + 4;
          const y1 = Math.max(s, Math.min(s + this.scroller.clientHeight, rowTop(dest) + rowHeight / 2));
          paths.push({ cls: slot.tophash === 2 ? 'x' : 'y', d: `M${x0},${y0} C${x0},${y0 + 24} ${x1 - 40},${y1} ${x1},${y1}` });
        });
      });
    }
    const ns = 'http://www.w3.org/2000/svg';
    const defs = document.createElementNS(ns, 'defs');
    const marker = document.createElementNS(ns, 'marker');
    marker.setAttribute('id', 'arrowhead');
    marker.setAttribute('markerWidth', '6');
    marker.setAttribute('markerHeight', '6');
    marker.setAttribute('refX', '5');
    marker.setAttribute('refY', '3');
    marker.setAttribute('orient', 'auto');
    const tip = document.createElementNS(ns, 'path');
    tip.setAttribute('d', 'M0,0 L6,3 L0,6 z');
    tip.setAttribute('fill', 'currentColor');
    marker.append(tip);
    defs.append(marker);
    this.arrows.append(defs);
    for (const p of paths) {
      const path = document.createElementNS(ns, 'path');
      path.setAttribute('class', p.cls);
      path.setAttribute('d', p.d);
      path.setAttribute('marker-end', 'url(#arrowhead)');
      this.arrows.append(path);
    }
  }
}

/** Tophash states in two letters, for the narrow slots drawn while growing (the title has the word). */
const shortNames = ['R', 'E1', 'X', 'Y', 'E'];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}
