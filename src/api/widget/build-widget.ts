import { WIDGET_OUTFILE, writeWidgetBundle } from './widget-bundle';

/** `npm run build`'s last step: bundles src/widget into dist/widget.js. */
writeWidgetBundle().then(
  () => process.stdout.write(`widget bundled: ${WIDGET_OUTFILE}\n`),
  (error: unknown) => {
    process.stderr.write(`widget bundle failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
