/**
 * The capture core's public face: `captureMap(send, expr, opts)` reads a paused process's real map
 * through a debug adapter (see `capture.ts`), with no `vscode` import so the extension's glue, the
 * CLI and the tests all call it the same way. The TCP client (`dap.ts`) and the launcher that
 * builds a program and starts `dlv dap` (`session.ts`) are Node-only and imported on their own.
 */
export { captureMap } from './capture';
export { CaptureError } from './delve';
export { diffCaptures, entriesOf } from './diff';
export type { CaptureDiff, CapturedEntry } from './diff';
export { CaptureCancelled } from './reader';
export { NoAnswer, answerWithin, describeRequest, requestTimeoutMs } from './timeout';
export type {
  CaptureCache, CaptureInfo, CaptureOptions, CaptureWhere, CapturedClassic, CapturedClassicType, CapturedMap, CapturedSwiss, CapturedSwissType, DapSend,
} from './types';
