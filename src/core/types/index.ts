/**
 * Go types for the map inspector: parse type expressions and `type` declarations with tree-sitter,
 * lay them out per GOARCH exactly as gc does, and build the map bucket type and memory figures
 * the runtime uses. See each module's header for the rules it follows.
 */
export * from './gotype';
export * from './errors';
export { TypeScope, universe, underlying, errorType, brokenTypeError } from './scope';
export type { TypeEntry, ConstEntry } from './scope';
export { typeFromNode, constValue, parseIntLiteral } from './fromnode';
export type { FromNodeOptions } from './fromnode';
export { scopeFromTree, scopeFromSource, scopeFromSourceWith, firstSyntaxError } from './declarations';
export type { ScopeOptions } from './declarations';
export { parseTypeExpr, parseTypeExprWith } from './parse';
export { typeString } from './print';
export { comparable, isReflexive, needkeyupdate, hashMightPanic } from './predicates';
export type { Comparability } from './predicates';
export { layoutOf, sizeof, alignof, ptrdata, hasPointers, structLayout, regSizeOf, rnd } from './size';
export type { TypeLayout, StructLayout, FieldLayout } from './size';
export {
  mapTypeOf,
  mapTypeFlags,
  bucketLayout,
  optimalFieldOrder,
  internalPadding,
  mapFlagIndirectKey,
  mapFlagIndirectElem,
  mapFlagReflexiveKey,
  mapFlagNeedKeyUpdate,
  mapFlagHashMightPanic,
} from './bucket';
export type { BucketLayout, BucketRegion, SlotInfo, InterleavedLayout, ReorderSuggestion } from './bucket';
export { mapMemory, liveMemory, capacityOf, appendCapacity } from './memory';
export type { MapMemory, MapCounts, LiveMemory } from './memory';
