/**
 * The "Compare Classic and Swiss" view (`data-testid="compare"`): the map's history replayed under
 * both runtimes (`src/core/view/compare.ts`), one row per figure, classic left and Swiss right,
 * each row's explanation as its tooltip. The host computes every number; this only lays them out.
 */
import { ComparisonView } from '../src/protocol/messages';

function cell(tag: 'th' | 'td', text: string, cls = ''): HTMLElement {
  const c = document.createElement(tag);
  c.textContent = text;
  if (cls) c.className = cls;
  return c;
}

export function renderComparison(root: HTMLElement, c: ComparisonView, close: () => void): void {
  const head = document.createElement('div');
  head.className = 'compare-head';
  const title = document.createElement('span');
  title.className = 'compare-title';
  title.textContent = `Classic vs Swiss: ${c.title} replayed under both runtimes`;
  const x = document.createElement('button');
  x.className = 'compare-close';
  x.textContent = 'Close';
  x.title = 'Hide the comparison';
  x.addEventListener('click', close);
  head.append(title, x);
  const table = document.createElement('table');
  table.className = 'compare-table';
  const hr = document.createElement('tr');
  hr.append(cell('th', ''), cell('th', c.classic.label), cell('th', c.swiss.label));
  table.append(hr);
  for (const r of c.rows) {
    const tr = document.createElement('tr');
    tr.title = r.explain;
    tr.dataset.row = r.name;
    tr.append(cell('th', r.name), cell('td', r.classic, 'classic'), cell('td', r.swiss, 'swiss'));
    table.append(tr);
  }
  const sample = (label: string, lines: string[]) => {
    const d = document.createElement('div');
    d.className = 'compare-events';
    d.textContent = lines.length ? `${label}: ${lines.join(' · ')}` : `${label}: no growth`;
    return d;
  };
  root.replaceChildren(head, table, sample('classic', c.classic.growthSample), sample('swiss', c.swiss.growthSample));
  root.hidden = false;
}
