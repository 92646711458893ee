/**
 * Hovers and code actions on Go map code, computed without an editor. See `hover.ts` (entry
 * points), `constructs.ts` (what is under the cursor), `render.ts` (the markdown), `figures.ts`
 * (the numbers), `actions.ts` (code actions) and `gomod.ts` (which Go the module uses).
 */
export { hover, hoverMarkdown, hoverSync, hoverInDocument, initHover, documentCache, codeActions, codeActionsSync } from './hover';
export { codeActionsInDocument } from './actions';
export type { CodeActionResult, CodeActionOptions, TextEdit } from './actions';
export type { HoverResult } from './hover';
export type { HoverOptions, HoverFigures } from './render';
export { GoDocument, GoDocumentCache } from './document';
export type { Position, Range } from './document';
export { parseGoMod, parseGoVersion, goAtLeast, newestGoVersion, usesSwissTables } from './gomod';
export type { GoModInfo } from './gomod';
export { newMapCommand, newMapArguments, inspectLink, selfContained } from './format';
export type { NewMapArgs } from './format';
export { makeFigures, growthFigures, perEntryFigures, nextGrowthCount } from './figures';
export type { MakeFigures, GrowthFigures, PerEntryFigures } from './figures';
