// One build for every bundle: the extension host, the trainer worker, the webviews and the CLI.
// `--watch` rebuilds on change; `--production` minifies and drops source maps.
const esbuild = require('esbuild');
const { readdirSync, readFileSync } = require('node:fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
const browser = { ...common, platform: 'browser', format: 'iife', target: 'es2022' };

/** The integration suite: its mocha entry and every *.test.ts beside it, one bundle each. */
function integrationTests() {
  return readdirSync('test/integration').filter((f) => f.endsWith('.ts')).map((f) => `test/integration/${f}`);
}

/**
 * The CLI's build-time constants: every rule's page (docs/rules/VI00x.md) inlined as __VI_RULE_DOCS__,
 * so its SARIF carries each rule's help (src/cli/ruleDocs.ts). The CLI unit test builds with it too.
 */
function cliDefine() {
  const docs = {};
  for (const name of readdirSync('docs/rules').filter((f) => /^VI\d{3}\.md$/.test(f)).sort()) {
    docs[name.slice(0, -3)] = readFileSync(`docs/rules/${name}`, 'utf8');
  }
  return { __VI_RULE_DOCS__: JSON.stringify(docs) };
}

/** Every bundle the extension, its workers, its webviews, the CLI and the integration suite need. */
const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'],
    // First and last statements of the bundle: activate() reports how long evaluating our modules took.
    banner: { js: '"use strict";\nvar __viBundleStart = performance.now();' },
    footer: { js: 'var __viBundleEnd = performance.now();' } },
  { ...node, entryPoints: ['src/worker/trainerWorker.ts'], outfile: 'dist/trainerWorker.js' },
  { ...node, entryPoints: ['src/worker/analyzerWorker.ts'], outfile: 'dist/analyzerWorker.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: cliDefine() },
  { ...browser, entryPoints: ['webview/panel/main.ts'], outfile: 'dist/webview/panel.js' },
  { ...browser, entryPoints: ['webview/trainingView/main.ts'], outfile: 'dist/webview/trainingView.js' },
  { ...node, entryPoints: integrationTests(), outdir: 'dist/test/integration', external: ['vscode', 'mocha'] },
];

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`[watch] building ${builds.length} bundles into dist/`);
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

module.exports = { cliDefine };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
