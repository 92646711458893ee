/**
 * Command ids, defined once. `package.json` `contributes.commands` must list exactly these (a test
 * checks it); the webview's controls name them too, so they live in the shared protocol.
 */
export enum CommandId {
  InspectSelection = 'goMapInspector.inspectSelection',
  NewMap = 'goMapInspector.newMap',
  Insert = 'goMapInspector.insert',
  Delete = 'goMapInspector.delete',
  Lookup = 'goMapInspector.lookup',
  Fill = 'goMapInspector.fill',
  DeleteRandom = 'goMapInspector.deleteRandom',
  StepGrowth = 'goMapInspector.stepGrowth',
  FinishGrowth = 'goMapInspector.finishGrowth',
  Iterate = 'goMapInspector.iterate',
  Clear = 'goMapInspector.clear',
  Undo = 'goMapInspector.undo',
  Redo = 'goMapInspector.redo',
  ExportSnapshot = 'goMapInspector.exportSnapshot',
  ExportImage = 'goMapInspector.exportImage',
  ExportPng = 'goMapInspector.exportPng',
  CloseAllPanels = 'goMapInspector.closeAllPanels',
  /** Replays the map's history under the classic and the Swiss model, side by side. */
  Compare = 'goMapInspector.compare',
  /** Reads the real map an expression names in the paused frame of a Go debug session. */
  InspectFromDebugger = 'goMapInspector.inspectFromDebugger',
  /** Reads a captured map again at the debug session's new stop and says what changed. */
  RefreshCapture = 'goMapInspector.refreshCapture',
  /** A simulated map that starts from a captured one. */
  ContinueInSimulator = 'goMapInspector.continueInSimulator',
  /** Internal: the tree's "reveal in panel" (hidden from the palette). */
  RevealInPanel = 'goMapInspector.revealInPanel',
}

export const allCommandIds: readonly CommandId[] = Object.values(CommandId);

/** The operations the panel's toolbar offers (each runs the command of the same id). */
export const panelOperations: readonly { id: CommandId; label: string }[] = [
  { id: CommandId.Insert, label: 'Insert' },
  { id: CommandId.Delete, label: 'Delete' },
  { id: CommandId.Lookup, label: 'Lookup' },
  { id: CommandId.Fill, label: 'Fill…' },
  { id: CommandId.DeleteRandom, label: 'Delete %' },
  { id: CommandId.StepGrowth, label: 'Step growth' },
  { id: CommandId.FinishGrowth, label: 'Finish growth' },
  { id: CommandId.Iterate, label: 'Range' },
  { id: CommandId.Compare, label: 'Compare' },
  { id: CommandId.Clear, label: 'Clear' },
  { id: CommandId.Undo, label: 'Undo' },
  { id: CommandId.Redo, label: 'Redo' },
  { id: CommandId.ExportSnapshot, label: 'Export JSON' },
  { id: CommandId.ExportImage, label: 'Export SVG' },
  { id: CommandId.ExportPng, label: 'Export PNG' },
];

/** What the panel offers for a captured map instead of the operations (it is read-only). */
export const capturedOperations: readonly { id: CommandId; label: string }[] = [
  { id: CommandId.RefreshCapture, label: 'Refresh' },
  { id: CommandId.ContinueInSimulator, label: 'Continue in the simulator' },
];

export function isCommandId(x: unknown): x is CommandId {
  return typeof x === 'string' && (allCommandIds as readonly string[]).includes(x);
}
