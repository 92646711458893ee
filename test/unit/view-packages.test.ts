import * as assert from 'assert';
import { mapAt } from '../../src/core/view/locate';
import { GoFile, PackageResolver, buildMatches, declsNeeded, scopeFromDecls } from '../../src/core/view/packages';
import { resolveMapType } from '../../src/core/view/maptypes';
import { parseInput } from '../../src/core/view/input';
import { AddressSpace } from '../../src/core/view/values';
import { parseTypeExpr, sizeof, typeString } from '../../src/core/types';

// A made-up GOROOT and module: what the resolver reads for each import path.
const packages: Record<string, GoFile[]> = {
  time: [
    { name: 'time.go', text: 'package time\n\ntype Time struct {\n\twall uint64\n\text  int64\n\tloc  *Location\n}\n' },
    { name: 'zoneinfo.go', text: 'package time\n\ntype Location struct {\n\tname string\n\tzone []zone\n}\n\ntype zone struct {\n\tname   string\n\toffset int\n\tisDST  bool\n}\n' },
    // Another OS's file and a generator: not part of a linux build.
    { name: 'zoneinfo_windows.go', text: 'package time\n\ntype zone struct{ WinName string }\n' },
    { name: 'gen.go', text: '//go:build ignore\n\npackage main\n\ntype zone struct{ Generated bool }\n' },
  ],
  'example.com/app/model': [{ name: 'model.go', text: 'package model\n\nimport "time"\n\ntype Account struct {\n\tID      int64\n\tCreated time.Time\n}\n' }],
};
const reader = { importedPackage: (p: string) => Promise.resolve(packages[p]) };

describe('view: the types of the user\'s packages', () => {
  it('reads a standard type from GOROOT declarations, for linux/amd64 files only', async () => {
    const r = new PackageResolver(reader);
    const scope = await r.scopeFor([{ name: 'a.go', text: 'package a\n\nimport "time"\n\ntype Event struct {\n\tAt   time.Time\n\tName string\n}\n' }], ['Event']);
    const t = await parseTypeExpr('Event', scope);
    // time.Time: wall uint64 (8) + ext int64 (8) + loc *Location (8) = 24; Event = 24 + string 16 = 40.
    assert.strictEqual(sizeof(t, 'amd64'), 40);
    const decls = declsNeeded([t]);
    assert.deepStrictEqual(decls.map((d) => d.name), ['Event', 'time.Time', 'time.Location', 'time.zone']);
    assert.strictEqual(decls.find((d) => d.name === 'time.zone')?.type, 'struct{ name string; offset int; isDST bool }');
  });

  it('reads the workspace\'s own packages, and their imports in turn', async () => {
    const r = new PackageResolver(reader);
    const scope = await r.scopeFor([{ name: 'main.go', text: 'package main\n\nimport "example.com/app/model"\n\nvar x map[string]*model.Account\n' }], ['model.Account']);
    const t = await parseTypeExpr('model.Account', scope);
    assert.strictEqual(typeString(t), 'model.Account');
    assert.strictEqual(sizeof(t, 'amd64'), 32);
  });

  it('an unknown type works behind a pointer and says what is missing by value', async () => {
    const r = new PackageResolver(reader);
    const files = [{ name: 'a.go', text: 'package a\n\nimport "github.com/x/y"\n\nvar m map[string]*y.Thing\n' }];
    const scope = await r.scopeFor(files, ['*y.Thing', 'y.Thing']);
    const ptr = await resolveMapType('string', '*y.Thing', 'amd64', scope);
    assert.strictEqual(ptr.layout.info.elemsize, 8);
    assert.deepStrictEqual(ptr.decls, [{ name: 'y.Thing', opaque: 'its declaration was not found in github.com/x/y' }]);
    // Saved and restored: still fine behind a pointer.
    const back = await resolveMapType('string', '*y.Thing', 'amd64', ptr.decls);
    assert.strictEqual(back.layout.info.elemsize, 8);
    await assert.rejects(resolveMapType('string', 'y.Thing', 'amd64', scope), /cannot lay out y\.Thing by value: its declaration was not found in github\.com\/x\/y/);
  });

  it('falls back to the hovers\' table of standard types without GOROOT', async () => {
    const r = new PackageResolver({ importedPackage: () => Promise.resolve(undefined) });
    const scope = await r.scopeFor([{ name: 'a.go', text: 'package a\n\nimport "time"\n' }], ['time.Time']);
    const t = await resolveMapType('string', 'time.Time', 'amd64', scope);
    assert.strictEqual(t.layout.info.elemsize, 24);
  });

  it('declarations round-trip through a saved record, recursive types included', async () => {
    const r = new PackageResolver(reader);
    const scope = await r.scopeFor([{ name: 'a.go', text: 'package a\n\ntype Node struct {\n\tNext *Node\n\tVal  [4]byte\n}\n' }], ['Node']);
    const t = await resolveMapType('int', 'Node', 'amd64', scope);
    assert.deepStrictEqual(t.decls, [{ name: 'Node', type: 'struct{ Next *Node; Val [4]byte }' }]);
    const again = await scopeFromDecls(t.decls);
    assert.strictEqual(sizeof(await parseTypeExpr('Node', again), 'amd64'), 16);
  });

  it('build constraints: file suffixes and //go:build lines, as go build on linux sees them', () => {
    const f = (name: string, text = 'package p\n'): GoFile => ({ name, text });
    assert.strictEqual(buildMatches(f('a_linux.go')), true);
    assert.strictEqual(buildMatches(f('a_windows.go')), false);
    assert.strictEqual(buildMatches(f('a_arm64.go')), false);
    assert.strictEqual(buildMatches(f('a_arm64.go'), 'arm64'), true);
    assert.strictEqual(buildMatches(f('a_darwin_amd64.go')), false);
    assert.strictEqual(buildMatches(f('x.go', '//go:build linux && !cgo\n\npackage p\n')), true);
    assert.strictEqual(buildMatches(f('x.go', '//go:build (darwin || windows) && amd64\n\npackage p\n')), false);
    assert.strictEqual(buildMatches(f('x.go', '//go:build ignore\n\npackage p\n')), false);
  });
});

describe('view: the map under the cursor, with the package around it', () => {
  const users = `package service

import "time"

type Profile struct {
	Name   string
	Joined time.Time
}

var profiles = map[UserID]Profile{
	1: {Name: "ann"},
	2: {Name: "bob"},
}
`;
  const siblings = [{ name: 'ids.go', text: 'package service\n\ntype UserID int64\n' }];

  it('evaluates a literal whose types come from a sibling file and a standard package', async () => {
    const { found, scope } = await mapAt(users, users.indexOf('2: {'), false, 'amd64', { siblings, resolver: new PackageResolver(reader) });
    assert.deepStrictEqual([found.key, found.elem, found.name, found.line], ['UserID', 'Profile', 'profiles', 10]);
    assert.deepStrictEqual(found.entries.map(([k, v]) => [k, (v as { Name: string }).Name]), [[1, 'ann'], [2, 'bob']]);
    const t = await resolveMapType(found.key, found.elem, 'amd64', scope);
    assert.deepStrictEqual(t.decls.map((d) => d.name), ['UserID', 'Profile', 'time.Time', 'time.Location', 'time.zone']);
  });

  it('reads typed keys and elems in Go syntax with those declarations', async () => {
    const { scope } = await mapAt(users, users.indexOf('2: {'), false, 'amd64', { siblings, resolver: new PackageResolver(reader) });
    const t = await resolveMapType('UserID', 'Profile', 'amd64', scope);
    const input = { keyType: t.keyType, elemType: t.elemType, key: 'UserID', elem: 'Profile', goarch: 'amd64' as const, decls: t.decls, addresses: new AddressSpace() };
    assert.strictEqual(await parseInput('key', '1<<3', input), 8);
    const v = await parseInput('elem', 'Profile{Name: "a.b"}', input) as Record<string, unknown>;
    assert.strictEqual(v.Name, 'a.b');
    assert.deepStrictEqual(v.Joined, { wall: 0, ext: 0, loc: null });
    await assert.rejects(parseInput('elem', 'Profile{Nmae: "x"}', input), /is not a Profile/);
    await assert.rejects(parseInput('key', '"x"', input), /is not a UserID/);
  });

  it('strings: a Go string literal is evaluated, any other text is the string itself', async () => {
    const t = await resolveMapType('string', '[]byte', 'amd64', []);
    const input = { keyType: t.keyType, elemType: t.elemType, key: 'string', elem: '[]byte', goarch: 'amd64' as const, decls: t.decls, addresses: new AddressSpace() };
    assert.strictEqual(await parseInput('key', 'hello world', input), 'hello world');
    assert.strictEqual(await parseInput('key', '42', input), '42');
    assert.strictEqual(await parseInput('key', '"a\\tb"', input), 'a\tb');
    assert.strictEqual(await parseInput('key', '`raw\\n`', input), 'raw\\n');
    assert.deepStrictEqual(await parseInput('elem', '[]byte("hi")', input), [104, 105]);
    await assert.rejects(parseInput('elem', '[]int{1}', input), /is not a \[\]byte/);
  });

  it('pointer keys: &T{} is a new address each time, as in Go', async () => {
    const scope = await new PackageResolver(reader).scopeFor([{ name: 'a.go', text: 'package a\ntype T struct{ A int }\n' }], ['*T']);
    const t = await resolveMapType('*T', 'int', 'amd64', scope);
    const input = { keyType: t.keyType, elemType: t.elemType, key: '*T', elem: 'int', goarch: 'amd64' as const, decls: t.decls, addresses: new AddressSpace() };
    const a = await parseInput('key', '&T{A: 1}', input);
    const b = await parseInput('key', '&T{A: 1}', input);
    assert.strictEqual(typeof a, 'number');
    assert.notStrictEqual(a, b);
    assert.strictEqual(await parseInput('key', 'nil', input), null);
  });
});
