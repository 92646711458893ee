/**
 * How far a lookup walks in a Swiss map: for every key, the number of groups its probe sequence
 * visits before the group that holds it (1 when the key sits in its home group `h1 & lengthMask`).
 * This is the Swiss counterpart of the classic map's longest overflow chain: the cost of the worst
 * successful lookup, and what tombstones and a high load stretch.
 *
 * The probe sequence of `internal/runtime/maps` is triangular: probe i looks at group
 * `(h1 + i*(i+1)/2) & lengthMask`, which visits every group of a power-of-two table once in its
 * first `lengthMask + 1` probes. A key's probe length is therefore the first i (plus one) whose
 * group is the key's group: no key comparison is needed, only the key's hash. A small map has one
 * group: every key is found in the first. Keys that are not equal to themselves (NaN) have a fresh
 * hash each time and can never be looked up: they are counted apart.
 */
import { slotsPerGroup } from './constants';
import { h1 } from './hash';
import type { SwissMap } from './map';
import { isFull } from './table';

export interface ProbeLengths {
  /** Groups visited by the longest successful lookup (0 for an empty map). */
  longest: number;
  /** Mean groups visited over the keys counted. */
  mean: number;
  /** Keys counted (every live key but NaNs). */
  keys: number;
  /** `histogram[i]`: keys found after visiting i + 1 groups. */
  histogram: number[];
  /** Keys not equal to themselves (NaN): no lookup ever finds them. */
  unreachable: number;
}

/** The probe index of group `target` in the triangular sequence from `home` (mask + 1 groups). */
export function probeIndex(home: number, target: number, lengthMask: number): number {
  let g = home & lengthMask;
  for (let i = 0; i <= lengthMask; i++) {
    if (g === target) return i;
    g = (g + i + 1) & lengthMask;
  }
  throw new Error(`bad map state: group ${target} is not on the probe sequence from ${home}`);
}

/** The probe lengths of every live key of `m`, by hashing each key once. */
export function probeLengths(m: SwissMap): ProbeLengths {
  const histogram: number[] = [];
  let keys = 0;
  let total = 0;
  let unreachable = 0;
  const count = (groups: number) => {
    histogram[groups - 1] = (histogram[groups - 1] ?? 0) + 1;
    keys++;
    total += groups;
  };
  if (m.dirLen === 0) {
    const s = m.small;
    if (s) for (let i = 0; i < slotsPerGroup; i++) if (isFull(s.ctrl[i])) {
      if (m.equal(s.keys[i], s.keys[i])) count(1);
      else unreachable++;
    }
  } else {
    for (const t of m.tables()) {
      for (let i = 0; i < t.capacity; i++) {
        if (!isFull(t.ctrl[i])) continue;
        const k = t.keys[i];
        if (!m.equal(k, k)) {
          unreachable++;
          continue;
        }
        const g = Math.floor(i / slotsPerGroup);
        count(probeIndex(h1(m.hash(k)), g, t.lengthMask) + 1);
      }
    }
  }
  for (let i = 0; i < histogram.length; i++) histogram[i] ??= 0;
  return { longest: histogram.length, mean: keys ? total / keys : 0, keys, histogram, unreachable };
}
