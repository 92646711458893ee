/**
 * Exports: the runtime's dump of the map as JSON, and the picture as SVG or PNG. The picture holds
 * the whole map (every bucket with its overflow chain, old buckets beside new ones with their
 * arrows); for a map too large for one picture the user picks a range of rows, with the size the
 * file will have. The PNG is the same picture, rasterized by the panel's webview.
 */
import * as vscode from 'vscode';
import { CommandId } from '../../protocol/commands';
import { snapshotExportJson } from '../../core/view/exportjson';
import { ViewedSession } from '../../core/view/viewed';
import { SvgColors, SvgRange, defaultSvgColors, estimateSvgBytes, renderMapSvg, svgSize } from '../../core/view/svg';
import { humanBytes } from '../../core/hover/format';
import { askAbout } from '../prompts';
import { CommandContext, Handler, withViewed } from './context';

/** Rows written without asking. */
const wholeMapRows = 2048;
/** The most rows one SVG holds (about 60 MB). */
const maxSvgRows = 20_000;
/** A PNG's canvas: at most this tall, and this many pixels. */
const maxPngHeight = 30_000;
const maxPngPixels = 120_000_000;

/** The theme's slot colors, from the defaults package.json contributes for its kind. */
function themeColors(): SvgColors {
  const kind = vscode.window.activeColorTheme.kind;
  if (kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight) {
    return {
      fg: '#1f1f1f', bg: '#ffffff', muted: '#616161', x: '#5a9be0', y: '#b07ddc',
      state: { full: '#58b27a', emptyRest: '#ececec', emptyOne: '#e0c060', evacuatedX: '#5a9be0', evacuatedY: '#b07ddc', evacuatedEmpty: '#bbbbbb', empty: '#ececec', deleted: '#e0c060' },
    };
  }
  return defaultSvgColors;
}

function rowsOf(s: ViewedSession): number {
  return Math.max(0, ...s.mapView().arrays.map((a) => a.rows));
}

/** The rows to draw: all of a small map; for a large one, what the user picks (or `arg`). */
async function chooseRange(c: CommandContext, s: ViewedSession, arg: unknown, limit: number, what: string): Promise<SvgRange> {
  const rows = rowsOf(s);
  if (isRange(arg)) return { first: Math.max(0, arg.first), last: Math.min(rows, arg.last) };
  if (rows <= Math.min(wholeMapRows, limit)) return { first: 0, last: rows };
  const view = s.mapView();
  const perRow = estimateSvgBytes(view, 1000, (a, b, e) => s.model.rows(a, b, e)) / 1000;
  const fits = Math.min(limit, rows);
  const text = await askAbout(s, c.panels, {
    title: `${s.displayTitle}: ${what} of which rows?`,
    prompt: `The map has ${rows.toLocaleString('en-US')} rows; one ${what} holds at most ${limit.toLocaleString('en-US')} (about ${humanBytes(Math.round(perRow * fits))}). Type first-last.`,
    value: `0-${fits - 1}`,
    validate: (v) => {
      const r = parseRange(v);
      if (!r) return 'two row numbers, first-last (e.g. 0-999)';
      if (r.last > rows) return `the last row is ${rows - 1}`;
      if (r.last - r.first > limit) return `at most ${limit.toLocaleString('en-US')} rows (this range: ${(r.last - r.first).toLocaleString('en-US')})`;
      return undefined;
    },
  });
  return parseRange(text)!;
}

function parseRange(v: string): SvgRange | undefined {
  const m = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(v);
  if (!m || Number(m[2]) < Number(m[1])) return undefined;
  return { first: Number(m[1]), last: Number(m[2]) + 1 };
}

function isRange(x: unknown): x is SvgRange {
  return typeof x === 'object' && x !== null && typeof (x as SvgRange).first === 'number' && typeof (x as SvgRange).last === 'number';
}

async function saveTarget(uriArg: unknown, title: string, name: string, filter: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  if (uriArg instanceof vscode.Uri) return uriArg;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return vscode.window.showSaveDialog({ title, filters: filter, defaultUri: folder ? vscode.Uri.joinPath(folder.uri, name) : undefined });
}

function safeName(title: string): string {
  return title.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

export function exportCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  const picture = (s: ViewedSession, range: SvgRange): string => renderMapSvg(s.mapView(), range, (a, b, e) => s.model.rows(a, b, e), themeColors());
  return {
    [CommandId.ExportSnapshot]: withViewed(c, async (s, uriArg) => {
      const uri = await saveTarget(uriArg, 'Export map snapshot', `${safeName(s.title)}.json`, { JSON: ['json'] });
      if (!uri) return undefined;
      // The dump as the CLI prints it (NaN and ±Inf spelt out, interface values with their $type).
      await vscode.workspace.fs.writeFile(uri, Buffer.from(snapshotExportJson(s)));
      void vscode.window.showInformationMessage(`Go Map: snapshot written to ${vscode.workspace.asRelativePath(uri)}`);
      return uri.toString();
    }),

    [CommandId.ExportImage]: withViewed(c, async (s, uriArg, rangeArg) => {
      const range = await chooseRange(c, s, rangeArg, maxSvgRows, 'SVG');
      const svg = picture(s, range);
      const uri = await saveTarget(uriArg, 'Export map picture', `${safeName(s.title)}.svg`, { SVG: ['svg'] });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(svg));
      void vscode.window.showInformationMessage(`Go Map: picture of rows ${range.first}–${range.last - 1} written to ${vscode.workspace.asRelativePath(uri)} (${humanBytes(svg.length)})`);
      return uri.toString();
    }),

    [CommandId.ExportPng]: withViewed(c, async (s, uriArg, rangeArg) => {
      const p = c.panels.panelOf(s);
      if (!p) throw new Error('open the map in its panel first: the panel draws the PNG');
      const width = svgSize(picture(s, { first: 0, last: Math.min(1, rowsOf(s)) })).width || 1200;
      const limit = Math.max(1, Math.min(Math.floor((maxPngHeight - 120) / 66), Math.floor(maxPngPixels / width / 66)));
      const range = await chooseRange(c, s, rangeArg, limit, 'PNG');
      const svg = picture(s, range);
      const size = svgSize(svg);
      const base64 = await p.requestPng(svg, size.width, size.height);
      const uri = await saveTarget(uriArg, 'Export map picture (PNG)', `${safeName(s.title)}.png`, { PNG: ['png'] });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(base64, 'base64'));
      void vscode.window.showInformationMessage(`Go Map: PNG of rows ${range.first}–${range.last - 1} (${size.width}×${size.height}) written to ${vscode.workspace.asRelativePath(uri)}`);
      return uri.toString();
    }),
  };
}

