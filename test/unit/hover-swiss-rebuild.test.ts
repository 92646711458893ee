/**
 * "Rebuild map to release memory" in a Swiss module: the title estimates what the rebuild frees,
 * the tables the map keeps against what `make(map[K]V, len(m))` + copy allocates, from the Swiss
 * memory model (`swissMakeAlloc`, checked against Go 1.26/1.27's allocations in
 * swiss-layout.fixtures.test.ts). Golden files hold the title and the edit; the numbers are worked
 * out here by hand.
 *
 * map[string]Profile, Profile{Admin bool; Quota int64; Flag bool} = 24 bytes: slot 16 + 24 = 40,
 * group 8 + 8 × 40 = 328 bytes (amd64).
 * - make(…, 1000): 1000 × 8/7 = 1143 slots > 1024: 2 tables of 1024 slots; each group array
 *   128 × 328 = 41,984 → size class 49,152; Map 48 + directory 2 × 8 = 16 + 2 × (table 32 +
 *   49,152) = 98,432 bytes (96.1 KiB).
 * - 10 survivors (1% of 1,000): make(…, 10): 10 × 8/7 → 16 slots, 2 groups = 656 → 704; Map 48 +
 *   directory 8 + table 32 + 704 = 792 bytes. Freed: 98,432 − 792 = 97,640 bytes = 95.4 KiB.
 * - Every key deleted: `m = make(map[string]Profile)` is the 48-byte Map header alone: 98,384
 *   bytes = 96.1 KiB freed.
 * - A map whose make the file does not show is taken at 1,000,000 entries (the delete hover's
 *   convention): 1,142,858 slots → 1,117 tables → 2,048 (a power of two): 2,048 × (32 + 49,152) +
 *   directory 2,048 × 8 + 48 = 100,745,264 bytes (96.1 MiB); 10,000 survivors: 11,429 slots → 12
 *   → 16 tables: 16 × 49,184 + 128 + 48 = 787,120 bytes (768.7 KiB, written 769 KiB); freed
 *   99,958,144 bytes = 95.3 MiB.
 */
import * as assert from 'assert';
import { codeActions } from '../../src/core/hover';
import { pickRuntime } from '../../src/core/runtime/pick';
import { matchesGolden, positionOf } from './golden';

const swiss = pickRuntime({ goMod: { path: 'go.mod', text: 'go 1.26\n' } });
const classic = pickRuntime({ goMod: { path: 'go.mod', text: 'go 1.22\n' } });

const src = `package p

type Profile struct {
	Admin bool
	Quota int64
	Flag  bool
}

func prune() map[string]Profile {
	profiles := make(map[string]Profile, 1000)
	for k, p := range profiles {
		if !p.Admin {
			delete(profiles, k)
		}
	}
	return profiles
}

func reset() map[string]Profile {
	profiles := make(map[string]Profile, 1000)
	for k := range profiles {
		delete(profiles, k)
	}
	return profiles
}

func expire(sessions map[string]Profile) {
	for k, p := range sessions {
		if p.Quota == 0 {
			delete(sessions, k)
		}
	}
}
`;

async function rebuildAt(snippet: string, runtime = swiss): Promise<{ title: string; newText: string }> {
  const p = positionOf(src, snippet, 2);
  const acts = await codeActions(src, { start: p, end: p }, { goarch: 'amd64', runtime });
  const a = acts.find((x) => x.title.startsWith('Rebuild map'));
  assert.ok(a, acts.map((x) => x.title).join('\n'));
  return { title: a.title, newText: a.edits.map((e) => e.newText).join('\n') };
}

/** The golden form of an action: its title, then its edit as Go. */
const golden = (a: { title: string; newText: string }): string => `${a.title}\n\n\`\`\`go\n${a.newText.replace(/^\n/, '')}\n\`\`\`\n`;

describe('code action in a Swiss module: rebuild map, with the bytes it frees', () => {
  it('after deleting some keys of make(…, 1000): 2 tables (96.1 KiB) against 792 bytes for 10 survivors', async () => {
    const a = await rebuildAt('delete(profiles, k)\n\t\t}');
    assert.strictEqual(a.title, 'Rebuild map to release memory: about 95.4 KiB freed (swiss · Go 1.26: made for 1,000 entries it keeps 2 tables of 1,024 slots, 96.1 KiB; make(…, len(m)) + copy for 10 survivors (1%) allocates one 16-slot table, 792 bytes)');
    matchesGolden('swiss-action-rebuild', golden(a));
  });

  it('after deleting every key: the Map header alone', async () => {
    const a = await rebuildAt('for k := range profiles');
    assert.match(a.title, /^Rebuild map to release memory: about 96\.1 KiB freed \(.*make\(map\[K\]V\) allocates the Map header alone, 48 bytes\)$/);
    matchesGolden('swiss-action-rebuild-all', golden(a));
  });

  it('a map made elsewhere is taken at 1,000,000 entries', async () => {
    const a = await rebuildAt('delete(sessions, k)');
    assert.match(a.title, /^Rebuild map to release memory: about 95\.3 MiB freed \(swiss · Go 1\.26: at 1,000,000 entries it keeps 2,048 tables of 1,024 slots, 96\.1 MiB; .* for 10,000 survivors \(1%\) allocates 16 tables of 1,024 slots, 769 KiB\)$/);
    matchesGolden('swiss-action-rebuild-nohint', golden(a));
  });

  it('keeps the classic title in a classic module', async () => {
    assert.strictEqual((await rebuildAt('delete(profiles, k)\n\t\t}', classic)).title, 'Rebuild map to release memory');
  });
});
