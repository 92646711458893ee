/**
 * Which runtime a module builds its maps with (Go release notes: Swiss tables from 1.24,
 * `noswissmap` in 1.24/1.25 only, `mapsplitgroup` opt-in from 1.27), and the reason shown.
 */
import * as assert from 'assert';
import { describeRuntime, pickRuntime } from '../../src/core/runtime/pick';

const mod = (text: string) => ({ path: '/ws/go.mod', text });

describe('runtime choice from go.mod, go.work, GOEXPERIMENT and the settings', () => {
  const cases: [string, Parameters<typeof pickRuntime>[0], string][] = [
    ['go 1.22', { goMod: mod('module x\n\ngo 1.22\n') }, 'classic · Go 1.22 (go.mod: go 1.22)'],
    ['go 1.23.4', { goMod: mod('module x\ngo 1.23.4\n') }, 'classic · Go 1.23 (go.mod: go 1.23.4)'],
    ['go 1.24', { goMod: mod('module x\ngo 1.24\n') }, 'swiss · Go 1.24 (go.mod: go 1.24)'],
    ['toolchain wins over go', { goMod: mod('module x\ngo 1.22\ntoolchain go1.26.1\n') }, 'swiss · Go 1.26 (go.mod: toolchain go1.26.1)'],
    ['noswissmap on 1.25', { goMod: mod('go 1.25\n'), goexperiment: 'noswissmap' }, 'classic · Go 1.25 (go.mod: go 1.25, GOEXPERIMENT=noswissmap)'],
    ['noswissmap is gone in 1.26', { goMod: mod('go 1.26\n'), goexperiment: 'noswissmap' }, 'swiss · Go 1.26 (go.mod: go 1.26)'],
    ['mapsplitgroup on 1.27', { goMod: mod('go 1.27\n'), goexperiment: 'mapsplitgroup,loopvar' }, 'swiss (split groups) · Go 1.27 (go.mod: go 1.27, GOEXPERIMENT=mapsplitgroup)'],
    ['mapsplitgroup does not exist in 1.26', { goMod: mod('go 1.26\n'), goexperiment: 'mapsplitgroup' }, 'swiss · Go 1.26 (go.mod: go 1.26)'],
    ['go.work first', { goWork: { path: '/ws/go.work', text: 'go 1.27\nuse ./a\n' }, goMod: mod('go 1.22\n') }, 'swiss · Go 1.27 (go.work: go 1.27)'],
    ['no module', {}, 'swiss · Go 1.27 (no go.mod: the newest Go modelled (1.27))'],
    ['version setting', { goVersion: '1.21', goMod: mod('go 1.27\n') }, 'classic · Go 1.21 (setting goMapInspector.goVersion: 1.21)'],
    ['runtime setting', { runtime: 'classic', goMod: mod('go 1.26\n') }, 'classic · Go 1.26 (setting goMapInspector.runtime: classic (go.mod: go 1.26))'],
  ];
  for (const [name, inputs, want] of cases) {
    it(name, () => assert.strictEqual(describeRuntime(pickRuntime(inputs)), want));
  }

  it('follows the Go 1.26 algorithm for 1.24–1.26 and the 1.27 one from 1.27', () => {
    assert.strictEqual(pickRuntime({ goMod: mod('go 1.24\n') }).swissVersion, '1.26');
    assert.strictEqual(pickRuntime({ goMod: mod('go 1.28\n') }).swissVersion, '1.27');
  });
});
