/**
 * The JSON the panel's "Export JSON" writes, in the form `gomap replay` and `gomap build` print
 * (`dumpJson`): the runtime's dump of the map, NaN and ±Inf as "NaN", "+Inf", "-Inf" (JSON has no
 * spelling for them; `JSON.stringify` would write null, and throw on a 64-bit integer held as a
 * bigint), interface keys and elems as `{"$type": "int64", "value": 1}` with their dynamic type.
 *
 * A simulated map is written with its runtime, its `maptype` and the spec that rebuilds it (the
 * declarations left out: they are the user's source); a captured one as the capture read it (the
 * oracle snapshot plus where it came from).
 */
import { dumpJson } from '../classic/trace';
import { CapturedSession } from './capturedSession';
import { MapSession } from './session';

/** The export's text: one line of JSON and a newline. */
export function snapshotExportJson(s: MapSession | CapturedSession): string {
  const runtime = s.mapView().runtime;
  if (s instanceof CapturedSession) return `${dumpJson({ runtime, captured: s.capture })}\n`;
  return `${dumpJson({ runtime, type: s.type.layout.info, spec: { ...s.spec, decls: undefined }, snapshot: s.snapshot() })}\n`;
}
