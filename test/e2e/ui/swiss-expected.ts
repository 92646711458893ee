// What the core model says about the sample workspaces' `Ports` literal (1000 entries "k0": 0 …
// "k999": 999, in source order, hint 1000, seed 1, amd64), for the Swiss scenarios to compare the
// panel with: the summary, the arrays and every group's control bytes. Run with `node --import tsx`.
import { MapSession } from '../../../src/core/view/session';

async function main(): Promise<void> {
  const version = process.argv[2] === '1.27' ? '1.27' : '1.26';
  const s = await MapSession.create('expected', { key: 'string', elem: 'int', goarch: 'amd64', hint: 1000, seed: 1, origin: 'expected', runtime: 'swiss', swissVersion: version }, 1 << 20);
  await s.apply({ op: 'insertMany', entries: Array.from({ length: 1000 }, (_, i): [unknown, unknown] => [`k${i}`, BigInt(i)]) });
  const view = s.mapView();
  const ctrl: Record<string, number[]> = {};
  for (const a of view.arrays) for (const r of s.rows(a.id, 0, a.rows)) ctrl[`${a.id}:${r.index}`] = r.groups[0].slots.map((x) => x.byte);
  process.stdout.write(JSON.stringify({ summary: view.summary, arrays: view.arrays.map((a) => a.title), runs: view.directory?.runs.length, ctrl }));
}

void main();
