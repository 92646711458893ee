/**
 * The first difference between two JSON values, by path (`snapshots[3].buckets[5][1].tophash[2]`),
 * so a failed comparison with the runtime names the exact field.
 */
export interface FirstDiff {
  path: string;
  expected: unknown;
  actual: unknown;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

export function describeDiff(d: FirstDiff): string {
  return `${d.path || '(root)'}: runtime has ${show(d.expected)}, simulator has ${show(d.actual)}`;
}

/** Walks `expected` and `actual` together; `skip(path)` leaves a field out of the comparison. */
export function firstDiff(expected: unknown, actual: unknown, skip: (path: string) => boolean = () => false, path = ''): FirstDiff | undefined {
  if (skip(path)) return undefined;
  if (expected === actual) return undefined;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null) {
    return { path, expected, actual };
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return { path, expected, actual };
  if (Array.isArray(expected)) {
    const a = actual as unknown[];
    const n = Math.max(expected.length, a.length);
    for (let i = 0; i < n; i++) {
      if (i >= expected.length || i >= a.length) return { path: `${path}.length`, expected: expected.length, actual: a.length };
      const d = firstDiff(expected[i], a[i], skip, `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const p = path ? `${path}.${k}` : k;
    if (skip(p)) continue;
    if (!(k in a)) return { path: p, expected: e[k], actual: undefined };
    if (!(k in e)) return { path: p, expected: undefined, actual: a[k] };
    const d = firstDiff(e[k], a[k], skip, p);
    if (d) return d;
  }
  return undefined;
}
