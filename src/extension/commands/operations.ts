/**
 * The operations on the open map, as a Go program does them (`m[k] = v`, `delete`, `v, ok :=
 * m[k]`, `range`, `clear`) and as the inspector offers them (random keys, a share deleted, growth
 * steps, undo and redo). Each asks for what it needs, validating as the user types, and fails
 * before its first question when it cannot succeed (a full map, a map that is not growing).
 */
import * as vscode from 'vscode';
import { CommandId } from '../../protocol/commands';
import { MapSession } from '../../core/view/session';
import { askAbout, askValue, toNumber, wholeNumber } from '../prompts';
import { CommandContext, Handler, runOp, stillOpen, withProgress, withSession } from './context';

/** How many distinct keys a key type has, when that is small (bool: 2, int8: 256). */
function keySpace(s: MapSession): number {
  const small: Record<string, number> = { bool: 2, int8: 256, uint8: 256, byte: 256, int16: 65536, uint16: 65536 };
  return small[s.type.layout.info.key] ?? Infinity;
}

export function operationCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  const refuseFull = (s: MapSession): void => {
    if (s.model.count >= s.maxEntries) throw new Error(`the map holds goMapInspector.maxEntries (${s.maxEntries.toLocaleString('en-US')}) entries: delete some or raise the setting`);
  };
  return {
    [CommandId.Insert]: withSession(c, async (s, keyArg, elemArg) => {
      refuseFull(s);
      const key = await askValue(s, c.panels, 'key', keyArg, 'm[key] = elem: the key');
      const elem = await askValue(s, c.panels, 'elem', elemArg, `m[${s.keyText(key)}] = elem: the elem`);
      return (await runOp(c, s, { op: 'insert', key, elem })) !== undefined;
    }),

    [CommandId.Delete]: withSession(c, async (s, keyArg) => {
      const key = await askValue(s, c.panels, 'key', keyArg, 'delete(m, key)');
      return (await runOp(c, s, { op: 'delete', key })) !== undefined;
    }),

    [CommandId.Lookup]: withSession(c, async (s, keyArg) => {
      const key = await askValue(s, c.panels, 'key', keyArg, 'v, ok := m[key]');
      if (!stillOpen(c, s)) return undefined;
      const lookup = s.lookup(key);
      await c.panels.post(s, { type: 'lookup', revision: s.revision, lookup });
      void vscode.window.showInformationMessage(lookup.message);
      return lookup;
    }),

    [CommandId.Fill]: withSession(c, async (s, nArg) => {
      refuseFull(s);
      const room = Math.min(s.maxEntries - s.model.count, keySpace(s) - s.model.count);
      if (room <= 0) throw new Error(`every one of the ${keySpace(s)} ${s.type.layout.info.key} keys is in the map`);
      const text = await askAbout(s, c.panels, {
        title: `${s.displayTitle}: insert random keys`,
        prompt: `How many new keys (1 to ${room.toLocaleString('en-US')}; goMapInspector.maxEntries is ${s.maxEntries.toLocaleString('en-US')})`,
        value: String(Math.min(100, room)),
        validate: wholeNumber(1, room),
      }, nArg);
      return (await runOp(c, s, { op: 'fill', n: toNumber(text), seed: (s.spec.seed + s.revision * 7919) >>> 0 })) !== undefined;
    }),

    [CommandId.DeleteRandom]: withSession(c, async (s, pArg) => {
      if (s.model.count === 0) throw new Error('the map is empty: nothing to delete');
      const text = await askAbout(s, c.panels, {
        title: `${s.displayTitle}: delete random keys`,
        prompt: `Percentage of the ${s.model.count.toLocaleString('en-US')} keys to delete`,
        value: '50',
        validate: wholeNumber(0, 100),
      }, pArg);
      return (await runOp(c, s, { op: 'deleteRandom', percent: toNumber(text), seed: (s.spec.seed + s.revision * 104729) >>> 0 })) !== undefined;
    }),

    [CommandId.StepGrowth]: withSession(c, async (s) => {
      // A Swiss insert that grew the map: walk its recorded steps (a view; the history is unchanged).
      if (!s.model.growing() && s.stepGrowthView()) {
        c.store.changedSession(s);
        return true;
      }
      if (!s.model.growing() && s.model.runtime.kind === 'swiss') throw new Error('no growth to show: Swiss tables grow inside the insert that needs it; after an insert that rehashes or splits a table, Step growth shows it step by step');
      if (!s.model.growing()) throw new Error('the map is not growing: insert keys until it passes the load factor (6.5 per bucket), or delete and insert until overflow buckets pile up');
      return (await runOp(c, s, { op: 'stepGrowth' })) !== undefined;
    }),

    [CommandId.FinishGrowth]: withSession(c, async (s) => {
      if (!s.model.growing() && s.endGrowthView()) {
        c.store.changedSession(s);
        return true;
      }
      if (!s.model.growing()) throw new Error('the map is not growing');
      return (await runOp(c, s, { op: 'finishGrowth' })) !== undefined;
    }),

    [CommandId.Iterate]: withSession(c, async (s) => (await runOp(c, s, { op: 'iterate' }))?.iteration),

    [CommandId.Clear]: withSession(c, async (s) => (await runOp(c, s, { op: 'clear' })) !== undefined),

    [CommandId.Undo]: withSession(c, async (s) => {
      if (!s.canUndo()) return false;
      const ok = await withProgress('undo', s.model.count >= 50_000, (p) => s.undo(p));
      if (ok) c.store.changedSession(s);
      return ok;
    }),

    [CommandId.Redo]: withSession(c, async (s) => {
      if (!s.canRedo()) return false;
      const ok = await withProgress('redo', s.model.count >= 50_000, (p) => s.redo(p));
      if (ok) c.store.changedSession(s);
      return ok;
    }),
  };
}
