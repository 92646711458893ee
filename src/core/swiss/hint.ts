/**
 * The sizing half of `NewMap` (Go 1.26/1.27 `internal/runtime/maps/map.go`): how many tables a
 * `make(map[K]V, hint)` starts with and how big they are.
 *
 * A hint of at most 8 makes a small map whose group comes with the first insert. A larger hint
 * asks for `targetCapacity = hint*8/7` slots (room for `hint` entries at the 7/8 maximum load),
 * spread over `dirSize = pow2ceil(ceil(targetCapacity/maxTableCapacity))` tables of
 * `pow2ceil(max(8, targetCapacity/dirSize))` slots each, all at local depth = global depth =
 * log2(dirSize). Hints whose tables would overflow or exceed `maxAlloc` give an empty small map.
 */
import { maxAlloc } from '../classic/makemap';
import { maxAvgGroupLoad, maxTableCapacity, slotsPerGroup } from './constants';
import { SwissMapType } from './types';

export interface HintPlan {
  /** Directory entries = tables. */
  dirSize: number;
  globalDepth: number;
  /** Slots of each table. */
  tableCapacity: number;
}

function pow2ceil(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/** The directory `make(map[K]V, hint)` allocates, or undefined for a (lazy) small map. */
export function capacityForHint(hint: number, t: Pick<SwissMapType, 'groupsize' | 'ptrSize'>): HintPlan | undefined {
  if (!(hint > slotsPerGroup)) return undefined;
  // hint * 8 is uintptr arithmetic: it wraps on 32-bit targets, and a wrapped target means "empty map".
  const product = t.ptrSize === 4 ? (hint * slotsPerGroup) % 2 ** 32 : hint * slotsPerGroup;
  const targetCapacity = Math.floor(product / maxAvgGroupLoad);
  if (targetCapacity < hint) return undefined;
  const dirSize = pow2ceil(Math.ceil(targetCapacity / maxTableCapacity));
  const groups = dirSize * maxTableCapacity; // checked as the runtime does: dirSize * maxTableCapacity groups' worth
  if (groups * t.groupsize > maxAlloc(t.ptrSize)) return undefined;
  let tableCapacity = Math.max(slotsPerGroup, Math.floor(targetCapacity / dirSize));
  tableCapacity = pow2ceil(tableCapacity);
  return { dirSize, globalDepth: Math.log2(dirSize), tableCapacity };
}
