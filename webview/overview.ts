/**
 * The overview strip: every bucket of the array in one canvas row, colored by chain length
 * (1 = no overflow, 2, 3+), shaded by how full it is; a frame marks the rows in view. A click
 * scrolls the list there.
 */
import { OverviewView } from '../src/protocol/messages';

export class OverviewStrip {
  readonly canvas: HTMLCanvasElement;
  private data?: OverviewView;
  private view = { first: 0, last: 0 };

  constructor(parent: HTMLElement, onJump: (bucket: number) => void) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'overview';
    this.canvas.title = 'All buckets: color = longest overflow chain, shade = fill. Click to jump.';
    parent.append(this.canvas);
    this.canvas.addEventListener('click', (e) => {
      if (!this.data || this.data.rows === 0) return;
      const r = this.canvas.getBoundingClientRect();
      onJump(Math.floor(((e.clientX - r.left) / r.width) * this.data.rows));
    });
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  set(data: OverviewView | undefined): void {
    this.data = data;
    this.draw();
  }

  setView(first: number, last: number): void {
    if (first === this.view.first && last === this.view.last) return;
    this.view = { first, last };
    this.draw();
  }

  draw(): void {
    const c = this.canvas;
    const w = Math.max(1, c.clientWidth);
    const h = Math.max(1, c.clientHeight);
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(w * dpr)) c.width = Math.round(w * dpr);
    if (c.height !== Math.round(h * dpr)) c.height = Math.round(h * dpr);
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const css = getComputedStyle(document.body);
    const color = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
    g.fillStyle = color('--vscode-editor-background', '#1e1e1e');
    g.fillRect(0, 0, w, h);
    const d = this.data;
    if (!d || d.rows === 0) return;
    const bins = d.maxChain.length;
    const chainColors = [
      color('--vscode-goMapInspector-emptyRestSlot', '#333'),
      color('--vscode-goMapInspector-storedSlot', '#3c8d5a'),
      color('--vscode-charts-orange', '#d18616'),
      color('--vscode-charts-red', '#f14c4c'),
    ];
    for (let i = 0; i < bins; i++) {
      const x0 = Math.floor((i / bins) * w);
      const x1 = Math.max(x0 + 1, Math.floor(((i + 1) / bins) * w));
      const chain = Math.min(3, d.maxChain[i]);
      g.fillStyle = chainColors[chain];
      g.globalAlpha = chain === 0 ? 1 : 0.35 + 0.65 * (d.fill[i] / 255);
      g.fillRect(x0, 0, x1 - x0, h);
    }
    g.globalAlpha = 1;
    const vx0 = (this.view.first / d.rows) * w;
    const vx1 = Math.max(vx0 + 2, (this.view.last / d.rows) * w);
    g.strokeStyle = color('--vscode-focusBorder', '#007fd4');
    g.lineWidth = 2;
    g.strokeRect(vx0 + 1, 1, vx1 - vx0 - 2, h - 2);
  }
}
