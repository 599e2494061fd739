// Export Topology (SVG / Markdown with the mermaid source / HTML page) and Export Readiness Report
// (Markdown / JSON / SARIF) of what the session shows, through a save dialog. Both commands also
// take (format, target Uri) arguments, for keybindings and the tests.

import * as vscode from 'vscode';
import type { Diagnosis } from '../../core/diagnose';
import { createNonce } from '../../core/render/page';
import {
  REPORT_FORMATS, TOPOLOGY_FORMATS, fleetText, isReportFormat, isTopologyFormat, reportText, topologyHtml, topologyMarkdown,
  type ReportFormat, type TopologyFormat,
} from './exportFormats';
import type { Services } from '../services';

export async function exportTopology(services: Services, format?: unknown, target?: unknown): Promise<string | null> {
  const diagnosis = await currentDiagnosis(services);
  if (!diagnosis) return null;
  const chosen = isTopologyFormat(format) ? format : await pick(TOPOLOGY_FORMATS, 'K8s Anatomy: Export Topology');
  if (!chosen) return null;
  if (chosen === 'svg') {
    // The SVG exists only in the webview: mermaid draws it in the browser.
    const panel = (await services.panels()).current;
    const svg = panel ? await panel.requestSvg() : null;
    if (!svg) {
      void vscode.window.showWarningMessage('K8s Anatomy: the SVG comes from the panel\'s drawing: open the panel (K8s Anatomy: Open Panel), wait for the diagram, and export again — or export the HTML page or the Markdown.');
      return null;
    }
    return save(services, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, chosen, target, TOPOLOGY_FORMATS, 'k8s-anatomy-topology');
  }
  const generatedAt = new Date().toISOString();
  const text = chosen === 'markdown'
    ? topologyMarkdown(diagnosis, generatedAt)
    : topologyHtml(diagnosis, { mermaidScript: await mermaidScript(services), nonce: createNonce(), generatedAt });
  return save(services, text, chosen, target, TOPOLOGY_FORMATS, 'k8s-anatomy-topology');
}

/** Export Fleet Report: the fleet report view's report (Check All Contexts…) as Markdown, JSON or SARIF. */
export async function exportFleetReport(services: Services, format?: unknown, target?: unknown): Promise<string | null> {
  const fleet = services.startedFleetView?.fleet ?? null;
  if (!fleet) {
    void vscode.window.showWarningMessage('K8s Anatomy: no fleet report is open: run K8s Anatomy: Check All Contexts… first.');
    return null;
  }
  const chosen = isReportFormat(format) ? format : await pick(REPORT_FORMATS, 'K8s Anatomy: Export Fleet Report');
  if (!chosen) return null;
  return save(services, fleetText(fleet, chosen), chosen, target, REPORT_FORMATS, 'k8s-anatomy-fleet');
}

export async function exportReport(services: Services, format?: unknown, target?: unknown): Promise<string | null> {
  // The open report view's report while it is of what the session shows (a dockershim check judges
  // fewer families than the panel shows), else the session's.
  const diagnosis = await currentDiagnosis(services);
  const report = services.startedReport?.reportFor(diagnosis) ?? diagnosis?.report;
  if (!report) return null;
  const chosen = isReportFormat(format) ? format : await pick(REPORT_FORMATS, 'K8s Anatomy: Export Readiness Report');
  if (!chosen) return null;
  return save(services, reportText(report, chosen), chosen, target, REPORT_FORMATS, 'k8s-anatomy-readiness');
}

/** The shown diagnosis, reading the source first when nothing was read yet. */
async function currentDiagnosis(services: Services): Promise<Diagnosis | null> {
  const session = await services.session();
  const shown = session.snapshot.diagnosis;
  if (shown) return shown;
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'K8s Anatomy: reading' }, () => session.ensureLoaded());
  if (outcome.kind === 'ok') return outcome.diagnosis;
  const why = outcome.kind === 'no-kubeconfig' ? `${outcome.message}. Open a sample cluster to export one.` : outcome.kind === 'failed' ? outcome.message : 'nothing was read.';
  void vscode.window.showWarningMessage(`K8s Anatomy: nothing to export: ${why}`);
  return null;
}

async function pick<F extends string>(formats: readonly { format: F; label: string; detail: string }[], title: string): Promise<F | undefined> {
  const picked = await vscode.window.showQuickPick(formats.map((f) => ({ label: f.label, detail: f.detail, format: f.format })), { title });
  return picked?.format;
}

async function save<F extends TopologyFormat | ReportFormat>(
  services: Services, text: string, format: F, target: unknown,
  formats: readonly { format: F; label: string; extension: string }[], baseName: string,
): Promise<string | null> {
  const info = formats.find((f) => f.format === format);
  const extension = info?.extension ?? 'txt';
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' && target ? vscode.Uri.parse(target, true) : undefined;
  if (!uri) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    uri = await vscode.window.showSaveDialog({
      title: `Save ${info?.label ?? format}`,
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${baseName}.${extension}`) } : {}),
      filters: { [info?.label ?? format]: [extension] },
    });
  }
  if (!uri) return null;
  await services.log.timed(`export ${format} to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}`, () => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text)));
  const written = uri;
  void vscode.window.showInformationMessage(`K8s Anatomy: exported to ${vscode.workspace.asRelativePath(written)}`, 'Open').then((choice) => {
    if (choice) void vscode.commands.executeCommand('vscode.open', written);
  });
  return written.toString();
}

/** The exported page's diagram library (mermaid with ELK inside: webview/mermaidBundle.ts) from dist/webview. */
async function mermaidScript(services: Services): Promise<string> {
  const file = 'mermaid-page.js';
  const uri = vscode.Uri.joinPath(services.extension.extensionUri, 'dist', 'webview', file);
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    throw new Error(`the mermaid library is missing from this installation (dist/webview/${file}); rebuild with \`npm run build\``);
  }
}
