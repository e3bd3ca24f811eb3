// esbuild plugin: the bundle's Ink draws frames through src/ui/ink/fastOutput.ts (Ink's
// Output with get() done by runs of styled characters; same output, a fraction of the cost),
// and its renderer's sanitizeAnsi and widestLine are memoised (src/ui/ink/memoText.ts).
// The build fails if Ink's renderer no longer imports its Output where this expects it, so
// an Ink upgrade cannot silently drop the fast path.
import { dirname, join } from 'node:path';

const NAMESPACE = 'podscope-ink-output';
const MEMO_NAMESPACE = 'podscope-ink-memo';

export function inkFastOutput(root) {
  const fastOutput = join(root, 'src', 'ui', 'ink', 'fastOutput.ts');
  const memoText = join(root, 'src', 'ui', 'ink', 'memoText.ts');
  return {
    name: 'ink-fast-output',
    setup(build) {
      let replaced = false;
      build.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
        if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)) return undefined;
        replaced = true;
        return { path: join(dirname(args.importer), 'output.js'), namespace: NAMESPACE };
      });
      // The text nodes' sanitizing and widest line, memoised (src/ui/ink/memoText.ts).
      const memoised = { sanitize: false, widest: false };
      build.onResolve({ filter: /^\.\/sanitize-ansi\.js$/ }, (args) => {
        if (!/[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/.test(args.importer)) return undefined;
        memoised.sanitize = true;
        return { path: join(dirname(args.importer), 'sanitize-ansi.js'), namespace: MEMO_NAMESPACE };
      });
      build.onResolve({ filter: /^widest-line$/ }, (args) => {
        if (!/[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/.test(args.importer)) return undefined;
        memoised.widest = true;
        return { path: 'widest-line', namespace: MEMO_NAMESPACE, pluginData: { resolveDir: dirname(args.importer) } };
      });
      build.onLoad({ filter: /.*/, namespace: MEMO_NAMESPACE }, (args) => ({
        contents: `import f from ${JSON.stringify(args.path)};\nimport { memoByText } from ${JSON.stringify(memoText)};\nexport default memoByText(f);\n`,
        resolveDir: args.pluginData?.resolveDir ?? root,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `import InkOutput from ${JSON.stringify(args.path)};\nimport { withFastGet } from ${JSON.stringify(fastOutput)};\nexport default withFastGet(InkOutput);\n`,
        resolveDir: root,
        loader: 'js',
      }));
      build.onEnd((result) => {
        if (result.errors.length === 0 && !replaced) {
          result.errors.push({ text: "ink-fast-output: Ink's renderer.js no longer imports ./output.js; see scripts/inkFastOutput.mjs" });
        }
        if (result.errors.length === 0 && !(memoised.sanitize && memoised.widest)) {
          result.errors.push({ text: "ink-fast-output: Ink's squash-text-nodes.js or render-node-to-output.js no longer imports sanitize-ansi or widest-line; see scripts/inkFastOutput.mjs" });
        }
      });
    },
  };
}
