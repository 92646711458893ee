/**
 * The Go parser: tree-sitter's Go grammar, compiled to WebAssembly (npm `tree-sitter-go`), run by
 * `web-tree-sitter`. Loading is asynchronous and happens once; afterwards parsing is synchronous.
 *
 * The two `.wasm` files are looked up beside the running bundle (`dist/`, where esbuild.js copies
 * them) and otherwise in `node_modules` (tests run from source).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

function findWasm(file: string, pkgPath: string): string {
  const candidates = [path.join(__dirname, file), path.join(__dirname, '..', 'dist', file)];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return require.resolve(pkgPath);
}

/** The shared Go parser, loaded on first use. */
export function loadGoParser(): Promise<Parser> {
  loading ??= (async () => {
    const runtimeWasm = findWasm('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtimeWasm });
    const language = await Language.load(findWasm('tree-sitter-go.wasm', 'tree-sitter-go/tree-sitter-go.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}
