/**
 * Reading a replay's inputs (`shared/oracle-swiss/FORMAT.md` "The inputs file"): either a whole
 * dump, or only `{"seeds", "hashes", "iterations"}`. Every problem is one `PositionedError` naming
 * its place (`line:col` and the JSON path).
 */
import { getNodeValue } from 'jsonc-parser';
import { PositionedError, parseJsonWithPositions } from '../classic/tracefile';
import { SwissInputs } from './trace';

const hexRe = /^0x[0-9a-fA-F]{1,16}$/;

export function loadSwissInputs(text: string): SwissInputs {
  const { root, at } = parseJsonWithPositions(text);
  const fail = (path: (string | number)[], msg: string): never => {
    const p = at(path);
    const where = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
    throw new PositionedError(msg, p.line, p.column, where || undefined);
  };
  const doc = getNodeValue(root) as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail([], 'expected a dump or an object with "seeds", "hashes" and "iterations"');
  const seeds = doc.seeds;
  if (!Array.isArray(seeds) || seeds.length === 0) fail(['seeds'], '"seeds" must be a non-empty array of hex strings');
  (seeds as unknown[]).forEach((s, i) => {
    if (typeof s !== 'string' || !hexRe.test(s)) fail(['seeds', i], `bad seed ${JSON.stringify(s)} (0x and up to 16 hex digits)`);
  });
  const hashes = doc.hashes;
  if (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes)) fail(['hashes'], '"hashes" must be an object keyed by seed');
  for (const [seed, table] of Object.entries(hashes as object)) {
    if (!hexRe.test(seed)) fail(['hashes', seed], `bad seed ${JSON.stringify(seed)}`);
    if (typeof table !== 'object' || table === null) fail(['hashes', seed], 'expected an object of key text to hash');
    for (const [k, h] of Object.entries(table as object)) {
      try {
        JSON.parse(k);
      } catch {
        fail(['hashes', seed, k], `key ${JSON.stringify(k)} is not JSON text`);
      }
      if (typeof h !== 'string' || !hexRe.test(h)) fail(['hashes', seed, k], `bad hash ${JSON.stringify(h)}`);
    }
  }
  // A whole dump: the offsets of each snapshot's iterations, in order; else the "iterations" list.
  let iterations: unknown[] | undefined;
  let base: (string | number)[] = ['iterations'];
  if (Array.isArray(doc.snapshots)) {
    iterations = [];
    (doc.snapshots as { iterations?: unknown[] }[]).forEach((s) => iterations!.push(...(s?.iterations ?? [])));
    base = ['snapshots'];
  } else if (doc.iterations !== undefined) {
    if (!Array.isArray(doc.iterations)) fail(['iterations'], '"iterations" must be an array of {"entryOffset", "dirOffset"}');
    iterations = doc.iterations as unknown[];
  }
  const offsets = iterations?.map((it, i) => {
    const o = it as Record<string, unknown>;
    for (const f of ['entryOffset', 'dirOffset']) {
      if (typeof o?.[f] !== 'string' || !hexRe.test(o[f] as string)) fail(base[0] === 'iterations' ? ['iterations', i, f] : base, `iteration ${i + 1}: "${f}" must be a hex string`);
    }
    return { entryOffset: o.entryOffset as string, dirOffset: o.dirOffset as string };
  });
  return { seeds: seeds as string[], hashes: hashes as SwissInputs['hashes'], iterations: offsets };
}
