/**
 * The type names a map of the user's code can use, resolved as the Go compiler would see them from
 * the file the map is in: the package's own declarations (every `.go` file of its directory), the
 * packages it imports (the workspace's own module, GOROOT's standard library), and, when a package
 * cannot be read, the hovers' table of common standard types (`hover/std.ts`).
 *
 * Only declarations are read (`type` and `const`, for array lengths), never function bodies. A
 * name that stays unknown is declared *opaque*: a pointer to it works (a pointer's size is all a
 * bucket needs), and using it by value says which declaration is missing.
 *
 * What a map needs is kept as a short list of declarations (`TypeDecl`: `Profile` =
 * `struct{ Admin bool; Quota int64 }`, `time.Time` = `struct{ wall uint64; ... }`), so a saved map
 * carries the types it needs, not the source files; `scopeFromDecls` builds the scope back.
 */
import type { Parser } from 'web-tree-sitter';
import { SyntaxNode, loadGoParser } from '../go/parser';
import { stdScope } from '../hover/std';
import { GoType, GoTypeError, TypeScope, parseTypeExprWith, scopeFromSourceWith, typeString } from '../types';
import { kids } from '../types/fromnode';

/** A Go source file: its name (for messages) and text. */
export interface GoFile {
  name: string;
  text: string;
}

/** Reads Go packages for the resolver (the extension reads the workspace and GOROOT). */
export interface PackageReader {
  /** The non-test `.go` files of the package at `importPath`, or undefined when it cannot be found. */
  importedPackage(importPath: string): Promise<GoFile[] | undefined>;
}

/** One declaration a map's types need: `type <name> <type>`; `opaque` when it was never found. */
export interface TypeDecl {
  name: string;
  type?: string;
  opaque?: string;
}

interface Declarations {
  /** `type` and `const` declarations, as one Go source (`package p` first). */
  source: string;
  /** Package-qualified type names used in them (`time.Time`), with the import path of each package name. */
  qualified: Set<string>;
  imports: Map<string, string>;
}

const knownOS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const knownArch = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);

/**
 * Whether `go build` for linux/`goarch` compiles the file: its name's `_GOOS`/`_GOARCH` suffixes
 * and its `//go:build` line (tags: linux, unix, the GOARCH, gc, go1.N; `ignore` and cgo are off).
 */
export function buildMatches(file: GoFile, goarch = 'amd64'): boolean {
  const parts = file.name.replace(/\.go$/, '').split('_');
  const last = parts.at(-1) ?? '';
  const prev = parts.length > 2 ? parts.at(-2) ?? '' : '';
  if (parts.length > 1 && knownArch.has(last) && last !== goarch) return false;
  if (parts.length > 1 && knownOS.has(last) && last !== 'linux') return false;
  if (parts.length > 2 && knownArch.has(last) && knownOS.has(prev) && prev !== 'linux') return false;
  const head = file.text.slice(0, 4096);
  const m = /^\/\/go:build (.+)$/m.exec(head);
  if (!m || head.indexOf(m[0]) > head.search(/^package /m)) return true;
  const on = (tag: string): boolean => tag === 'linux' || tag === 'unix' || tag === goarch || tag === 'gc' || /^go1\.\d+$/.test(tag);
  const tokens = m[1].match(/\(|\)|!|&&|\|\||[\w.]+/g) ?? [];
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (tokens[i] === '&&') {
      i++;
      v = not() && v;
    }
    return v;
  };
  const not = (): boolean => {
    if (tokens[i] === '!') {
      i++;
      return !not();
    }
    if (tokens[i] === '(') {
      i++;
      const v = or();
      i++;
      return v;
    }
    return on(tokens[i++] ?? '');
  };
  return or();
}

/** The declarations and imports of a package's files. */
function declarationsOf(parser: Parser, files: GoFile[]): Declarations {
  const parts: string[] = ['package p'];
  const qualified = new Set<string>();
  const imports = new Map<string, string>();
  for (const f of files) {
    const tree = parser.parse(f.text);
    if (!tree) continue;
    try {
      for (const top of kids(tree.rootNode, true)) {
        if (top.type === 'import_declaration') collectImports(top, imports);
        else if (top.type === 'type_declaration' || top.type === 'const_declaration') {
          parts.push(top.text);
          collectQualified(top, qualified);
        }
      }
    } finally {
      tree.delete();
    }
  }
  return { source: parts.join('\n'), qualified, imports };
}

function collectImports(decl: SyntaxNode, out: Map<string, string>): void {
  const visit = (n: SyntaxNode): void => {
    if (n.type === 'import_spec') {
      const path = n.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '');
      if (!path) return;
      const name = n.childForFieldName('name')?.text ?? defaultPackageName(path);
      if (name !== '_' && name !== '.') out.set(name, path);
      return;
    }
    for (const c of kids(n, true)) visit(c);
  };
  visit(decl);
}

/** The package name an import path declares by convention: its last element, without a `/vN` suffix. */
function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts.at(-1) ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts.at(-2)!;
  return last.replace(/^go-/, '').replace(/[.-].*$/, '');
}

function collectQualified(n: SyntaxNode, out: Set<string>): void {
  if (n.type === 'qualified_type') {
    const pkg = n.childForFieldName('package')?.text;
    const name = n.childForFieldName('name')?.text;
    if (pkg && name) out.add(`${pkg}.${name}`);
    return;
  }
  for (const c of kids(n, true)) collectQualified(c, out);
}

/** Qualified names in a type expression typed by the user (`*time.Location`). */
export function qualifiedNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/g)].map((m) => `${m[1]}.${m[2]}`);
}

/** A named type whose declaration was not found: fine behind a pointer, an error by value. */
function opaqueType(name: string, why: string): GoType {
  const t = { kind: 'named', name } as Extract<GoType, { kind: 'named' }>;
  Object.defineProperty(t, 'underlying', {
    enumerable: true,
    get() {
      throw GoTypeError.unplaced(`cannot lay out ${name} by value: ${why}`);
    },
  });
  opaqueReasons.set(t, why);
  return t;
}

const opaqueReasons = new WeakMap<GoType, string>();

/** Resolves type names for maps of one package, reading what it imports at most once. */
export class PackageResolver {
  private readonly packages = new Map<string, Promise<TypeScope | undefined>>();

  constructor(private readonly reader: PackageReader, private readonly goarch = 'amd64', private readonly maxDepth = 3) {}

  /**
   * The scope of the package made of `files` (the active file and its siblings), in which the
   * key and elem type expressions `exprs` will be parsed.
   */
  async scopeFor(files: GoFile[], exprs: string[] = []): Promise<TypeScope> {
    const parser = await loadGoParser();
    const d = declarationsOf(parser, files);
    for (const e of exprs) for (const q of qualifiedNamesIn(e)) d.qualified.add(q);
    const imported = await this.importsScope(d, 0);
    return scopeFromSourceWith(parser, d.source, { parent: imported });
  }

  private async importsScope(d: Declarations, depth: number): Promise<TypeScope> {
    const scope = new TypeScope(stdScope);
    for (const q of d.qualified) {
      const [pkg, name] = q.split('.');
      const path = d.imports.get(pkg);
      let t: GoType | undefined;
      if (path !== undefined && depth < this.maxDepth) {
        const ps = await this.packageScope(path, pkg, depth + 1);
        const entry = ps?.lookupType(name);
        try {
          t = entry?.get();
        } catch {
          t = undefined;
        }
      }
      if (t === undefined) {
        const std = stdScope.lookupType(q);
        if (std) continue; // the table of common standard types has it
        const why = path === undefined ? `the package ${pkg} is not imported by this file` : `its declaration was not found in ${path}`;
        t = opaqueType(q, why);
      }
      scope.declareType(q, { get: () => t! });
    }
    return scope;
  }

  /** The scope of an imported package, its named types renamed `pkg.Name`. */
  private packageScope(path: string, pkg: string, depth: number): Promise<TypeScope | undefined> {
    let p = this.packages.get(path);
    if (!p) {
      p = (async () => {
        const all = await this.reader.importedPackage(path).catch(() => undefined);
        const files = all?.filter((f) => buildMatches(f, this.goarch));
        if (!files || files.length === 0) return undefined;
        const parser = await loadGoParser();
        const d = declarationsOf(parser, files);
        const imported = await this.importsScope(d, depth);
        const scope = scopeFromSourceWith(parser, d.source, { parent: imported });
        for (const t of scope.namedTypes()) if (t.kind === 'named' && !t.name.includes('.')) t.name = `${pkg}.${t.name}`;
        return scope;
      })();
      this.packages.set(path, p);
    }
    return p;
  }
}

/**
 * The declarations `types` need, each once, in the order they are reached (the named types inside
 * them, through pointers, fields, elements). Predeclared names (`error`) are left out.
 */
export function declsNeeded(types: GoType[], limit = 200): TypeDecl[] {
  const out: TypeDecl[] = [];
  const seen = new Set<GoType>();
  const visit = (t: GoType): void => {
    if (seen.has(t) || out.length >= limit) return;
    seen.add(t);
    switch (t.kind) {
      case 'named': {
        if (t.name === 'error') return;
        const why = opaqueReasons.get(t);
        if (why !== undefined) {
          out.push({ name: t.name, opaque: why });
          return;
        }
        const u = t.underlying;
        if (!u) return;
        out.push({ name: t.name, type: typeString(u) });
        visit(u);
        return;
      }
      case 'pointer': case 'slice': case 'array': case 'chan':
        visit(t.elem);
        return;
      case 'map':
        visit(t.key);
        visit(t.elem);
        return;
      case 'struct':
        for (const f of t.fields) visit(f.type);
        return;
      default:
        return;
    }
  };
  for (const t of types) visit(t);
  return out;
}

/** The scope a saved map's declarations describe (the inverse of `declsNeeded`). */
export async function scopeFromDecls(decls: readonly TypeDecl[]): Promise<TypeScope> {
  const parser = await loadGoParser();
  const scope = new TypeScope(stdScope);
  const named: { decl: TypeDecl; t: Extract<GoType, { kind: 'named' }> }[] = [];
  for (const decl of decls) {
    const t = decl.opaque !== undefined ? opaqueType(decl.name, decl.opaque) : { kind: 'named' as const, name: decl.name, underlying: undefined };
    if (decl.opaque === undefined) named.push({ decl, t: t as Extract<GoType, { kind: 'named' }> });
    scope.declareType(decl.name, { get: () => t });
  }
  for (const { decl, t } of named) t.underlying = parseTypeExprWith(parser, decl.type ?? 'struct{}', scope);
  return scope;
}

/**
 * Go source declaring `decls` for the literal evaluator, which reads unqualified names: a qualified
 * name `time.Time` is declared as `time__Time` (see `localName`), and references are rewritten.
 */
export function declsSource(decls: readonly TypeDecl[]): string {
  const names = new Set(decls.map((d) => d.name));
  const lines = ['package p', ''];
  for (const d of decls) {
    lines.push(`type ${localName(d.name)} ${d.type === undefined ? 'struct{}' : localNames(d.type, names)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `time.Time` → `time__Time` (an identifier the evaluator can declare). */
export function localName(name: string): string {
  return name.replace('.', '__');
}

/** Every qualified name of `names` in Go text `text` as its local name (string and rune literals untouched). */
export function localNames(text: string, names: ReadonlySet<string>): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`|\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/g, (m, pkg?: string, name?: string) => (
    pkg !== undefined && names.has(`${pkg}.${name}`) ? `${pkg}__${name}` : m));
}
