/**
 * "Inspect Map Under Cursor": the Go map literal, `make(map[K]V, n)` call or JSON object at the
 * cursor (or around a selection), built as the program would build it, with the types of the
 * file's package and its imports. Inspecting the same literal again shows its open panel.
 */
import * as vscode from 'vscode';
import { CommandId } from '../../protocol/commands';
import { NotAMapError, mapAt } from '../../core/view/locate';
import { resolveMapType } from '../../core/view/maptypes';
import { normalizeElem, normalizeKey } from '../../core/view/values';
import { packageContextOf } from '../gopackages';
import { message } from '../prompts';
import { readSettings } from '../settings';
import { CommandContext, Handler } from './context';

/** FNV-1a of a string: tells two versions of a literal apart. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export function inspectCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  return {
    [CommandId.InspectSelection]: async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage('Open a Go or JSON file and put the cursor on a map.');
        return undefined;
      }
      const doc = editor.document;
      const goarch = readSettings().goarch;
      try {
        const isJson = doc.languageId === 'json' || doc.languageId === 'jsonc';
        const sel = editor.selection;
        const text = doc.getText();
        const pkg = isJson ? { siblings: [], resolver: (await packageContextOf(doc)).resolver } : await packageContextOf(doc);
        // A selection inspects the literal around its start, else around its middle or end.
        const offsets = sel.isEmpty ? [doc.offsetAt(sel.active)] : [doc.offsetAt(sel.start), Math.floor((doc.offsetAt(sel.start) + doc.offsetAt(sel.end)) / 2), doc.offsetAt(sel.end) - 1];
        let located: Awaited<ReturnType<typeof mapAt>> | undefined;
        let first: unknown;
        for (const at of offsets) {
          try {
            located = await mapAt(text, at, isJson, goarch, pkg);
            break;
          } catch (e) {
            first ??= e;
          }
        }
        if (!located) throw first;
        const { found, scope } = located;
        const origin = `${doc.uri.toString()}#${found.offset}#${goarch}#${fnv(`${found.key}|${found.elem}|${found.hint}|${JSON.stringify(found.entries)}`)}`;
        const open = c.store.byOrigin(origin);
        if (open) {
          c.panels.show(open);
          return open.id;
        }
        const type = await resolveMapType(found.key, found.elem, goarch, scope);
        const file = vscode.workspace.asRelativePath(doc.uri);
        const s = await c.store.create({ key: found.key, elem: found.elem, hint: found.hint, origin: `${file}:${found.line}`, name: found.name, decls: type.decls }, async (s) => {
          if (found.entries.length === 0) return;
          const entries = found.entries.map(([k, v]): [unknown, unknown] => [normalizeKey(s.type.keyType, k, goarch), normalizeElem(s.type.elemType, v, goarch)]);
          await s.apply({ op: 'insertMany', entries });
        }, origin);
        c.panels.show(s);
        return s.id;
      } catch (e) {
        const text = e instanceof NotAMapError ? e.message : `cannot inspect this map: ${message(e)}`;
        void vscode.window.showErrorMessage(`Go Map: ${text}`);
        return undefined;
      }
    },
  };
}
