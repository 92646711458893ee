/**
 * What the last operation said, under the toolbar (`data-testid="result"`): a lookup's path with
 * the hash's bits (the bits that pick the bucket and the tophash highlighted), a `range` order, or
 * a sentence such as "the key was not in the map". The slots a lookup visited are marked in the rows.
 */
import { HashBitsView, IterationView, LookupView, OutcomeView } from '../src/protocol/messages';
import { Highlight, rowKey, slotKey } from './rows';

function line(text: string, cls = ''): HTMLDivElement {
  const d = document.createElement('div');
  if (cls) d.className = cls;
  d.textContent = text;
  return d;
}

/** The hash in binary, most significant bit first, each named part in its own color. */
function bitsView(h: HashBitsView): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'hashbits';
  wrap.dataset.testid = 'hash-bits';
  const bits = document.createElement('div');
  bits.className = 'bits';
  const partOf = (bit: number): string | undefined => {
    // Later parts (the X/Y bit) win over earlier ones (the bucket bits).
    for (let i = h.parts.length - 1; i >= 0; i--) if (bit >= h.parts[i].from && bit <= h.parts[i].to) return h.parts[i].name;
    return undefined;
  };
  for (let i = 0; i < h.width; i++) {
    const bit = h.width - 1 - i;
    const span = document.createElement('span');
    const part = partOf(bit);
    if (part) span.className = `bit-${part.replace(/[^a-z]/gi, '')}`;
    span.textContent = h.binary[i];
    bits.append(span);
    if (bit % 8 === 0 && bit > 0) bits.append(' ');
  }
  wrap.append(line(`hash ${h.hex} (${h.width} bits)`), bits);
  const legend = document.createElement('div');
  legend.className = 'bits-legend';
  for (const p of h.parts) {
    const s = document.createElement('span');
    s.className = `bit-${p.name.replace(/[^a-z]/gi, '')}`;
    s.textContent = `${p.name} = ${p.value} (bits ${p.from === p.to ? p.from : `${p.to}–${p.from}`})`;
    s.title = p.explain;
    legend.append(s);
  }
  wrap.append(legend);
  return wrap;
}

export function showLookup(result: HTMLElement, l: LookupView, highlight: Highlight): { array: string; row: number } | undefined {
  const parts: HTMLElement[] = [line(l.message, l.found ? 'found' : 'missing')];
  if (l.hash) parts.push(bitsView(l.hash));
  const marks = new Map<string, string>();
  const rows = new Map<string, string>();
  for (const st of l.steps) {
    parts.push(line(st.text, 'step'));
    // A step about a whole group (a Swiss probe visiting it, the group that stops it) marks the group.
    if (st.at && st.at.slot === undefined && st.mark) rows.set(rowKey(st.at.array, st.at.row), st.mark === 'stop' ? 'hl-stop' : 'hl-probed');
    if (st.at?.slot !== undefined && st.mark) {
      marks.set(slotKey({ array: st.at.array, row: st.at.row, group: st.at.group ?? 0, slot: st.at.slot }), st.mark === 'found' ? 'hl-found' : 'hl-visited');
    }
  }
  result.replaceChildren(...parts);
  highlight.slots = marks;
  highlight.rows = rows;
  if (l.where) return { array: l.where.array, row: l.where.row };
  const last = [...l.steps].reverse().find((s) => s.at);
  return last?.at ? { array: last.at.array, row: last.at.row } : undefined;
}

export function showIteration(result: HTMLElement, it: IterationView): void {
  const keys = `${it.keys.join(', ')}${it.total > it.keys.length ? ', …' : ''}`;
  result.replaceChildren(line(`range: ${it.start}; ${it.total} ${it.total === 1 ? 'key' : 'keys'} in this order:`), line(keys, 'keys'));
}

export function showOutcome(result: HTMLElement, o: OutcomeView): void {
  result.replaceChildren(line(o.text, o.kind));
}
