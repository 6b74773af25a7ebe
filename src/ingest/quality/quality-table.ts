import { QUALITY_FIELDS, type QualityReport } from './quality-report';

/** The quality report's fields as a short plain-text table, for the dry run's stderr. */
export function qualityTable(report: QualityReport): string {
  const width = Math.max(...QUALITY_FIELDS.map((field) => field.length));
  const rows = QUALITY_FIELDS.map((field) => {
    const { present, of } = report.fields[field];
    const share = of ? Math.round((present / of) * 100) : 0;
    return `  ${field.padEnd(width)}  ${String(present).padStart(6)} of ${String(of).padEnd(6)} ${String(share).padStart(3)}%`;
  });
  return `quality:\n${rows.join('\n')}\n`;
}
