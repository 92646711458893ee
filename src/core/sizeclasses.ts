/**
 * The malloc size classes of Go 1.19 (`runtime/sizeclasses.go`) and `roundupsize` (`runtime/msize.go`).
 *
 * Small objects (< 32 KiB) are rounded up to the smallest size class that holds them; large objects
 * are rounded up to whole 8 KiB pages. The classes have not changed from Go 1.19 to Go 1.23.
 */

/** `_MaxSmallSize`: objects of this size and more are "large" and get whole pages. */
export const maxSmallSize = 32768;
/** `_PageSize = 1 << _PageShift` with `_PageShift = 13`. */
export const pageSize = 8192;

/** `class_to_size`: the object size of each size class; class 0 stands for large objects. */
export const classToSize: readonly number[] = [
  0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
  384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304,
  2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
  12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
];

/** The size class (index into `classToSize`) that `mallocgc` uses for `size` bytes, 0 when large. */
export function sizeClass(size: number): number {
  if (size >= maxSmallSize) return 0;
  // classToSize is sorted: binary search for the first class that holds `size`.
  let lo = 1;
  let hi = classToSize.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (classToSize[mid] >= size) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `roundupsize`: the bytes `mallocgc` really allocates for a request of `size` bytes. */
export function roundupsize(size: number): number {
  if (size < maxSmallSize) return size === 0 ? 0 : classToSize[sizeClass(size)];
  return Math.ceil(size / pageSize) * pageSize;
}
