/**
 * The directory strip of a Swiss map (`data-testid="directory"`): the `Map`'s directory entries
 * left to right, each table drawn once as a cell spanning its run of 2^(globalDepth - localDepth)
 * entries, with its local depth and how full it is. A click scrolls the rows to that table.
 *
 * Up to `maxCells` tables each get an element (`data-testid="dir-run"`, tooltip and label). A map
 * of 10^6 entries has about 2,000 tables: then the strip is one canvas, each table a bar as wide as
 * its run (a pixel column covers several runs: its height is their mean load), and the table under
 * the pointer is named in the tooltip and opened by a click, found by binary search over the runs.
 * A window of a large directory (the runs around a split) says how many tables it leaves out.
 */
import { DirectoryView } from '../src/protocol/messages';
import { thousands } from './format';

/** Above this many tables the strip is drawn on a canvas instead of one element per table. */
export const maxCells = 256;

type Run = DirectoryView['runs'][number];

function runTitle(r: Run): string {
  return `entries ${r.length === 1 ? `[${r.start}]` : `[${r.start}..${r.start + r.length - 1}]`} → ${r.array.replace('table-', 'table ')}: local depth ${r.localDepth}, used ${r.used} of ${r.capacity} slots${r.tombstones ? `, ${r.tombstones} tombstones` : ''}`;
}

const count = (n: number, one: string, many: string): string => `${thousands(n)} ${n === 1 ? one : many}`;

export function renderDirectory(root: HTMLElement, d: DirectoryView | undefined, go: (array: string) => void, heading = 'directory'): void {
  root.hidden = !d;
  if (!d) {
    root.replaceChildren();
    return;
  }
  const label = document.createElement('div');
  label.className = 'dir-label';
  const tables = d.runs.length + (d.elided ? d.elided.before + d.elided.after : 0);
  label.textContent = `${heading}: ${count(d.entries, 'entry', 'entries')} (globalDepth ${d.globalDepth}) → ${count(tables, 'table', 'tables')}`
    + (d.elided ? ` (${count(d.runs.length, 'table', 'tables')} shown, ${thousands(d.elided.before)} before and ${thousands(d.elided.after)} after left out)` : '');
  const strip = d.runs.length > maxCells ? canvasStrip(d, go) : cellStrip(d, go);
  root.replaceChildren(label, strip);
}

/** One element per table, with its label where cells have room. */
function cellStrip(d: DirectoryView, go: (array: string) => void): HTMLElement {
  const strip = document.createElement('div');
  strip.className = 'dir-strip';
  const labelled = d.runs.length <= 32;
  for (const r of d.runs) {
    const cell = document.createElement('div');
    cell.className = 'dir-run';
    cell.dataset.testid = 'dir-run';
    cell.dataset.array = r.array;
    cell.style.flexGrow = String(r.length);
    cell.title = runTitle(r);
    const fill = document.createElement('div');
    fill.className = 'dir-fill';
    fill.style.height = `${Math.round((100 * r.used) / r.capacity)}%`;
    cell.append(fill);
    if (labelled) {
      const t = document.createElement('span');
      t.className = 'dir-text';
      t.textContent = `${r.array.replace('table-', 'table ')} · d${r.localDepth}`;
      cell.append(t);
    }
    cell.addEventListener('click', () => go(r.array));
    strip.append(cell);
  }
  return strip;
}

/** The whole directory on one canvas: x is the directory entry, bar height the load of the tables there. */
function canvasStrip(d: DirectoryView, go: (array: string) => void): HTMLElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'dir-strip dir-canvas';
  canvas.dataset.testid = 'dir-canvas';
  canvas.dataset.tables = String(d.runs.length);
  const first = d.runs[0].start;
  const span = d.runs[d.runs.length - 1].start + d.runs[d.runs.length - 1].length - first;
  /** The run covering directory entry `e`, by binary search over the run starts. */
  const runAt = (e: number): Run => {
    let lo = 0;
    let hi = d.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (d.runs[mid].start <= e) lo = mid;
      else hi = mid - 1;
    }
    return d.runs[lo];
  };
  const entryAt = (ev: MouseEvent): number => {
    const box = canvas.getBoundingClientRect();
    return first + Math.min(span - 1, Math.max(0, Math.floor(((ev.clientX - box.left) / Math.max(1, box.width)) * span)));
  };
  const draw = (): void => {
    const width = Math.max(1, Math.round(canvas.clientWidth || 600));
    const height = 22;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(dpr, dpr);
    const css = getComputedStyle(canvas);
    ctx.fillStyle = css.getPropertyValue('--empty-rest').trim() || '#2d2d30';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = css.getPropertyValue('--full').trim() || '#3c8d5a';
    // Per pixel column, the mean load of the runs whose first entry falls in it.
    const load = new Float64Array(width);
    const runs = new Uint32Array(width);
    for (const r of d.runs) {
      const x = Math.min(width - 1, Math.floor(((r.start - first) / span) * width));
      load[x] += r.used / r.capacity;
      runs[x]++;
    }
    let last = 0;
    for (let x = 0; x < width; x++) {
      if (runs[x]) last = load[x] / runs[x];
      const h = Math.round(last * height * 0.75);
      ctx.fillRect(x, height - h, 1, h);
    }
  };
  canvas.addEventListener('mousemove', (ev) => {
    canvas.title = runTitle(runAt(entryAt(ev)));
  });
  canvas.addEventListener('click', (ev) => go(runAt(entryAt(ev)).array));
  requestAnimationFrame(draw);
  return canvas;
}
