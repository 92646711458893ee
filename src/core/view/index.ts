/**
 * The runtime-neutral view of a map and everything around it that needs no editor: one view shape
 * (`view.ts`) that the panel, the tree, the exports and the CLI read; the `MapModel` a runtime
 * adapter implements (`model.ts`, `classic.ts`); the one interpreter of operations (`ops.ts`); the
 * session with its history (`session.ts`); keys and elems in Go syntax (`gosyntax.ts`), typed by
 * users (`input.ts`) and drawn at random (`values.ts`); the types of the user's packages
 * (`packages.ts`, `maptypes.ts`); and the map under the cursor (`locate.ts`).
 */
export * from './view';
export * from './model';
export * from './ops';
export * from './session';
export * from './gosyntax';
export * from './values';
export * from './input';
export * from './packages';
export * from './maptypes';
export * from './text';
export { ClassicModel, tophashState, tophashText, tophashExplained } from './classic';
export { hashBits } from './hashbits';
export * from './locate';
export * from './svg';
export * from './print';
