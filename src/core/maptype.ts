/**
 * What the map algorithm needs to know about `map[K]V` on one GOARCH: the fields of the runtime's
 * `maptype` (Go 1.19 `runtime/type.go`) as the compiler fills them in
 * (`cmd/compile/internal/reflectdata.MapBucketType` and `writeType`).
 *
 * The type-layout module (`src/core/types`) computes it from Go type expressions; the classic map
 * model (`src/core/classic`) only reads it.
 */

export type GoArch = 'amd64' | 'arm64' | '386' | 'arm';
export const goArches: readonly GoArch[] = ['amd64', 'arm64', '386', 'arm'];

/** Pointer size in bytes (`goarch.PtrSize`). */
export function ptrSizeOf(arch: GoArch): 4 | 8 {
  return arch === '386' || arch === 'arm' ? 4 : 8;
}

export interface MapTypeInfo {
  /** The key and element types as canonical Go type expressions, e.g. `int64`, `[129]byte`. */
  key: string;
  elem: string;
  goarch: GoArch;
  /** `goarch.PtrSize`. */
  ptrSize: 4 | 8;
  /** Size of a key slot in the bucket: the key's size, or `ptrSize` when stored indirectly. */
  keysize: number;
  /** Size of an element slot in the bucket: the element's size, or `ptrSize` when indirect. */
  elemsize: number;
  /** Size of one bmap: tophash[8], keys[8], elems[8], overflow, padded to its alignment. */
  bucketsize: number;
  /** The key is over 128 bytes and the bucket holds a pointer to it. */
  indirectkey: boolean;
  /** The element is over 128 bytes and the bucket holds a pointer to it. */
  indirectelem: boolean;
  /** The bucket type's pointer-prefix size; 0 means the GC never scans the bucket array. */
  bucketPtrdata: number;
  /** k == k for every key (false for floats, complex, interfaces and aggregates holding them). */
  reflexivekey: boolean;
  /** An overwrite must also store the key again (+0/-0, NaN, strings, interfaces). */
  needkeyupdate: boolean;
}
