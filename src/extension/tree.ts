/**
 * The structure tree (`goMapInspector.structure`): the active map → its arrays (buckets, old
 * buckets; a Swiss map's tables) → rows → each row's groups (a bucket and its overflow buckets) →
 * slots. It reads the runtime-neutral view (`src/core/view`), so it shows either runtime. Children
 * are made only when a node is expanded, and big arrays are split into ranges of at most
 * `pageSize`, so a 2^20-bucket map opens at once.
 *
 * A Swiss map reads: directory (its entries, each run pointing at a table) → tables (each with its
 * full/empty/deleted counts) → groups → 8 slots with their control byte (h2, empty, deleted). Every
 * node has an id and a parent (`getParent`), so a row selected in the panel is revealed here
 * (`nodeFor`), and a node selected here is revealed in the panel, for both runtimes.
 */
import * as vscode from 'vscode';
import { slotStateNames } from '../core/view/model';
import { ctrlText } from '../core/view/swiss';
import { ViewedSession } from '../core/view/viewed';
import { DirectoryView, MapView, SlotState } from '../core/view/view';
import { CommandId } from '../protocol/commands';
import { SessionStore } from './sessions';

const pageSize = 256;

export type StructureNode =
  | { kind: 'summary'; text: string }
  | { kind: 'states'; counts?: [SlotState, number][] }
  | { kind: 'state'; name: string; count: number }
  | { kind: 'directory'; directory: DirectoryView }
  | { kind: 'dirRun'; run: DirectoryView['runs'][number] }
  | { kind: 'array'; array: string; title: string; rowName: string; n: number }
  | { kind: 'range'; array: string; rowName: string; start: number; end: number }
  | { kind: 'bucket'; array: string; rowName: string; bucket: number }
  | { kind: 'bmap'; array: string; bucket: number; chainIndex: number }
  | { kind: 'slot'; array: string; bucket: number; chainIndex: number; slot: number };

export class StructureTree implements vscode.TreeDataProvider<StructureNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StructureNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: SessionStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  private get session(): ViewedSession | undefined {
    return this.store.active;
  }

  /** The active map's view, made once per revision (a Swiss map has thousands of table nodes). */
  private viewCache?: { session: ViewedSession; revision: number; view: MapView };

  private viewOf(s: ViewedSession): MapView {
    const c = this.viewCache;
    if (c && c.session === s && c.revision === s.revision && !c.view.pending) return c.view;
    const view = s.mapView(true);
    this.viewCache = { session: s, revision: s.revision, view };
    return view;
  }

  getChildren(node?: StructureNode): StructureNode[] {
    const s = this.session;
    if (!s) return [];
    if (!node) {
      const view = this.viewOf(s);
      const out: StructureNode[] = [
        { kind: 'summary', text: view.summary },
        { kind: 'states', counts: this.countsOrLater(s) },
      ];
      if (view.directory) out.push({ kind: 'directory', directory: view.directory });
      for (const a of view.arrays) out.push({ kind: 'array', array: a.id, title: a.title, rowName: a.rowName, n: a.rows });
      return out;
    }
    switch (node.kind) {
      case 'directory':
        return node.directory.runs.map((run) => ({ kind: 'dirRun', run }));
      case 'states':
        return (node.counts ?? []).map(([state, count]) => ({ kind: 'state', name: slotStateNames[state], count }));
      case 'array':
        return ranges(node.array, node.rowName, 0, node.n);
      case 'range':
        return ranges(node.array, node.rowName, node.start, node.end);
      case 'bucket':
        // A Swiss group is one group of 8 slots: its slots directly (no chain level).
        if (s.model.runtime.kind === 'swiss') return slotsOf(node.array, node.bucket, 0);
        return (s.rows(node.array, node.bucket, node.bucket + 1)[0]?.groups ?? []).map((_, chainIndex) => ({ kind: 'bmap', array: node.array, bucket: node.bucket, chainIndex }));
      case 'bmap':
        return slotsOf(node.array, node.bucket, node.chainIndex);
      default:
        return [];
    }
  }

  /** The node of row `row` of `array` (what the panel selected), for `TreeView.reveal`. */
  nodeFor(array: string, row: number): StructureNode | undefined {
    const s = this.session;
    const a = s && this.viewOf(s).arrays.find((x) => x.id === array);
    return a && row >= 0 && row < a.rows ? { kind: 'bucket', array, rowName: a.rowName, bucket: row } : undefined;
  }

  getParent(node: StructureNode): StructureNode | undefined {
    const s = this.session;
    if (!s) return undefined;
    const arrayNode = (id: string): StructureNode | undefined => {
      const a = this.viewOf(s).arrays.find((x) => x.id === id);
      return a && { kind: 'array', array: a.id, title: a.title, rowName: a.rowName, n: a.rows };
    };
    /** The innermost range of `array` around rows [start, end), or the array itself. */
    const around = (id: string, start: number, end: number): StructureNode | undefined => {
      const top = arrayNode(id);
      if (!top || top.kind !== 'array') return undefined;
      let parent: StructureNode = top;
      for (let level = ranges(id, top.rowName, 0, top.n); ;) {
        const r = level.find((x) => x.kind === 'range' && x.start <= start && end <= x.end && !(x.start === start && x.end === end));
        if (!r || r.kind !== 'range') return parent;
        parent = r;
        level = ranges(id, r.rowName, r.start, r.end);
      }
    };
    switch (node.kind) {
      case 'state': return { kind: 'states', counts: this.countsOrLater(s) };
      case 'dirRun': return this.viewOf(s).directory && { kind: 'directory', directory: this.viewOf(s).directory! };
      case 'range': return around(node.array, node.start, node.end);
      case 'bucket': return around(node.array, node.bucket, node.bucket + 1);
      case 'bmap': return this.nodeFor(node.array, node.bucket);
      case 'slot': return s.model.runtime.kind === 'swiss' ? this.nodeFor(node.array, node.bucket) : { kind: 'bmap', array: node.array, bucket: node.bucket, chainIndex: node.chainIndex };
      default: return undefined;
    }
  }

  /** The slot state counts if this revision's walk is done; else start it and refresh when done. */
  private countsOrLater(s: ViewedSession): [SlotState, number][] | undefined {
    if (!s.statsReady() && s.isBig()) {
      void s.computeStats().then((done) => {
        if (done) this.changed.fire(undefined);
      });
      return undefined;
    }
    return Object.entries(s.stats().states).filter(([, n]) => (n ?? 0) > 0) as [SlotState, number][];
  }

  getTreeItem(node: StructureNode): vscode.TreeItem {
    const item = this.treeItem(node);
    item.id = nodeId(node);
    return item;
  }

  private treeItem(node: StructureNode): vscode.TreeItem {
    const s = this.session;
    const None = vscode.TreeItemCollapsibleState.None;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'summary': {
        const item = new vscode.TreeItem(s ? s.displayTitle : 'map', None);
        item.description = node.text;
        item.tooltip = `${s?.displayTitle ?? ''}\n${s?.model.runtime.label ?? ''}\n${node.text}`;
        item.contextValue = 'goMapInspector.summary';
        item.iconPath = new vscode.ThemeIcon('symbol-structure');
        return item;
      }
      case 'states': {
        const item = new vscode.TreeItem(s?.model.runtime.kind === 'swiss' ? 'control bytes' : 'tophash states', Collapsed);
        item.contextValue = 'goMapInspector.states';
        item.description = node.counts ? node.counts.map(([st, c]) => `${slotStateNames[st]} ${c}`).join(' · ') : 'counting…';
        return item;
      }
      case 'state':
        return Object.assign(new vscode.TreeItem(node.name, None), { description: String(node.count), contextValue: 'goMapInspector.state' });
      case 'directory': {
        const d = node.directory;
        const item = new vscode.TreeItem('directory', Collapsed);
        item.description = `${d.entries} entries · globalDepth ${d.globalDepth} · ${d.runs.length} tables`;
        item.tooltip = 'The Map\'s directory: the top globalDepth bits of a hash pick an entry; a table of local depth d is pointed at by 2^(globalDepth - d) consecutive entries.';
        item.contextValue = 'goMapInspector.directory';
        return item;
      }
      case 'dirRun': {
        const r = node.run;
        const item = new vscode.TreeItem(`${r.length === 1 ? `entry ${r.start}` : `entries ${r.start}–${r.start + r.length - 1}`} → ${r.array.replace('table-', 'table ')}`, None);
        item.description = `local depth ${r.localDepth} · ${r.used}/${r.capacity}`;
        item.contextValue = 'goMapInspector.dirRun';
        item.command = { command: CommandId.RevealInPanel, title: 'Reveal in panel', arguments: [r.array, 0] };
        return item;
      }
      case 'array': {
        const run = s && this.viewOf(s).directory?.runs.find((r) => r.array === node.array);
        const swiss = s?.model.runtime.kind === 'swiss';
        const label = node.array === 'oldbuckets' ? 'old buckets (growing)' : node.array === 'buckets' ? 'buckets' : swiss ? node.title.split(' · ')[0] : node.title;
        const item = new vscode.TreeItem(label, node.n > 0 ? Collapsed : None);
        // A Swiss table: its slots by control state (empty = capacity - used - tombstones).
        item.description = run ? `${node.n} groups · full ${run.used} · empty ${run.capacity - run.used - run.tombstones} · deleted ${run.tombstones}` : `${node.n}`;
        item.tooltip = node.title;
        item.contextValue = `goMapInspector.${node.array.replace(/[^a-z]/gi, '')}`;
        return item;
      }
      case 'range': {
        const item = new vscode.TreeItem(`${node.rowName}s ${node.start}–${node.end - 1}`, Collapsed);
        item.contextValue = 'goMapInspector.range';
        return item;
      }
      case 'bucket': {
        const groups = s ? s.rows(node.array, node.bucket, node.bucket + 1)[0]?.groups ?? [] : [];
        const live = groups.reduce((n, g) => n + g.slots.filter((x) => x.state === 'full').length, 0);
        const item = new vscode.TreeItem(`${node.rowName} ${node.bucket}`, Collapsed);
        const deleted = groups.reduce((n, g) => n + g.slots.filter((x) => x.state === 'deleted').length, 0);
        item.description = s?.model.runtime.kind === 'swiss' ? `${live} full · ${8 - live - deleted} empty · ${deleted} deleted` : `chain ${groups.length} · ${live} live`;
        item.contextValue = 'goMapInspector.bucket';
        item.command = { command: CommandId.RevealInPanel, title: 'Reveal in panel', arguments: [node.array, node.bucket] };
        return item;
      }
      case 'bmap': {
        const item = new vscode.TreeItem(node.chainIndex === 0 ? `bucket ${node.bucket}` : `overflow ${node.chainIndex}`, Collapsed);
        item.contextValue = 'goMapInspector.bmap';
        item.command = { command: CommandId.RevealInPanel, title: 'Reveal in panel', arguments: [node.array, node.bucket, node.chainIndex] };
        return item;
      }
      case 'slot': {
        const slot = s?.rows(node.array, node.bucket, node.bucket + 1)[0]?.groups[node.chainIndex]?.slots[node.slot];
        const state = slot?.state ?? 'emptyRest';
        const byte = slot?.byte ?? 0;
        const swiss = s?.model.runtime.kind === 'swiss';
        const item = new vscode.TreeItem(`slot ${node.slot} · ${swiss ? ctrlText(byte) : state === 'full' ? `top 0x${byte.toString(16).padStart(2, '0')}` : slotStateNames[state]}`, None);
        if (slot?.key !== undefined) {
          item.description = `${slot.key} = ${slot.elem ?? ''}`;
          item.tooltip = `${slot.key} = ${slot.elem ?? ''}`;
        }
        item.contextValue = state === 'full' ? 'goMapInspector.slot.live' : 'goMapInspector.slot.empty';
        item.command = { command: CommandId.RevealInPanel, title: 'Reveal in panel', arguments: [node.array, node.bucket, node.chainIndex, node.slot] };
        return item;
      }
      default: {
        const never: never = node;
        return new vscode.TreeItem(String(never));
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Rows [start, end) as row nodes, or as sub-ranges of at most `pageSize` leaves each. */
function slotsOf(array: string, bucket: number, chainIndex: number): StructureNode[] {
  return Array.from({ length: 8 }, (_, slot) => ({ kind: 'slot', array, bucket, chainIndex, slot }));
}

/** A stable id per node, so `reveal` finds the node the tree drew. */
export function nodeId(n: StructureNode): string {
  switch (n.kind) {
    case 'summary': case 'states': case 'directory': return n.kind;
    case 'state': return `state:${n.name}`;
    case 'dirRun': return `dir:${n.run.start}`;
    case 'array': return `array:${n.array}`;
    case 'range': return `range:${n.array}:${n.start}:${n.end}`;
    case 'bucket': return `row:${n.array}:${n.bucket}`;
    case 'bmap': return `group:${n.array}:${n.bucket}:${n.chainIndex}`;
    case 'slot': return `slot:${n.array}:${n.bucket}:${n.chainIndex}:${n.slot}`;
    default: {
      const never: never = n;
      return String(never);
    }
  }
}

function ranges(array: string, rowName: string, start: number, end: number): StructureNode[] {
  const n = end - start;
  if (n <= pageSize) return Array.from({ length: n }, (_, i) => ({ kind: 'bucket', array, rowName, bucket: start + i }));
  let span = pageSize;
  while (span * pageSize < n) span *= pageSize;
  const out: StructureNode[] = [];
  for (let s = start; s < end; s += span) out.push({ kind: 'range', array, rowName, start: s, end: Math.min(end, s + span) });
  return out;
}
