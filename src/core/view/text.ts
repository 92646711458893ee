/**
 * Keys and elems of one map as Go source writes them (`gosyntax.ts`), bound to the map's types:
 * the models format every slot through this.
 */
import { GoType } from '../types';
import { GoText, goText } from './gosyntax';

export interface ValueText {
  key(v: unknown, max?: number): GoText;
  elem(v: unknown, max?: number): GoText;
}

export function valueText(keyType: GoType, elemType: GoType): ValueText {
  return {
    key: (v, max) => goText(keyType, v, max, true),
    elem: (v, max) => goText(elemType, v, max, false),
  };
}
