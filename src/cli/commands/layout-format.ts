/**
 * Text helpers shared by `gomap layout`'s classic report (`layout.ts`) and its Swiss report
 * (`layout-swiss.ts`): sizes in KiB/MiB, percentages, aligned columns, and the line describing a
 * key or elem and where the bucket or group stores it.
 */
import type { SlotInfo } from '../../core/types';

/** `24.1 KiB, ` for sizes worth converting, else nothing. */
export function human(n: number): string {
  if (n < 10 * 1024) return '';
  if (n < 10 * 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB, `;
  return `${(n / 1024 / 1024).toFixed(1)} MiB, `;
}

export function pct(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

/** Rows as columns two spaces apart, the `rightAligned` ones padded on the left. */
export function table(rows: string[][], rightAligned: number[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r.map((cell, c) => (rightAligned.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd(),
  );
}

/** `key   int64: size 8, align 8, ptrdata 0; stored inline, 8 B per slot`. */
export function slotLine(role: string, s: SlotInfo, container: 'bucket' | 'group'): string {
  const l = s.layout;
  const where = s.indirect
    ? `stored indirectly: the ${container} holds ${s.slotType} (${s.slotSize} B); each one is its own ${s.indirectObjectBytes}-byte heap object`
    : `stored inline, ${s.slotSize} B per slot`;
  const pad = s.internalPadding > 0 ? `, ${s.internalPadding} B of it padding` : '';
  return `${role.padEnd(5)} ${s.type}: size ${l.size}${pad}, align ${l.align}, ptrdata ${l.ptrdata}; ${where}`;
}
