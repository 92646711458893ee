/**
 * The extension side of the render benchmark, without VS Code: one simulated map, answering the
 * webview's messages as the panel does (`src/extension/panel.ts`).
 */
import { MapSession } from '../../../src/core/view/session';
import { ToWebview, ToWebviewWire, mapMessage, parseToExtension } from '../../../src/protocol/messages';

export interface BenchSession {
  B: number;
  /** Swiss: the number of tables. */
  tables: number;
  summary: string;
  count: number;
  buildMs: number;
  /** The first message (the quick map view, as the panel sends it) and how long it took to
   * compute; then the full view, as the panel sends it next. */
  mapMessage(): { message: ToWebviewWire; ms: number };
  fullMapMessage(): Promise<{ message: ToWebviewWire; ms: number }>;
  /** The reply to a webview message, if any. */
  reply(raw: unknown): ToWebview | undefined;
}

/** A classic map presized to 2^B buckets, or (`swiss`) a Swiss map grown from empty by the fill. */
export async function makeBenchSession(B: number, entries: number, runtime: 'classic' | 'swiss' = 'classic'): Promise<BenchSession> {
  const t0 = performance.now();
  const hint = B === 0 || runtime === 'swiss' ? 0 : 13 * 2 ** (B - 1);
  const swiss = runtime === 'swiss' ? { runtime: 'swiss' as const, swissVersion: '1.26' as const } : {};
  const s = await MapSession.create('bench', { key: 'int64', elem: 'int64', goarch: 'amd64', hint, seed: 1, origin: 'bench', ...swiss }, 10_000_000);
  if (entries > 0) await s.apply({ op: 'fill', n: entries, seed: 2 });
  const buildMs = performance.now() - t0;
  return {
    B: Math.log2(Math.max(1, s.mapView().arrays.find((a) => a.id === 'buckets')?.rows ?? 1)),
    tables: s.mapView().arrays.filter((a) => a.id.startsWith('table-')).length,
    summary: s.mapView().summary,
    count: s.model.count,
    buildMs,
    mapMessage() {
      const t = performance.now();
      const message = mapMessage(s.mapView(true));
      return { message, ms: performance.now() - t };
    },
    async fullMapMessage() {
      const t = performance.now();
      await s.computeStats();
      const message = mapMessage(s.mapView());
      return { message, ms: performance.now() - t };
    },
    reply(raw) {
      const m = parseToExtension(raw);
      if (m?.type !== 'viewport') return undefined;
      return { type: 'rows', revision: s.revision, array: m.array, start: m.start, rows: s.rows(m.array, m.start, m.end) };
    },
  };
}
