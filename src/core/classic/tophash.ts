/**
 * The values of a bmap's tophash slots (Go 1.19 `runtime/map.go`). A slot holds the top byte of
 * its key's hash, raised to at least `minTopHash`, or one of the marks below.
 */

// Possible tophash values. We reserve a few possibilities for special marks.
/** This cell is empty, and there are no more non-empty cells at higher indexes or overflows. */
export const emptyRest = 0;
/** This cell is empty. */
export const emptyOne = 1;
/** Key/elem is valid. Entry has been evacuated to first half of larger table. */
export const evacuatedX = 2;
/** Same as above, but evacuated to second half of larger table. */
export const evacuatedY = 3;
/** Cell is empty, bucket is evacuated. */
export const evacuatedEmpty = 4;
/** Minimum tophash for a normal filled cell. */
export const minTopHash = 5;

/** `isEmpty` reports whether the given tophash array entry represents an empty bucket entry. */
export function isEmpty(x: number): boolean {
  return x <= emptyOne;
}

/** Whether a slot with this tophash holds a key and elem worth reading (live, or evacuated X/Y). */
export function holdsEntry(x: number): boolean {
  return !isEmpty(x) && x !== evacuatedEmpty;
}
