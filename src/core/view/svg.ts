/**
 * The map as a standalone SVG picture, from the runtime-neutral view: a title and the summary,
 * then every row of the chosen range, the arrays side by side by column (old buckets beside new
 * ones), each group as 8 slots showing the state byte, key and elem, overflow groups to the right of
 * their bucket, and evacuation arrows drawn in the gutter between the columns so they never cross
 * text. Colors are passed in (the panel passes its theme's).
 *
 * All text goes through `xmlText`: markup characters are escaped and characters XML 1.0 does not
 * allow (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so any key gives well-formed XML.
 */
import { ArrayView, MapView, RowView, SlotView } from './view';

export interface SvgColors {
  fg: string;
  bg: string;
  muted: string;
  /** Fill per slot state (`full`, `emptyRest`, ...). */
  state: Record<string, string>;
  x: string;
  y: string;
}

export const defaultSvgColors: SvgColors = {
  fg: '#cccccc',
  bg: '#1e1e1e',
  muted: '#9d9d9d',
  state: {
    full: '#3c8d5a', emptyRest: '#2d2d30', emptyOne: '#8a6d1f', evacuatedX: '#2f6fb0', evacuatedY: '#8a4fb8',
    evacuatedEmpty: '#555555', empty: '#2d2d30', deleted: '#8a6d1f',
  },
  x: '#2f6fb0',
  y: '#8a4fb8',
};

const slotW = 118;
const slotH = 46;
const rowH = 66;
const groupGap = 22;
const gutter = 64;
const indexW = 56;
const top = 70;

/** Markup escaped, characters XML 1.0 forbids replaced by U+FFFD. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `s` cut to n characters (code points) with `…`. */
function clip(s: string, n: number): string {
  const cps = [...s];
  return cps.length > n ? `${cps.slice(0, n - 1).join('')}…` : s;
}

export interface SvgRange {
  first: number;
  /** Exclusive. */
  last: number;
}

/** Rows [first, last) of every array, drawn; `rows` answers one array's rows. */
export function renderMapSvg(map: MapView, range: SvgRange, rows: (array: string, start: number, end: number) => RowView[], colors: SvgColors = defaultSvgColors): string {
  const columns = [...new Set(map.arrays.map((a) => a.column))].sort((a, b) => a - b);
  const byColumn = columns.map((c) => map.arrays.filter((a) => a.column === c));
  const data = new Map<string, RowView[]>();
  for (const a of map.arrays) data.set(a.id, rows(a.id, Math.min(range.first, a.rows), Math.min(range.last, a.rows)));
  // Each column is as wide as its longest chain in the range.
  const widths = byColumn.map((arrays) => Math.max(1, ...arrays.flatMap((a) => data.get(a.id)!.map((r) => r.groups.length))) * (8 * slotW + groupGap));
  const colX: number[] = [];
  let x = 10 + indexW;
  for (const w of widths) {
    colX.push(x);
    x += w + gutter;
  }
  const width = Math.max(700, x);
  const n = Math.max(0, range.last - range.first);
  const height = top + 24 + n * rowH + 20;
  const out: string[] = [];
  const text = (tx: number, ty: number, size: number, s: string, fill = colors.fg, extra = ''): void => {
    out.push(`<text x="${tx}" y="${ty}" font-size="${size}" fill="${fill}"${extra}>${xmlText(s)}</text>`);
  };
  text(10, 22, 16, `${map.title} — ${map.runtime.label}`, colors.fg, ' font-weight="bold"');
  text(10, 42, 12, map.summary, colors.muted);
  text(10, 58, 11, `${map.subtitle} · rows ${range.first}–${Math.max(range.first, range.last - 1)} of ${Math.max(0, ...map.arrays.map((a) => a.rows))}`, colors.muted);
  byColumn.forEach((arrays, c) => text(colX[c], top + 14, 13, arrays.map((a) => a.title).join(' / '), colors.fg, ' font-weight="bold"'));
  const rowY = (i: number): number => top + 24 + (i - range.first) * rowH;
  const arrows: string[] = [];
  for (let i = range.first; i < range.last; i++) {
    const y = rowY(i);
    text(10, y + slotH / 2 + 4, 11, String(i), colors.muted);
    byColumn.forEach((arrays, c) => {
      for (const a of arrays) {
        const row = data.get(a.id)!.find((r) => r.index === i);
        if (!row) continue;
        drawRow(out, row, a, colX[c], y, colors);
        for (const l of row.links ?? []) {
          const to = map.arrays.find((b) => b.id === l.toArray);
          if (!to || l.toRow < range.first || l.toRow >= range.last) continue;
          const x0 = colX[c] + widths[c] - groupGap + 4;
          const y0 = y + 8 + l.slot * ((slotH - 16) / 7);
          const x1 = colX[to.column === c ? c : columns.indexOf(to.column)] - 6;
          const y1 = rowY(l.toRow) + slotH / 2;
          const stroke = l.kind === 'evacuatedY' || l.kind === 'splitRight' ? colors.y : colors.x; // a Swiss rehash or left half: x
          arrows.push(`<path d="M${x0},${y0} C${x0 + gutter / 2},${y0} ${x1 - gutter / 2},${y1} ${x1},${y1}" fill="none" stroke="${stroke}" stroke-width="1.2" marker-end="url(#tip)"/>`);
        }
      }
    });
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Menlo, Consolas, monospace">`,
    `<defs><marker id="tip" markerWidth="7" markerHeight="7" refX="6" refY="3.5" orient="auto"><path d="M0,0 L7,3.5 L0,7 z" fill="${colors.muted}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${colors.bg}"/>`,
    ...out,
    ...arrows,
    '</svg>',
    '',
  ].join('\n');
}

function drawRow(out: string[], row: RowView, array: ArrayView, x0: number, y: number, colors: SvgColors): void {
  row.groups.forEach((g, gi) => {
    const gx = x0 + gi * (8 * slotW + groupGap);
    if (gi > 0) out.push(`<text x="${gx - groupGap + 4}" y="${y + slotH / 2 + 5}" font-size="14" fill="${colors.muted}">→</text>`);
    g.slots.forEach((s, si) => drawSlot(out, s, si, gx + si * slotW, y, colors));
    const label = `${array.rowName} ${row.index}${gi > 0 ? ` · overflow ${gi}` : ''}`;
    out.push(`<rect x="${gx}" y="${y}" width="${8 * slotW}" height="${slotH}" fill="none" stroke="${colors.fg}" stroke-width="1"${g.separate ? ' stroke-dasharray="4 3"' : ''}><title>${xmlText(label)}</title></rect>`);
  });
}

function drawSlot(out: string[], s: SlotView, i: number, x: number, y: number, colors: SvgColors): void {
  const full = s.state === 'full';
  const fill = colors.state[s.state] ?? colors.state.full;
  const ink = full ? '#ffffff' : colors.fg;
  out.push(`<rect x="${x}" y="${y}" width="${slotW - 1}" height="${slotH}" fill="${fill}"><title>${xmlText(full ? `${s.key ?? ''} = ${s.elem ?? ''}` : s.state)}</title></rect>`);
  const head = full ? `${i} · 0x${s.byte.toString(16).padStart(2, '0')}` : `${i} · ${s.state}`;
  out.push(`<text x="${x + 4}" y="${y + 13}" font-size="10" fill="${ink}" opacity="0.85">${xmlText(head)}</text>`);
  if (full) {
    out.push(`<text x="${x + 4}" y="${y + 27}" font-size="11" fill="${ink}">${xmlText(clip(s.key ?? '', 16))}</text>`);
    out.push(`<text x="${x + 4}" y="${y + 40}" font-size="11" fill="${ink}">${xmlText(clip(`= ${s.elem ?? ''}`, 16))}</text>`);
  }
}

/** About how many bytes `renderMapSvg` writes for `rowCount` rows, from a sample of rows. */
export function estimateSvgBytes(map: MapView, rowCount: number, rows: (array: string, start: number, end: number) => RowView[]): number {
  const sample = Math.min(rowCount, 32);
  if (sample === 0) return 2048;
  const svg = renderMapSvg(map, { first: 0, last: sample }, rows);
  return Math.round(2048 + ((svg.length - 2048) / sample) * rowCount);
}

/** Pixel size of the picture of `rowCount` rows (for the PNG's canvas). */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 0, height: 0 };
}
