// esbuild plugin: the bundle's Ink draws frames through src/ui/ink/fastOutput.ts (Ink's
// Output with get() done by runs of styled characters; same output, a fraction of the cost).
// The build fails if Ink's renderer no longer imports its Output where this expects it, so
// an Ink upgrade cannot silently drop the fast path.
import { dirname, join } from 'node:path';

const NAMESPACE = 'podscope-ink-output';

export function inkFastOutput(root) {
  const fastOutput = join(root, 'src', 'ui', 'ink', 'fastOutput.ts');
  return {
    name: 'ink-fast-output',
    setup(build) {
      let replaced = false;
      build.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
        if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)) return undefined;
        replaced = true;
        return { path: join(dirname(args.importer), 'output.js'), namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `import InkOutput from ${JSON.stringify(args.path)};\nimport { withFastGet } from ${JSON.stringify(fastOutput)};\nexport default withFastGet(InkOutput);\n`,
        resolveDir: root,
        loader: 'js',
      }));
      build.onEnd((result) => {
        if (result.errors.length === 0 && !replaced) {
          result.errors.push({ text: "ink-fast-output: Ink's renderer.js no longer imports ./output.js; see scripts/inkFastOutput.mjs" });
        }
      });
    },
  };
}
