/**
 * The commands. Each one asks for what it needs (quick input), then calls the model and lets the
 * views follow. Arguments may be passed instead of answering prompts (tests, keybindings):
 * e.g. `executeCommand('goMapInspector.insert', '"k"', '1')`.
 */
import * as vscode from 'vscode';
import { CommandId } from '../protocol/commands';
import { ArrayName } from '../protocol/messages';
import { parseUserValue } from './model/core';
import { mapAt, NotAMapError } from './model/locate';
import { MapSession, Op, formatValue } from './model/session';
import { PanelManager } from './panel';
import { SessionStore } from './sessions';
import { readSettings } from './settings';
import { snapshotOf } from '../core/classic/trace';

type Handler = (...args: unknown[]) => unknown;

export function registerCommands(context: vscode.ExtensionContext, store: SessionStore, panels: PanelManager): void {
  const withSession = (f: (s: MapSession, ...args: unknown[]) => Promise<unknown> | unknown): Handler => async (...args) => {
    const s = store.active ?? store.all().at(-1);
    if (!s) {
      void vscode.window.showWarningMessage('No map is open. Run "Go Map: New Map…" or "Go Map: Inspect Map Under Cursor" first.');
      return undefined;
    }
    try {
      return await f(s, ...args);
    } catch (e) {
      void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
      return undefined;
    }
  };

  /** Applies an operation, reporting model errors (limits, bad values) as messages. */
  const run = async (s: MapSession, op: Op): Promise<boolean> => {
    try {
      s.apply(op);
    } catch (e) {
      void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
      return false;
    }
    await store.changedSession(s);
    return true;
  };

  const handlers: Record<CommandId, Handler> = {
    [CommandId.InspectSelection]: async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage('Open a Go or JSON file and put the cursor on a map.');
        return undefined;
      }
      const doc = editor.document;
      try {
        const isJson = doc.languageId === 'json' || doc.languageId === 'jsonc';
        const sel = editor.selection;
        const found = await mapAt(doc.getText(), doc.offsetAt(sel.isEmpty ? sel.active : sel.start), isJson, readSettings().goarch);
        const file = vscode.workspace.asRelativePath(doc.uri);
        const s = await store.create({ key: found.key, elem: found.elem, hint: found.hint, origin: `${file}:${found.line}`, declarations: found.declarations });
        for (const e of found.entries) {
          s.apply({ op: 'insert', key: s.keyValue(e.key), elem: s.elemValue(e.elem) });
        }
        await store.changedSession(s);
        panels.show(s);
        return s.id;
      } catch (e) {
        const text = e instanceof NotAMapError ? e.message : `cannot inspect this map: ${message(e)}`;
        void vscode.window.showErrorMessage(`Go Map: ${text}`);
        return undefined;
      }
    },

    [CommandId.NewMap]: async (keyArg?: unknown, elemArg?: unknown, hintArg?: unknown, nArg?: unknown) => {
      const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({ title: 'New map (1/4): key type', prompt: 'Go type expression for the key, e.g. string, int64, [16]byte, struct{ a, b int32 }', value: 'string' });
      if (!key) return undefined;
      const elem = typeof elemArg === 'string' ? elemArg : await vscode.window.showInputBox({ title: `New map (2/4): map[${key}]…`, prompt: 'Go type expression for the value', value: 'int' });
      if (!elem) return undefined;
      const hintText = hintArg !== undefined ? String(hintArg) : await vscode.window.showInputBox({ title: `New map (3/4): make(map[${key}]${elem}, hint)`, prompt: 'Size hint (0 for make(map[K]V))', value: '0', validateInput: natural });
      if (hintText === undefined) return undefined;
      const nText = nArg !== undefined ? String(nArg) : await vscode.window.showInputBox({ title: 'New map (4/4): random entries', prompt: 'Insert this many random keys (0 for none)', value: '0', validateInput: natural });
      if (nText === undefined) return undefined;
      try {
        const s = await store.create({ key, elem, hint: Number(hintText), origin: 'new map' });
        const n = Number(nText);
        if (n > 0) s.apply({ op: 'fill', n, seed: readSettings().seed + 1 });
        await store.changedSession(s);
        panels.show(s);
        return s.id;
      } catch (e) {
        void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
        return undefined;
      }
    },

    [CommandId.Insert]: withSession(async (s, keyArg, elemArg) => {
      const key = await askValue(s, 'key', keyArg, 'Key to insert');
      if (key === undefined) return false;
      const elem = await askValue(s, 'elem', elemArg, `m[${formatValue(key)}] = …`);
      if (elem === undefined) return false;
      return run(s, { op: 'insert', key, elem });
    }),

    [CommandId.Delete]: withSession(async (s, keyArg) => {
      const key = await askValue(s, 'key', keyArg, 'Key to delete');
      if (key === undefined) return false;
      return run(s, { op: 'delete', key });
    }),

    [CommandId.Lookup]: withSession(async (s, keyArg) => {
      const key = await askValue(s, 'key', keyArg, 'Key to look up');
      if (key === undefined) return undefined;
      const lookup = s.lookup(key);
      await panels.post(s, { type: 'lookup', revision: s.revision, lookup });
      const where = lookup.where ? ` in ${lookup.where.array === 'oldbuckets' ? 'old ' : ''}bucket ${lookup.where.bucket}${lookup.where.chainIndex ? ` (overflow ${lookup.where.chainIndex})` : ''}, slot ${lookup.where.slot}` : '';
      void vscode.window.showInformationMessage(lookup.found ? `m[${lookup.key}] = ${lookup.elem}${where}` : `${lookup.key} is not in the map (${lookup.steps.length} steps)`);
      return lookup;
    }),

    [CommandId.Fill]: withSession(async (s, nArg) => {
      const text = nArg !== undefined ? String(nArg) : await vscode.window.showInputBox({ title: 'Insert random keys', prompt: `How many? (goMapInspector.maxEntries = ${s.maxEntries})`, value: '100', validateInput: natural });
      if (!text) return false;
      return run(s, { op: 'fill', n: Number(text), seed: (s.spec.seed + s.revision * 7919) >>> 0 });
    }),

    [CommandId.DeleteRandom]: withSession(async (s, pArg) => {
      const text = pArg !== undefined ? String(pArg) : await vscode.window.showInputBox({ title: 'Delete random keys', prompt: 'Percentage of the keys to delete (0–100)', value: '50', validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) <= 100 ? undefined : 'a whole number from 0 to 100') });
      if (!text) return false;
      return run(s, { op: 'deleteRandom', percent: Number(text), seed: (s.spec.seed + s.revision * 104729) >>> 0 });
    }),

    [CommandId.StepGrowth]: withSession(async (s) => {
      if (!s.hmap.growing()) {
        void vscode.window.showInformationMessage('The map is not growing: insert keys until it passes the load factor (6.5 per bucket).');
        return false;
      }
      return run(s, { op: 'stepGrowth' });
    }),

    [CommandId.FinishGrowth]: withSession(async (s) => {
      if (!s.hmap.growing()) {
        void vscode.window.showInformationMessage('The map is not growing.');
        return false;
      }
      return run(s, { op: 'finishGrowth' });
    }),

    [CommandId.Iterate]: withSession(async (s) => {
      if (!(await run(s, { op: 'iterate' }))) return undefined;
      const iteration = s.lastIteration;
      if (iteration) await panels.post(s, { type: 'iteration', revision: s.revision, iteration });
      return iteration;
    }),

    [CommandId.Undo]: withSession(async (s) => {
      if (!s.undo()) return false;
      await store.changedSession(s);
      return true;
    }),

    [CommandId.Redo]: withSession(async (s) => {
      if (!s.redo()) return false;
      await store.changedSession(s);
      return true;
    }),

    [CommandId.ExportSnapshot]: withSession(async (s, uriArg) => {
      const uri = uriArg instanceof vscode.Uri ? uriArg : await vscode.window.showSaveDialog({ title: 'Export map snapshot', filters: { JSON: ['json'] }, defaultUri: defaultUri(`${safeName(s.title)}.json`) });
      if (!uri) return undefined;
      const view = s.mapView();
      const snapshot = { type: view.type, spec: s.spec, snapshot: snapshotOf(s.hmap, view.history.last ?? 'make') };
      await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(snapshot, null, 1)}\n`));
      void vscode.window.showInformationMessage(`Go Map: snapshot written to ${vscode.workspace.asRelativePath(uri)}`);
      return uri.toString();
    }),

    [CommandId.ExportImage]: withSession(async (s, uriArg) => {
      let svg: string;
      try {
        svg = await panels.requestSvg(s);
      } catch (e) {
        void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
        return undefined;
      }
      const uri = uriArg instanceof vscode.Uri ? uriArg : await vscode.window.showSaveDialog({ title: 'Export map picture', filters: { SVG: ['svg'] }, defaultUri: defaultUri(`${safeName(s.title)}.svg`) });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(svg));
      void vscode.window.showInformationMessage(`Go Map: picture written to ${vscode.workspace.asRelativePath(uri)}`);
      return uri.toString();
    }),

    [CommandId.RevealInPanel]: (array: unknown, bucket?: unknown, chainIndex?: unknown, slot?: unknown) => {
      // From the tree's inline action the argument is the node itself.
      if (typeof array === 'object' && array !== null && 'array' in array && 'bucket' in array) {
        const n = array as { array: unknown; bucket: unknown; chainIndex?: unknown; slot?: unknown };
        ({ array, bucket, chainIndex, slot } = n);
      }
      if ((array !== 'buckets' && array !== 'oldbuckets') || typeof bucket !== 'number') return;
      panels.reveal(array as ArrayName, bucket, typeof chainIndex === 'number' ? chainIndex : undefined, typeof slot === 'number' ? slot : undefined);
    },
  };

  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}

/** A key or element typed by the user (or passed as an argument), parsed for the map's type. */
async function askValue(s: MapSession, which: 'key' | 'elem', arg: unknown, prompt: string): Promise<unknown> {
  const type = which === 'key' ? s.type.keyType : s.type.elemType;
  const typeName = which === 'key' ? s.spec.key : s.spec.elem;
  const parse = (text: string): Promise<unknown> => parseUserValue(type, typeName, text, s.spec.goarch, s.spec.declarations);
  if (arg !== undefined) return parse(typeof arg === 'string' ? arg : JSON.stringify(arg));
  const text = await vscode.window.showInputBox({
    title: `${s.title}: ${prompt}`,
    prompt: `A ${typeName} value, as Go writes it ('x', 0x1f, "text", T{A: 1}) or as JSON`,
    validateInput: async (v) => {
      try {
        await parse(v);
        return undefined;
      } catch (e) {
        return message(e);
      }
    },
  });
  return text === undefined ? undefined : parse(text);
}

function natural(v: string): string | undefined {
  return /^\d+$/.test(v.trim()) ? undefined : 'a whole number ≥ 0';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function safeName(title: string): string {
  return title.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

function defaultUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}
