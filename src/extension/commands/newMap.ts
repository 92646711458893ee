/**
 * "New Map…": `make(map[K]V, hint)` with types typed in (the active Go file's package, its imports
 * and the standard library resolve their names) and, optionally, random entries. Every answer is
 * checked as it is typed, so a map that cannot be built is refused at the question that makes it
 * impossible, not after the last one.
 */
import * as vscode from 'vscode';
import { CommandId } from '../../protocol/commands';
import { bucketsLog2ForHint } from '../../core/classic/makemap';
import { ResolvedMapType, parseKeyType, resolveMapType } from '../../core/view/maptypes';
import { maxHintB } from '../../core/view/session';
import { TypeScope, parseTypeExpr } from '../../core/types';
import { activePackageContext } from '../gopackages';
import { Cancelled, ask, message, toNumber, wholeNumber } from '../prompts';
import { readSettings } from '../settings';
import { CommandContext, Handler, isLong, withProgress } from './context';

export function newMapCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  return {
    [CommandId.NewMap]: async (keyArg?: unknown, elemArg?: unknown, hintArg?: unknown, nArg?: unknown) => {
      const settings = readSettings();
      try {
        const pkg = await activePackageContext();
        const files = [...(pkg.activeText !== undefined ? [{ name: 'active.go', text: pkg.activeText }] : []), ...pkg.siblings];
        const scopes = new Map<string, Promise<TypeScope>>();
        const scopeFor = (exprs: string[]): Promise<TypeScope> => {
          const k = exprs.join('\u0000');
          let p = scopes.get(k);
          if (!p) scopes.set(k, (p = pkg.resolver.scopeFor(files, exprs)));
          return p;
        };
        const check = (f: (t: string) => Promise<unknown>) => async (t: string): Promise<string | undefined> => {
          try {
            await f(t.trim());
            return undefined;
          } catch (e) {
            return message(e);
          }
        };
        const key = (await ask({
          title: 'New map (1/4): key type',
          prompt: 'A comparable Go type: string, int64, [16]byte, a type of this package (UserID) or of an import (time.Time)',
          value: 'string',
          validate: check(async (t) => parseKeyType(t, await scopeFor([t]))),
        }, keyArg)).trim();
        const elem = (await ask({
          title: `New map (2/4): map[${key}]…`,
          prompt: 'Any Go type for the elem: int, Profile, *Session, []byte, map[string]int, any',
          value: 'int',
          validate: check(async (t) => parseTypeExpr(t, await scopeFor([key, t]))),
        }, elemArg)).trim();
        const type: ResolvedMapType = await resolveMapType(key, elem, settings.goarch, await scopeFor([key, elem]));
        const hintText = await ask({
          title: `New map (3/4): make(map[${key}]${elem}, hint)`,
          prompt: `Size hint (0 for make(map[${key}]${elem}))`,
          value: '0',
          validate: (v) => wholeNumber(0, Number.MAX_SAFE_INTEGER)(v) ?? (bucketsLog2ForHint(type.layout.info, toNumber(v)) > maxHintB ? `a hint this large needs more than 2^${maxHintB} buckets, the most the inspector simulates` : undefined),
        }, hintArg);
        const nText = await ask({
          title: 'New map (4/4): random entries',
          prompt: `Insert this many random keys (0 for none; at most goMapInspector.maxEntries = ${settings.maxEntries.toLocaleString('en-US')})`,
          value: '0',
          validate: wholeNumber(0, settings.maxEntries),
        }, nArg);
        const n = toNumber(nText);
        const s = await c.store.create({ key, elem, hint: toNumber(hintText), origin: 'new map', decls: type.decls }, n > 0 ? async (s) => {
          const op = { op: 'fill' as const, n, seed: settings.seed + 1 };
          await withProgress(`insert ${n.toLocaleString('en-US')} random keys`, isLong(s, op), (p) => s.apply(op, p));
        } : undefined);
        c.panels.show(s);
        return s.id;
      } catch (e) {
        if (!(e instanceof Cancelled)) void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
        return undefined;
      }
    },
  };
}
