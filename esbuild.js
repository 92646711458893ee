// Builds the three bundles: the extension (node, vscode external), the webview (browser) and the
// gomap CLI (node). Type-checking is separate: `npm run typecheck` (tsc --noEmit).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow; its ESM
  // build bundles cleanly.
  mainFields: ['module', 'main'],
};

/**
 * Node bundles are CommonJS, but some dependencies are ES modules that read `import.meta.url`
 * (web-tree-sitter locates its files with it): give them the bundle's own URL. Shared with the
 * test bundles (test/e2e), which take `nodeBundle` as their base.
 */
const nodeImportMeta = {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
const nodeBundle = { ...common, platform: 'node', format: 'cjs', target: 'node20', ...nodeImportMeta };

/** One options object per bundle. */
const bundles = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    ...nodeImportMeta,
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    ...nodeImportMeta,
    banner: { js: '#!/usr/bin/env node\n' + nodeImportMeta.banner.js },
  },
];

/** Files the bundles load at run time (tree-sitter's WebAssembly), copied beside them. */
function copyAssets() {
  const assets = [];
  try {
    assets.push([require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm']);
  } catch { /* not installed yet */ }
  try {
    assets.push([require.resolve('tree-sitter-go/tree-sitter-go.wasm'), 'dist/tree-sitter-go.wasm']);
  } catch { /* not installed yet */ }
  fs.mkdirSync('dist', { recursive: true });
  for (const [from, to] of assets) fs.copyFileSync(from, path.join(__dirname, to));
}

async function main() {
  const entries = bundles.filter((b) => b.entryPoints.every((e) => fs.existsSync(e)));
  copyAssets();
  if (watch) {
    for (const b of entries) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(entries.map((b) => esbuild.build(b)));
  try { fs.chmodSync('dist/cli.js', 0o755); } catch { /* no CLI bundle yet */ }
}

module.exports = { nodeBundle };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
