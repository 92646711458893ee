/**
 * The current picture as a standalone SVG: the header line and the rows in view (old and new
 * buckets, every slot with its state, top hash and key). Colors are the theme's, resolved now.
 * All text goes through `esc`, so keys can never inject markup.
 */
import { ArrayName, BucketView, MapView, summaryText, tophashName } from '../src/protocol/messages';

const slotW = 92;
const slotH = 44;
const rowH = 54;
const gap = 18;

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderSvg(
  map: MapView,
  rows: { first: number; last: number },
  bucket: (array: ArrayName, i: number) => BucketView | undefined,
  colorOf: (cssVar: string, fallback: string) => string,
): string {
  const fg = colorOf('--vscode-foreground', '#cccccc');
  const bg = colorOf('--vscode-editor-background', '#1e1e1e');
  const fill = (t: number): string => {
    switch (t) {
      case 0: return colorOf('--vscode-goMapInspector-emptyRestSlot', '#2d2d30');
      case 1: return colorOf('--vscode-goMapInspector-emptyOneSlot', '#8a6d1f');
      case 2: return colorOf('--vscode-goMapInspector-evacuatedXSlot', '#2f6fb0');
      case 3: return colorOf('--vscode-goMapInspector-evacuatedYSlot', '#8a4fb8');
      case 4: return colorOf('--vscode-goMapInspector-evacuatedEmptySlot', '#555555');
      default: return colorOf('--vscode-goMapInspector-storedSlot', '#3c8d5a');
    }
  };
  const growing = map.header.growing;
  const out: string[] = [];
  let maxX = 600;
  const chainSvg = (b: BucketView, x: number, y: number, label: string): number => {
    out.push(`<text x="${x}" y="${y - 3}" font-size="10" fill="${fg}">${esc(label)}</text>`);
    b.chain.forEach((bm, ci) => {
      const bx = x + ci * (8 * slotW + gap);
      bm.slots.forEach((s, si) => {
        const sx = bx + si * slotW;
        out.push(`<rect x="${sx}" y="${y}" width="${slotW - 1}" height="${slotH}" fill="${fill(s.tophash)}"/>`);
        const top = s.tophash >= 5 ? `0x${s.tophash.toString(16).padStart(2, '0')}` : tophashName(s.tophash);
        out.push(`<text x="${sx + 3}" y="${y + 12}" font-size="10" fill="${fg}">${esc(`${si} · ${top}`)}</text>`);
        if (s.key !== undefined) {
          out.push(`<text x="${sx + 3}" y="${y + 26}" font-size="11" fill="${fg}">${esc(clip(s.key))}</text>`);
          out.push(`<text x="${sx + 3}" y="${y + 39}" font-size="11" fill="${fg}">${esc(clip(`= ${s.elem ?? ''}`))}</text>`);
        }
      });
      out.push(`<rect x="${bx}" y="${y}" width="${8 * slotW}" height="${slotH}" fill="none" stroke="${fg}" stroke-width="1"${bm.separate ? ' stroke-dasharray="4 3"' : ''}/>`);
      if (ci > 0) out.push(`<text x="${bx - gap + 3}" y="${y + slotH / 2 + 4}" font-size="12" fill="${fg}">→</text>`);
    });
    return x + b.chain.length * (8 * slotW + gap);
  };
  let y = 48;
  let oldWidth = 0;
  if (growing) {
    for (let i = rows.first; i < Math.min(rows.last, map.header.noldbuckets); i++) {
      const b = bucket('oldbuckets', i);
      if (b) oldWidth = Math.max(oldWidth, b.chain.length * (8 * slotW + gap));
    }
  }
  for (let i = rows.first; i < rows.last; i++) {
    let x = 10;
    if (growing) {
      const ob = i < map.header.noldbuckets ? bucket('oldbuckets', i) : undefined;
      if (ob) maxX = Math.max(maxX, chainSvg(ob, x, y + 12, `old bucket ${i}`));
      x += oldWidth + 20;
    }
    const b = i < map.header.nbuckets ? bucket('buckets', i) : undefined;
    if (b) maxX = Math.max(maxX, chainSvg(b, x, y + 12, `bucket ${i}`));
    y += rowH + 12;
  }
  const width = maxX + 10;
  const height = y + 10;
  const head = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace">`,
    `<rect width="100%" height="100%" fill="${bg}"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold" fill="${fg}">${esc(map.title)}</text>`,
    `<text x="10" y="36" font-size="11" fill="${fg}">${esc(summaryText(map))} · hash0 ${esc(map.header.hash0)}</text>`,
  ];
  return [...head, ...out, '</svg>', ''].join('\n');
}

function clip(s: string): string {
  return s.length > 13 ? `${s.slice(0, 12)}…` : s;
}
