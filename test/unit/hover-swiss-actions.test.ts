/**
 * "Reorder fields" in a Swiss module: the saving is counted per group and per entry at the 7/8
 * load, and a struct that moves across the 128-byte inline limit says what that does. The numbers
 * come from the Swiss group layout (checked against Go 1.26/1.27's abi.MapType in
 * swiss-layout.fixtures.test.ts), worked out here by hand.
 */
import * as assert from 'assert';
import { codeActions } from '../../src/core/hover';
import { pickRuntime } from '../../src/core/runtime/pick';
import { positionOf } from './golden';

const swiss = pickRuntime({ goMod: { path: 'go.mod', text: 'go 1.26\n' } });

const src = `package p

type Profile struct {
	Admin bool
	Quota int64
	Flag  bool
}

type Blob struct {
	A bool
	B int64
	C bool
	D [112]byte
}

var profiles map[string]Profile
var blobs map[int64]Blob
`;

async function titles(snippet: string, runtime = swiss): Promise<string[]> {
  const p = positionOf(src, snippet, 5);
  return (await codeActions(src, { start: p, end: p }, { goarch: 'amd64', runtime })).map((a) => a.title).filter((t) => t.startsWith('Reorder'));
}

describe('code actions in a Swiss module: reorder fields', () => {
  it('counts bytes per group: Profile 24 → 16 bytes makes the 40-byte slot 32, the group 328 → 264', async () => {
    // Slot struct{key string; elem Profile}: 16 + 24 = 40 → 16 + 16 = 32; group = 8 + 8 slots.
    // 64 bytes per group; per entry at 7 of 8 slots full: 64 / 7 = 9.1.
    assert.deepStrictEqual(await titles('var profiles map'), ['Reorder fields of Profile to save 64 bytes per group (9.1 per entry at 7/8 load, swiss · Go 1.26)']);
  });

  it('says when the struct moves inline: Blob 136 → 128 bytes', async () => {
    // Before: 136 > 128, the slot holds an 8-byte pointer: slot 16, group 136, and each entry
    // its own object of 136 → size class 144. After (B int64 first, then A, C, D: 8 + 1 + 1 +
    // 112 = 122 → 128): inline, slot 8 + 128 = 136, group 8 + 8 × 136 = 1096: 960 bytes more.
    assert.deepStrictEqual(await titles('var blobs map'), [
      'Reorder fields of Blob (136 → 128 bytes, now stored inline in the slot): the group grows by 960 bytes, and each entry no longer allocates its own 144-byte object',
    ]);
  });

  it('keeps the classic title (bytes per bucket) for a classic module', async () => {
    const classic = pickRuntime({ goMod: { path: 'go.mod', text: 'go 1.22\n' } });
    const t = await titles('var profiles map', classic);
    assert.strictEqual(t.length, 1);
    assert.match(t[0], /^Reorder fields of Profile to save \d+ bytes per bucket$/);
  });
});
