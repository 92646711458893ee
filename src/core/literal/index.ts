/**
 * Maps from what the user selected, read exactly as Go reads them: Go map literals (checked and
 * evaluated as the Go 1.19 compiler does, with its errors at its positions) and JSON documents
 * (as a Go developer would declare the map). Pure: no `vscode`.
 *
 *   evaluateMapLiteral(source, { at })  the map literal at a position (or the first) of a Go file
 *   evaluateJsonMap(text, { keyType })  a JSON object or array of [key, value] pairs
 *
 * Both answer a `LiteralResult`: the map (types, entries in source order in the JSON value form
 * and as typed GoValues, gc's make hint and insertion order, source spans), or errors with the
 * compiler's line:col and the UTF-16 offsets an editor underlines.
 */
export { evaluateMapLiteral, evaluateMapLiteralWith, findMapLiteral } from './evaluate';
export type { EvaluateOptions, EvaluatedMap, LiteralResult, MapTarget, Span } from './evaluate';
export { anyType, evaluateJsonMap, inferType } from './json';
export type { JsonMapOptions } from './json';
export type { LiteralError } from './position';
export { floatJson, toJson, zeroValue } from './value';
export type { GoValue, JsonValue } from './value';
export { formatFloat, formatGoValue } from './format';
