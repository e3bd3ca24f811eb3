// esbuild plugin: every import of string-width in the bundle (Ink, widest-line, cli-truncate,
// wrap-ansi; two versions) gets src/ui/ink/fastStringWidth.ts in front of it, and the library
// itself is required only on the first text outside that path: esbuild bundles a require()d
// ES module as a lazily initialised one, so its Intl.Segmenter and emoji regular expressions
// are not built while the TUI starts. The build fails if nothing imported string-width (a
// dependency change needs a look).
import { join } from 'node:path';

const NAMESPACE = 'podscope-string-width';

export function stringWidthFast(root) {
  const fast = join(root, 'src', 'ui', 'ink', 'fastStringWidth.ts');
  return {
    name: 'string-width-fast',
    setup(build) {
      const wrapped = new Set();
      build.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.namespace === NAMESPACE) return undefined;
        const real = await build.resolve('string-width', { kind: args.kind, resolveDir: args.resolveDir, namespace: NAMESPACE });
        if (real.errors.length > 0) return { errors: real.errors };
        wrapped.add(real.path);
        return { path: real.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `import { withOneColumnPath } from ${JSON.stringify(fast)};\nexport default withOneColumnPath(() => require(${JSON.stringify(args.path)}).default);\n`,
        resolveDir: root,
        loader: 'js',
      }));
      build.onEnd((result) => {
        if (result.errors.length === 0 && wrapped.size === 0) result.errors.push({ text: 'string-width-fast: nothing imports string-width any more; see scripts/stringWidthFast.mjs' });
      });
    },
  };
}
