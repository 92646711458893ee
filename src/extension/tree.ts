/**
 * The structure tree (`goMapInspector.structure`): the active map → its buckets → each chain
 * (bucket, overflow 1, …) → slots. Children are made only when a node is expanded, and big bucket
 * arrays are split into ranges of at most `pageSize`, so a 2^20-bucket map opens at once.
 */
import * as vscode from 'vscode';
import { minTopHash } from '../core/classic/hmap';
import { bucketCnt } from '../core/classic/makemap';
import { CommandId } from '../protocol/commands';
import { ArrayName, tophashName, summaryText } from '../protocol/messages';
import { MapSession, formatValue } from './model/session';
import { SessionStore } from './sessions';

const pageSize = 256;

export type StructureNode =
  | { kind: 'summary'; text: string }
  | { kind: 'states'; counts?: number[] }
  | { kind: 'state'; name: string; count: number }
  | { kind: 'array'; array: ArrayName; n: number }
  | { kind: 'range'; array: ArrayName; start: number; end: number }
  | { kind: 'bucket'; array: ArrayName; bucket: number }
  | { kind: 'bmap'; array: ArrayName; bucket: number; chainIndex: number }
  | { kind: 'slot'; array: ArrayName; bucket: number; chainIndex: number; slot: number };

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
    const h = s.hmap;
    if (!node) {
      const out: StructureNode[] = [
        { kind: 'summary', text: summaryText(s.mapView(true)) },
        { kind: 'states', counts: this.countsOrLater(s) },
        { kind: 'array', array: 'buckets', n: h.buckets === null ? 0 : h.buckets.base },
      ];
      if (h.oldbuckets !== null) out.push({ kind: 'array', array: 'oldbuckets', n: h.oldBucketCount() });
      return out;
    }
    switch (node.kind) {
      case 'states':
        return (node.counts ?? []).map((count, t) => ({ kind: 'state', name: t < 5 ? tophashName(t) : 'stored top hash', count } as StructureNode)).filter((n) => n.kind === 'state' && n.count > 0);
      case 'array':
        return ranges(node.array, 0, node.n);
      case 'range':
        return ranges(node.array, node.start, node.end);
      case 'bucket':
        return h.chain(node.array, node.bucket).map((_, chainIndex) => ({ kind: 'bmap', array: node.array, bucket: node.bucket, chainIndex }));
      case 'bmap':
        return Array.from({ length: bucketCnt }, (_, slot) => ({ kind: 'slot', array: node.array, bucket: node.bucket, chainIndex: node.chainIndex, slot }));
      default:
        return [];
    }
  }

  /** The tophash counts if this revision's walk is done; else start it and refresh when done. */
  private countsOrLater(s: MapSession): number[] | undefined {
    if (s.statsReady() || !s.isBig()) return s.tophashCounts();
    void s.computeStats().then((done) => {
      if (done) this.changed.fire(undefined);
    });
    return undefined;
  }

  getTreeItem(node: StructureNode): vscode.TreeItem {
    const s = this.session;
    const None = vscode.TreeItemCollapsibleState.None;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'summary': {
        const item = new vscode.TreeItem(s ? s.title : 'map', None);
        item.description = node.text;
        item.tooltip = `${s?.title ?? ''}\n${node.text}`;
        item.contextValue = 'goMapInspector.summary';
        item.iconPath = new vscode.ThemeIcon('symbol-structure');
        return item;
      }
      case 'states': {
        const item = new vscode.TreeItem('tophash states', Collapsed);
        if (!node.counts) {
          item.description = 'counting…';
          return item;
        }
        item.description = node.counts.map((c, t) => (c > 0 ? `${t < 5 ? tophashName(t) : 'stored'} ${c}` : '')).filter(Boolean).join(' · ');
        item.contextValue = 'goMapInspector.states';
        return item;
      }
      case 'state':
        return Object.assign(new vscode.TreeItem(node.name, None), { description: String(node.count), contextValue: 'goMapInspector.state' });
      case 'array': {
        const item = new vscode.TreeItem(node.array === 'buckets' ? 'buckets' : 'old buckets (growing)', node.n > 0 ? Collapsed : None);
        item.description = `${node.n}`;
        item.contextValue = `goMapInspector.${node.array}`;
        return item;
      }
      case 'range': {
        const item = new vscode.TreeItem(`buckets ${node.start}–${node.end - 1}`, Collapsed);
        item.contextValue = 'goMapInspector.range';
        return item;
      }
      case 'bucket': {
        const chain = s ? s.hmap.chain(node.array, node.bucket) : [];
        let live = 0;
        for (const b of chain) for (let i = 0; i < bucketCnt; i++) if (b.tophash[i] >= minTopHash) live++;
        const item = new vscode.TreeItem(`${node.array === 'oldbuckets' ? 'old ' : ''}bucket ${node.bucket}`, Collapsed);
        item.description = `chain ${chain.length} · ${live} live`;
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
        const b = s?.hmap.chain(node.array, node.bucket)[node.chainIndex];
        const top = b?.tophash[node.slot] ?? 0;
        const item = new vscode.TreeItem(`slot ${node.slot} · ${tophashName(top)}`, None);
        if (b && top >= minTopHash) item.description = `${formatValue(b.keys[node.slot])} = ${formatValue(b.elems[node.slot])}`;
        item.contextValue = top >= minTopHash ? 'goMapInspector.slot.live' : 'goMapInspector.slot.empty';
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

/** Buckets [start, end) as bucket nodes, or as sub-ranges of at most `pageSize` leaves each. */
function ranges(array: ArrayName, start: number, end: number): StructureNode[] {
  const n = end - start;
  if (n <= pageSize) return Array.from({ length: n }, (_, i) => ({ kind: 'bucket', array, bucket: start + i }));
  let span = pageSize;
  while (span * pageSize < n) span *= pageSize;
  const out: StructureNode[] = [];
  for (let s = start; s < end; s += span) out.push({ kind: 'range', array, start: s, end: Math.min(end, s + span) });
  return out;
}
