/**
 * The Swiss-table runtime's constants (Go 1.26/1.27 `internal/runtime/maps/group.go`, `table.go`,
 * `internal/abi/map.go`), with the runtime's names, for the model, the layout code and the views.
 */

/** `abi.MapGroupSlotsBits`: log2 of the slots in a group. */
export const slotsPerGroupBits = 3;
/** `abi.MapGroupSlots = 1 << MapGroupSlotsBits`: slots (and control bytes) in a group. */
export const slotsPerGroup = 1 << slotsPerGroupBits;
/** `maxAvgGroupLoad`: a table holds at most 7 of every 8 slots (7/8 load, tombstones included). */
export const maxAvgGroupLoad = 7;
/** `maxTableCapacity`: a table never grows past 1024 slots; it splits instead. */
export const maxTableCapacity = 1024;
/** `abi.MapMaxKeyBytes`: keys larger than this are stored behind a pointer (`IndirectKey`). */
export const maxKeyBytes = 128;
/** `abi.MapMaxElemBytes`: elems larger than this are stored behind a pointer (`IndirectElem`). */
export const maxElemBytes = 128;

// Control bytes. A full slot's control byte is its key's h2 (0..127, high bit clear).
/** `ctrlEmpty = 0b10000000`: the slot is empty. */
export const ctrlEmpty = 0b10000000;
/** `ctrlDeleted = 0b11111110`: the slot held a key that was deleted (a tombstone). */
export const ctrlDeleted = 0b11111110;
/** `bitsetLSB`: the low bit of each control byte of a control word. */
export const bitsetLSB = 0x0101010101010101n;
/** `bitsetMSB`: the high bit of each control byte of a control word. */
export const bitsetMSB = 0x8080808080808080n;
/** `bitsetEmpty = bitsetLSB * ctrlEmpty`: a control word of 8 empty slots. */
export const bitsetEmpty = bitsetLSB * BigInt(ctrlEmpty);
