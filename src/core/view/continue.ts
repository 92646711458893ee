/**
 * "Continue in the simulator": a simulated map that starts from a captured one, so the user can
 * try inserts and deletes on what the process held. The session's history is what a Go program
 * would write to rebuild the map: `make(map[K]V, hint)` with the hint that gives the captured size
 * (classic: the largest count that B buckets hold, `capacityOf(B)`, so makemap picks the captured
 * B; Swiss: 7/8 of the captured capacity, so NewMap allocates as many slots), then one insert per
 * captured entry, in the order the capture read them (memory order).
 *
 * Honest about what differs: the simulator hashes with its own hash function and seed, not the
 * process's AES hash with its per-process key schedule, so entries land in other buckets or groups
 * than the capture shows, overflow chains and tombstones are not reproduced, and a map that was
 * growing is rebuilt whole. The session says so in the panel (`runtimeWhy`).
 */
import type { CapturedMap } from '../capture/types';
import { classify } from '../capture/values';
import { GoArch } from '../maptype';
import { maxAvgGroupLoad, slotsPerGroup } from '../swiss/constants';
import { capacityOf } from '../types';
import { CapturedModel } from './captured';
import { Op, OpRefused } from './ops';
import { MapSession, MapSpec } from './session';
import { normalizeElem, normalizeKey } from './values';
import { resolveMapType } from './maptypes';
import { TypeDecl } from './packages';

/** What the panel says about a continued map. */
export const continuedNote = 'new keys use the simulator\'s hash (the process\'s AES hash is not recomputed), so the layout differs from the capture';

/** The `make` hint that gives a map the captured size. */
export function hintForCapture(c: CapturedMap): number {
  if (c.runtime === 'classic') return c.buckets === null ? 0 : capacityOf(c.B);
  if (c.dirLen === 0) return 0; // a small map: one group, made by the first insert
  const capacity = c.tables.reduce((n, t) => n + t.capacity, 0);
  return Math.floor((capacity * maxAvgGroupLoad) / slotsPerGroup);
}

/** A captured `[N]uint8` in its `0x`-and-every-byte form as the byte array the model holds. */
function fromCapturedValue(type: string, v: unknown): unknown {
  const k = classify(type, 8);
  if (k.kind === 'bytes' && typeof v === 'string' && v.startsWith('0x')) return Array.from(Buffer.from(v.slice(2), 'hex'));
  return v;
}

/** The spec and history of a simulated map rebuilt from `c` (the values checked against its types). */
export async function continuation(c: CapturedMap, o: { seed: number; goarch?: GoArch; decls?: TypeDecl[] }): Promise<{ spec: MapSpec; ops: Op[] }> {
  const t = c.type;
  for (const [role, type] of [['key', t.key], ['elem', t.elem]] as const) {
    if (classify(type, t.ptrSize).kind === 'other') {
      throw new OpRefused(`cannot continue ${c.expr} in the simulator: its ${role} type ${type} is captured as Delve's text; integers, bools, strings, byte arrays and struct{} can be continued`);
    }
  }
  const goarch: GoArch = o.goarch ?? (t.ptrSize === 4 ? '386' : 'amd64');
  const spec: MapSpec = {
    key: t.key, elem: t.elem, goarch, hint: hintForCapture(c), seed: o.seed,
    origin: `captured ${c.expr}${c.where.file ? ` at ${c.where.file.split(/[\\/]/).pop()}:${c.where.line}` : ''}`,
    name: c.expr,
    runtime: c.runtime,
    runtimeWhy: `continued from a capture (${c.goversion}): ${continuedNote}`,
  };
  if (c.runtime === 'swiss') {
    spec.swissVersion = /^go1\.(2[7-9]|[3-9]\d)/.test(c.goversion) ? '1.27' : '1.26';
    if (c.type.layout === 'split') spec.splitGroup = true;
  }
  if (o.decls) spec.decls = o.decls;
  const type = await resolveMapType(spec.key, spec.elem, goarch, o.decls ?? []);
  const entries: [unknown, unknown][] = [];
  new CapturedModel(c).forEachEntry((k, e) => {
    entries.push([normalizeKey(type.keyType, fromCapturedValue(t.key, k), goarch), normalizeElem(type.elemType, fromCapturedValue(t.elem, e), goarch)]);
  });
  return { spec, ops: entries.length ? [{ op: 'insertMany', entries }] : [] };
}

/** A new simulated session holding the captured entries. */
export async function continueInSimulator(c: CapturedMap, id: string, maxEntries: number, o: { seed: number; goarch?: GoArch; decls?: TypeDecl[] }): Promise<MapSession> {
  const { spec, ops } = await continuation(c, o);
  return MapSession.create(id, spec, maxEntries, ops);
}
