/**
 * The structure tree (`goMapInspector.structure`): the active map → its arrays (buckets, old
 * buckets; a Swiss map's tables) → rows → each row's groups (a bucket and its overflow buckets) →
 * slots. It reads the runtime-neutral view (`src/core/view`), so it shows either runtime. Children
 * are made only when a node is expanded, and big arrays are split into ranges of at most
 * `pageSize`, so a 2^20-bucket map opens at once.
 */
import * as vscode from 'vscode';
import { slotStateNames } from '../core/view/model';
import { MapSession } from '../core/view/session';
import { SlotState } from '../core/view/view';
import { CommandId } from '../protocol/commands';
import { SessionStore } from './sessions';

const pageSize = 256;

export type StructureNode =
  | { kind: 'summary'; text: string }
  | { kind: 'states'; counts?: [SlotState, number][] }
  | { kind: 'state'; name: string; count: number }
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

  private get session(): MapSession | undefined {
    return this.store.active;
  }

  getChildren(node?: StructureNode): StructureNode[] {
    const s = this.session;
    if (!s) return [];
    if (!node) {
      const view = s.mapView(true);
      const out: StructureNode[] = [
        { kind: 'summary', text: view.summary },
        { kind: 'states', counts: this.countsOrLater(s) },
      ];
      for (const a of view.arrays) out.push({ kind: 'array', array: a.id, title: a.title, rowName: a.rowName, n: a.rows });
      return out;
    }
    switch (node.kind) {
      case 'states':
        return (node.counts ?? []).map(([state, count]) => ({ kind: 'state', name: slotStateNames[state], count }));
      case 'array':
        return ranges(node.array, node.rowName, 0, node.n);
      case 'range':
        return ranges(node.array, node.rowName, node.start, node.end);
      case 'bucket':
        return (s.rows(node.array, node.bucket, node.bucket + 1)[0]?.groups ?? []).map((_, chainIndex) => ({ kind: 'bmap', array: node.array, bucket: node.bucket, chainIndex }));
      case 'bmap':
        return Array.from({ length: 8 }, (_, slot) => ({ kind: 'slot', array: node.array, bucket: node.bucket, chainIndex: node.chainIndex, slot }));
      default:
        return [];
    }
  }

  /** The slot state counts if this revision's walk is done; else start it and refresh when done. */
  private countsOrLater(s: MapSession): [SlotState, number][] | undefined {
    if (!s.statsReady() && s.isBig()) {
      void s.computeStats().then((done) => {
        if (done) this.changed.fire(undefined);
      });
      return undefined;
    }
    return Object.entries(s.stats().states).filter(([, n]) => (n ?? 0) > 0) as [SlotState, number][];
  }

  getTreeItem(node: StructureNode): vscode.TreeItem {
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
      case 'array': {
        const item = new vscode.TreeItem(node.array === 'oldbuckets' ? 'old buckets (growing)' : node.array === 'buckets' ? 'buckets' : node.title, node.n > 0 ? Collapsed : None);
        item.description = `${node.n}`;
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
        item.description = `chain ${groups.length} · ${live} live`;
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
        const item = new vscode.TreeItem(`slot ${node.slot} · ${state === 'full' ? `top 0x${byte.toString(16).padStart(2, '0')}` : slotStateNames[state]}`, None);
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
function ranges(array: string, rowName: string, start: number, end: number): StructureNode[] {
  const n = end - start;
  if (n <= pageSize) return Array.from({ length: n }, (_, i) => ({ kind: 'bucket', array, rowName, bucket: start + i }));
  let span = pageSize;
  while (span * pageSize < n) span *= pageSize;
  const out: StructureNode[] = [];
  for (let s = start; s < end; s += span) out.push({ kind: 'range', array, rowName, start: s, end: Math.min(end, s + span) });
  return out;
}
