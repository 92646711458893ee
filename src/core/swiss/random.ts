/**
 * The runtime's `rand()` for a Swiss map, made replayable: every seed and iteration offset comes
 * from the seeded generator of the classic model (`classic/rand.ts`), two 32-bit draws per 64-bit
 * value (high word first). A real process draws them from a per-thread ChaCha8 stream seeded by the
 * OS; the numbers differ, the rules that use them do not.
 */
import { FastRand } from '../classic/rand';
import { SwissSeed, makeSeed } from './hash';
import { SwissRandomness } from './map';

function rand64(r: FastRand): bigint {
  const hi = BigInt(r.next());
  return (hi << 32n) | BigInt(r.next());
}

export function seededSwissRandomness(r: FastRand, bits: 32 | 64): SwissRandomness {
  return {
    seed: (): SwissSeed => makeSeed(rand64(r), bits),
    iterOffsets: () => {
      const entryOffset = rand64(r);
      return { entryOffset, dirOffset: rand64(r) };
    },
  };
}
