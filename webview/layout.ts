/**
 * The byte ruler of one bucket (`bmap`), drawn from the core's layout (`bucketLayout` in
 * `src/core/types`): tophash, keys, elems, overflow with the padding before each; and beside it the
 * interleaved key/elem layout the runtime avoids.
 */
import { TypeView } from '../src/protocol/messages';

export interface Segment {
  kind: 'tophash' | 'keys' | 'elems' | 'overflow' | 'pad' | 'pair';
  bytes: number;
  label: string;
}

export function bucketSegments(t: TypeView): Segment[] {
  const segs: Segment[] = [];
  let end = 0;
  for (const r of t.regions) {
    if (r.paddingBefore > 0) segs.push({ kind: 'pad', bytes: r.paddingBefore, label: 'padding' });
    const kind = r.name === 'topbits' ? 'tophash' : (r.name as Segment['kind']);
    segs.push({ kind, bytes: r.size, label: `${r.name === 'topbits' ? 'tophash' : r.name} ${r.type}` });
    end = r.offset + r.size;
  }
  if (t.bucketsize > end) segs.push({ kind: 'pad', bytes: t.bucketsize - end, label: 'padding' });
  return segs;
}

/** tophash, eight key/elem pairs (each with its padding), overflow. */
export function interleavedSegments(t: TypeView): Segment[] {
  const il = t.interleaved;
  const segs: Segment[] = [{ kind: 'tophash', bytes: 8, label: 'tophash' }];
  const pairData = il.pairSize - il.pairPadding;
  for (let i = 0; i < 8; i++) {
    segs.push({ kind: 'pair', bytes: pairData, label: `key/elem ${i}` });
    if (il.pairPadding > 0) segs.push({ kind: 'pad', bytes: il.pairPadding, label: 'padding' });
  }
  const used = 8 + 8 * il.pairSize + t.ptrSize;
  if (il.bucketsize > used) segs.push({ kind: 'pad', bytes: il.bucketsize - used, label: 'padding' });
  segs.push({ kind: 'overflow', bytes: t.ptrSize, label: 'overflow' });
  return segs;
}
