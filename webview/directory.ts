/**
 * The directory strip of a Swiss map (`data-testid="directory"`): the `Map`'s directory entries
 * left to right, each table drawn once as a cell spanning its run of 2^(globalDepth - localDepth)
 * entries, with its local depth and how full it is. A click scrolls the rows to that table. With
 * thousands of tables the cells become thin bars; the tooltip tells each one.
 */
import { DirectoryView } from '../src/protocol/messages';

export function renderDirectory(root: HTMLElement, d: DirectoryView | undefined, go: (array: string) => void): void {
  root.hidden = !d;
  if (!d) {
    root.replaceChildren();
    return;
  }
  const label = document.createElement('div');
  label.className = 'dir-label';
  label.textContent = `directory: ${d.entries.toLocaleString('en-US')} ${d.entries === 1 ? 'entry' : 'entries'} (globalDepth ${d.globalDepth}) → ${d.runs.length.toLocaleString('en-US')} ${d.runs.length === 1 ? 'table' : 'tables'}`;
  const strip = document.createElement('div');
  strip.className = 'dir-strip';
  // Labels only where a cell has room for them.
  const labelled = d.runs.length <= 32;
  for (const r of d.runs) {
    const cell = document.createElement('div');
    cell.className = 'dir-run';
    cell.dataset.testid = 'dir-run';
    cell.dataset.array = r.array;
    cell.style.flexGrow = String(r.length);
    const table = r.array.replace('table-', 'table ');
    cell.title = `entries ${r.length === 1 ? `[${r.start}]` : `[${r.start}..${r.start + r.length - 1}]`} → ${table}: local depth ${r.localDepth}, used ${r.used} of ${r.capacity} slots${r.tombstones ? `, ${r.tombstones} tombstones` : ''}`;
    const fill = document.createElement('div');
    fill.className = 'dir-fill';
    fill.style.height = `${Math.round((100 * r.used) / r.capacity)}%`;
    cell.append(fill);
    if (labelled) {
      const t = document.createElement('span');
      t.className = 'dir-text';
      t.textContent = `${table} · d${r.localDepth}`;
      cell.append(t);
    }
    cell.addEventListener('click', () => go(r.array));
    strip.append(cell);
  }
  root.replaceChildren(label, strip);
}
