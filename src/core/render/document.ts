// One readiness report as a file: Markdown, the JSON document (schemaVersion 1) or SARIF 2.1.0.
// The CLI's `check --output` and the editor's Export Readiness Report write the same bytes.

import type { ReadinessReport } from '../model';
import { SARIF_TOOL } from '../product';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';

export type DocumentFormat = 'json' | 'markdown' | 'sarif';

export function renderReportDocument(report: ReadinessReport, format: DocumentFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return `${JSON.stringify(renderSarif(report, SARIF_TOOL), null, 2)}\n`;
  }
}
