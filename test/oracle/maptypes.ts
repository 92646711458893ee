/**
 * Resolving a trace's type names for the tests and the CLI: tree-sitter parses them, the types
 * module lays out the map on amd64 (the oracle's GOARCH).
 */
import { loadGoParser } from '../../src/core/go/parser';
import { GoType, mapTypeOf, parseTypeExprWith } from '../../src/core/types';
import { MapTypeInfo } from '../../src/core/maptype';

export async function typeResolver(): Promise<(text: string) => GoType> {
  const parser = await loadGoParser();
  return (text) => parseTypeExprWith(parser, text);
}

export function mapTypeFor(resolve: (text: string) => GoType, key: string, elem: string): MapTypeInfo {
  return { ...mapTypeOf(resolve(key), resolve(elem), 'amd64'), key, elem };
}
