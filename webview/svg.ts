/**
 * The map's picture is drawn by the extension from the runtime-neutral view
 * (`src/core/view/svg.ts`, which escapes every text for well-formed XML); this module re-exports
 * it for the webview side.
 */
export { renderMapSvg as renderSvg, xmlText as esc } from '../src/core/view/svg';
