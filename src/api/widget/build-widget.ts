import { writeBundles } from './widget-bundle';

/** `npm run build`'s last step: bundles src/widget into dist/widget.js and dist/embed.js. */
writeBundles().then(
  () => process.stdout.write('site scripts bundled: dist/widget.js, dist/embed.js\n'),
  (error: unknown) => {
    process.stderr.write(`site script bundle failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
