/**
 * The literal corpus, evaluated by Go 1.19 itself.
 *
 * Every `cases/*.go` is a small Go program whose first map literal (or the one at the position a
 * `//gomap:at LINE:COL` comment names) is the case. The generator:
 *   1. builds every case as its own main package with `go build -gcflags=-e ./...` (all errors,
 *      not only the first ten); a case that fails records the compiler's messages and positions;
 *   2. for the cases that compile, rewrites each into package cNNN in which the literal
 *      `map[K]V{k1: v1, ...}` becomes
 *        func() map[K]V { gomapRecord([]K{k1, ...}, []V{v1, ...}); return map[K]V{k1: v1, ...} }()
 *      (the same expressions, in the same scope, converted to K and V as the literal converts
 *      them), links them all into one program that runs each package's init and main, and reads
 *      the entries back in the JSON value form (see src/core/literal/value.ts), printed by reflect.
 *
 * `npx tsx test/literal-corpus/generate.ts` rewrites expected.json; the corpus test compares our
 * evaluator with it, and regenerates live when Go 1.19 is installed.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SyntaxNode, loadGoParser } from '../../src/core/go/parser';

export const go119 = '/usr/lib/go-1.19/bin/go';
export const corpusDir = __dirname;
export const casesDir = path.join(corpusDir, 'cases');
export const expectedFile = path.join(corpusDir, 'expected.json');

/** A compiler error; `col` is null where gc does not print it (columns of 255 and more). */
export interface GoError { line: number; col: number | null; message: string }
export type CaseResult =
  | { key: string; elem: string; entries: unknown[] }
  | { errors: GoError[] };
export interface Corpus { go: string; cases: Record<string, CaseResult> }

/** The case files, in name order. */
export function caseNames(dir = casesDir): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.go')).sort();
}

/** `//gomap:at LINE:COL` in a case: the position of the literal meant (else the first one). */
export function caseAt(source: string): { line: number; col: number } | undefined {
  const m = /\/\/gomap:at (\d+):(\d+)/.exec(source);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : undefined;
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off', GO111MODULE: 'on', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
}

function writeModule(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module corpus\n\ngo 1.19\n');
}

const pkgOf = (i: number) => `c${String(i).padStart(3, '0')}`;

/** Step 1: compile every case as it is; the compiler's errors per case (none: it compiles). */
function compileErrors(goBin: string, names: string[], sources: string[], work: string): Map<string, GoError[]> {
  const dir = path.join(work, 'build');
  writeModule(dir);
  names.forEach((_, i) => {
    fs.mkdirSync(path.join(dir, pkgOf(i)));
    fs.writeFileSync(path.join(dir, pkgOf(i), 'main.go'), sources[i]);
  });
  const r = spawnSync(goBin, ['build', '-gcflags=-e', '-o', os.devNull, './...'], { cwd: dir, env: goEnv(), encoding: 'utf8' });
  const byCase = new Map<string, GoError[]>();
  let last: GoError | undefined;
  let pkg = -1;
  for (const line of (r.stdout + r.stderr).split('\n')) {
    const header = /^# corpus\/c(\d+)$/.exec(line);
    if (header) pkg = Number(header[1]);
    // A crash of the compiler (it has a few on nonsense constants) has no position.
    if (line.includes('internal compiler error') && pkg >= 0) {
      const name = names[pkg];
      byCase.set(name, [...(byCase.get(name) ?? []), (last = { line: 0, col: null, message: line.replace(/^<unknown line number>: /, '') })]);
      continue;
    }
    // gc leaves the column out from 255 on (cmd/internal/src: 8 bits of column).
    const m = /^(?:\.\/)?c(\d+)\/main\.go:(\d+)(?::(\d+))?: (.*)$/.exec(line);
    if (!m) {
      // A message with a newline in it (a raw string) goes on over the next lines; the positioned
      // detail lines under an error (`\tc001/main.go:3:6: I refers to`) are not part of it.
      const detail = /^\t(?:\.\/)?c\d+\/main\.go:\d+(?::\d+)?: /.test(line);
      if (last && line !== '' && !line.startsWith('#') && !detail) last.message += '\n' + line;
      continue;
    }
    const name = names[Number(m[1])];
    const list = byCase.get(name) ?? [];
    last = { line: Number(m[2]), col: m[3] === undefined ? null : Number(m[3]), message: m[4] };
    list.push(last);
    byCase.set(name, list);
  }
  return byCase;
}

function kids(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

/** The case's literal: at the `//gomap:at` position, else the first `map[K]V{...}` in the file. */
function targetLiteral(root: SyntaxNode, source: string): SyntaxNode {
  const at = caseAt(source);
  const literals = root.descendantsOfType('composite_literal').filter((n): n is SyntaxNode => n?.childForFieldName('type')?.type === 'map_type');
  if (!at) return literals[0];
  const lines = source.split('\n');
  const offset = lines.slice(0, at.line - 1).reduce((n, l) => n + l.length + 1, 0) + at.col - 1;
  const enclosing = literals.filter((n) => n.startIndex <= offset && offset < n.endIndex);
  return enclosing.sort((a, b) => a.endIndex - a.startIndex - (b.endIndex - b.startIndex))[0];
}

/** Step 2's rewrite of one case: package cNNN, the literal recording its keys and values. */
function instrument(source: string, root: SyntaxNode, pkg: string): string {
  const lit = targetLiteral(root, source);
  if (!lit) throw new Error('no map literal');
  const mapType = lit.childForFieldName('type')!;
  const keyT = mapType.childForFieldName('key')!.text;
  const elemT = mapType.childForFieldName('value')!.text;
  const elems = kids(lit.childForFieldName('body')!);
  const keys = elems.map((e) => (e.childForFieldName('key') ?? kids(e)[0]).text);
  const vals = elems.map((e) => (e.childForFieldName('value') ?? kids(e)[1]).text);
  const wrapped =
    `func() ${mapType.text} { gomapRecord(gomapreflect.ValueOf([]${keyT}{${keys.join(', ')}}), gomapreflect.ValueOf([]${elemT}{${vals.join(', ')}})); ` +
    `return ${lit.text} }()`;
  let out = source.slice(0, lit.startIndex) + wrapped + source.slice(lit.endIndex);
  const clause = root.descendantsOfType('package_clause')[0]!;
  const original = clause.namedChildren.find((c) => c?.type === 'package_identifier')?.text ?? 'main';
  out = out.slice(0, clause.startIndex) + `package ${pkg}` + out.slice(clause.endIndex);
  const hasMain = root.namedChildren.some((c) => c?.type === 'function_declaration' && c.childForFieldName('name')?.text === 'main');
  return out + '\n' + recorder(hasMain, pkg, original);
}

/**
 * The helper file of each instrumented case: JSON value form by reflect. An interface's dynamic
 * type is reflect's name for it, with the case's own package (renamed `pkg` here) named as the
 * case wrote it (`original`).
 */
function recorder(hasMain: boolean, pkg: string, original: string): string {
  return `
var gomapOut string

func GomapDump() string {
	${hasMain ? 'main()' : ''}
	return gomapOut
}

func gomapRecord(keys, vals gomapreflect.Value) {
	s := "["
	for i := 0; i < keys.Len(); i++ {
		if i > 0 {
			s += ","
		}
		s += "[" + gomapJSON(keys.Index(i)) + "," + gomapJSON(vals.Index(i)) + "]"
	}
	gomapOut = "{\\"key\\":" + gomapstrconv.Quote(keys.Type().Elem().String()) + ",\\"elem\\":" + gomapstrconv.Quote(vals.Type().Elem().String()) + ",\\"entries\\":" + s + "]}"
}

func gomapFloat(f float64) string {
	switch {
	case gomapmath.IsNaN(f):
		return "\\"NaN\\""
	case gomapmath.IsInf(f, 1):
		return "\\"+Inf\\""
	case gomapmath.IsInf(f, -1):
		return "\\"-Inf\\""
	}
	return gomapstrconv.FormatFloat(f, 'g', -1, 64)
}

func gomapJSON(v gomapreflect.Value) string {
	const exact = 1 << 53
	switch v.Kind() {
	case gomapreflect.Bool:
		return gomapstrconv.FormatBool(v.Bool())
	case gomapreflect.Int, gomapreflect.Int8, gomapreflect.Int16, gomapreflect.Int32, gomapreflect.Int64:
		n := v.Int()
		if n > exact || n < -exact {
			return gomapstrconv.Quote(gomapstrconv.FormatInt(n, 10))
		}
		return gomapstrconv.FormatInt(n, 10)
	case gomapreflect.Uint, gomapreflect.Uint8, gomapreflect.Uint16, gomapreflect.Uint32, gomapreflect.Uint64, gomapreflect.Uintptr:
		n := v.Uint()
		if n > exact {
			return gomapstrconv.Quote(gomapstrconv.FormatUint(n, 10))
		}
		return gomapstrconv.FormatUint(n, 10)
	case gomapreflect.Float32, gomapreflect.Float64:
		return gomapFloat(v.Float())
	case gomapreflect.Complex64, gomapreflect.Complex128:
		c := v.Complex()
		return "[" + gomapFloat(real(c)) + "," + gomapFloat(imag(c)) + "]"
	case gomapreflect.String:
		b, _ := gomapjson.Marshal(v.String())
		return string(b)
	case gomapreflect.Array, gomapreflect.Slice:
		if v.Kind() == gomapreflect.Slice && v.IsNil() {
			return "null"
		}
		s := "["
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				s += ","
			}
			s += gomapJSON(v.Index(i))
		}
		return s + "]"
	case gomapreflect.Struct:
		s := "{"
		first := true
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			if name == "_" {
				continue
			}
			if !first {
				s += ","
			}
			first = false
			s += gomapstrconv.Quote(name) + ":" + gomapJSON(v.Field(i))
		}
		return s + "}"
	case gomapreflect.Map:
		if v.IsNil() {
			return "null"
		}
		var pairs []string
		it := v.MapRange()
		for it.Next() {
			pairs = append(pairs, "["+gomapJSON(it.Key())+","+gomapJSON(it.Value())+"]")
		}
		gomapsort.Strings(pairs)
		return "[" + gomapstrings.Join(pairs, ",") + "]"
	case gomapreflect.Interface:
		if v.IsNil() {
			return "null"
		}
		name := gomapstrings.ReplaceAll(v.Elem().Type().String(), "${pkg}.", "${original}.")
		return "{\\"$type\\":" + gomapstrconv.Quote(name) + ",\\"value\\":" + gomapJSON(v.Elem()) + "}"
	case gomapreflect.Pointer:
		if v.IsNil() {
			return "null"
		}
		return gomapJSON(v.Elem())
	default:
		if v.IsNil() {
			return "null"
		}
		return "\\"<" + v.Kind().String() + ">\\""
	}
}
`;
}

/** Adds the imports the recorder needs to an instrumented case. */
function withImports(source: string): string {
  return source.replace(/^(package \w+)/m, '$1\n\nimport (\n\tgomapjson "encoding/json"\n\tgomapmath "math"\n\tgomapreflect "reflect"\n\tgomapsort "sort"\n\tgomapstrconv "strconv"\n\tgomapstrings "strings"\n)\n');
}

/** Step 2: run the instrumented cases in one program; their results by case name. */
function runValid(goBin: string, valid: { name: string; source: string; root: SyntaxNode }[], work: string): Map<string, CaseResult> {
  const dir = path.join(work, 'run');
  writeModule(dir);
  valid.forEach(({ source, root }, i) => {
    const pkg = pkgOf(i);
    fs.mkdirSync(path.join(dir, pkg));
    let text: string;
    try {
      text = withImports(instrument(source, root, pkg));
    } catch (e) {
      throw new Error(`${valid[i].name}: cannot instrument: ${(e as Error).message}`);
    }
    fs.writeFileSync(path.join(dir, pkg, 'case.go'), text);
  });
  const imports = valid.map((_, i) => `\t"corpus/${pkgOf(i)}"`).join('\n');
  const calls = valid.map((v, i) => `\tfmt.Printf("%s\\t%s\\n", ${JSON.stringify(v.name)}, ${pkgOf(i)}.GomapDump())`).join('\n');
  fs.writeFileSync(path.join(dir, 'main.go'), `package main\n\nimport (\n\t"fmt"\n${imports}\n)\n\nfunc main() {\n${calls}\n}\n`);
  const out = execFileSync(goBin, ['run', '.'], { cwd: dir, env: goEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  const results = new Map<string, CaseResult>();
  for (const line of out.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) results.set(line.slice(0, tab), JSON.parse(line.slice(tab + 1)) as CaseResult);
  }
  return results;
}

/** Evaluates every case of `dir` with Go; throws when Go is missing or a valid case cannot be instrumented. */
export async function generateCorpus(goBin = go119, dir = casesDir): Promise<Corpus> {
  const version = execFileSync(goBin, ['version'], { encoding: 'utf8' }).trim().split(' ')[2];
  const names = caseNames(dir);
  const sources = names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-corpus-'));
  try {
    const errors = compileErrors(goBin, names, sources, work);
    const parser = await loadGoParser();
    const trees = sources.map((s) => parser.parse(s)!);
    const valid = names.map((name, i) => ({ name, source: sources[i], root: trees[i].rootNode })).filter((c) => !errors.has(c.name));
    const results = valid.length > 0 ? runValid(goBin, valid, work) : new Map<string, CaseResult>();
    trees.forEach((t) => t.delete());
    const cases: Record<string, CaseResult> = {};
    for (const name of names) {
      const r = errors.has(name) ? { errors: errors.get(name)! } : results.get(name);
      if (!r) throw new Error(`${name}: no result from Go`);
      cases[name] = r;
    }
    return { go: version, cases };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  generateCorpus().then(
    (corpus) => {
      fs.writeFileSync(expectedFile, JSON.stringify(corpus, null, 1) + '\n');
      const n = Object.keys(corpus.cases).length;
      const bad = Object.values(corpus.cases).filter((c) => 'errors' in c).length;
      console.log(`${expectedFile}: ${n} cases (${n - bad} evaluated, ${bad} compile errors) by ${corpus.go}`);
    },
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
