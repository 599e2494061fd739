// Readiness findings for the YAML manifests in the workspace, in the Problems panel: on "Check
// Dockershim Readiness" (every file) and on save (that file), when k8sAnatomy.workspaceScan.enabled.
// Files follow files.exclude; each file is diagnosed on its own with the same rules as a cluster.
// A finding sits on the exact line of its field (the hostPath path), and its code links to the
// rule's documentation.

import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/model';
import { DIAGNOSTIC_SOURCE } from '../constants';
import type { Config } from '../config/config';
import { describeError, type Log } from '../log';
import type { WorkspaceFindingRow } from '../readiness/reportHtml';
import { MAX_MANIFEST_BYTES, diagnoseManifestText, excludeGlob } from './manifests';

export const MANIFEST_GLOB = '**/*.{yaml,yml}';
/** At most this many files per scan (a monorepo can hold tens of thousands of YAML files). */
export const MAX_FILES = 5000;
const READ_CONCURRENCY = 16;

export interface WorkspaceScanResult {
  readonly enabled: boolean;
  readonly files: number;
  readonly rows: readonly WorkspaceFindingRow[];
  readonly truncated: boolean;
}

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class WorkspaceDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('k8sAnatomy');
  private readonly rowsByUri = new Map<string, WorkspaceFindingRow[]>();
  private files = 0;
  private truncated = false;

  constructor(private readonly deps: { readonly log: Log; readonly config: Config }) {}

  get result(): WorkspaceScanResult {
    return { enabled: this.deps.config.workspaceScanEnabled, files: this.files, rows: [...this.rowsByUri.values()].flat(), truncated: this.truncated };
  }

  /** Is there a workspace finding at this document line (1-based)? */
  has(uri: string, line: number): boolean {
    return (this.rowsByUri.get(uri) ?? []).some((row) => row.line === line);
  }

  /** Scan every manifest of the workspace. Clears everything when scanning is off. */
  async scanAll(token?: vscode.CancellationToken): Promise<WorkspaceScanResult> {
    if (!this.deps.config.workspaceScanEnabled) {
      this.clear();
      return this.result;
    }
    if (!vscode.workspace.workspaceFolders?.length) return { enabled: true, files: 0, rows: [], truncated: false };
    return this.deps.log.timed('scan workspace manifests', async () => {
      const exclude = excludeGlob(vscode.workspace.getConfiguration('files').get<unknown>('exclude'));
      const uris = await vscode.workspace.findFiles(MANIFEST_GLOB, exclude, MAX_FILES + 1, token);
      this.truncated = uris.length > MAX_FILES;
      const todo = uris.slice(0, MAX_FILES);
      this.collection.clear();
      this.rowsByUri.clear();
      let next = 0;
      const worker = async () => {
        while (next < todo.length && !token?.isCancellationRequested) {
          const uri = todo[next++] as vscode.Uri;
          const text = await this.read(uri);
          if (text !== null) this.apply(uri, text);
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, todo.length) }, worker));
      this.files = todo.length;
      const result = this.result;
      this.deps.log.info(`workspace: ${result.files} YAML files, ${result.rows.length} findings`);
      return result;
    });
  }

  /** Re-scan one document (on save). */
  scanDocument(document: vscode.TextDocument): void {
    if (!this.deps.config.workspaceScanEnabled || !isManifestDocument(document)) return;
    this.apply(document.uri, document.getText());
  }

  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.rowsByUri.delete(uri.toString());
  }

  clear(): void {
    this.collection.clear();
    this.rowsByUri.clear();
    this.files = 0;
    this.truncated = false;
  }

  dispose(): void {
    this.collection.dispose();
  }

  private async read(uri: vscode.Uri): Promise<string | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_MANIFEST_BYTES) return null;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) return null;
      return new TextDecoder('utf-8').decode(bytes);
    } catch (error) {
      this.deps.log.debug(`workspace: cannot read ${vscode.workspace.asRelativePath(uri)}: ${describeError(error)}`);
      return null;
    }
  }

  private apply(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    let findings: readonly Finding[];
    try {
      const target = this.deps.config.targetVersion;
      findings = diagnoseManifestText(text, key, target ? { target } : {}).findings;
    } catch (error) {
      this.deps.log.debug(`workspace: skipped ${vscode.workspace.asRelativePath(uri)}: ${describeError(error)}`);
      findings = [];
    }
    const located = findings.filter((f) => f.location !== undefined && f.location.file === key);
    if (located.length === 0) {
      this.forget(uri);
      return;
    }
    const lines = text.split(/\r?\n/);
    const label = vscode.workspace.asRelativePath(uri);
    const rows: WorkspaceFindingRow[] = [];
    const diagnostics = located.map((finding) => {
      const line = finding.location?.line ?? 1;
      rows.push({ finding, uri: key, line, label });
      return toDiagnostic(finding, line - 1, lines[line - 1] ?? '');
    });
    this.collection.set(uri, diagnostics);
    this.rowsByUri.set(key, rows);
  }
}

export function isManifestDocument(document: vscode.TextDocument): boolean {
  return (document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path)) && (document.uri.scheme === 'file' || document.uri.scheme === 'vscode-remote');
}

function toDiagnostic(finding: Finding, line: number, text: string): vscode.Diagnostic {
  const start = text.length - text.trimStart().length;
  const end = Math.max(start + 1, text.trimEnd().length);
  const message = `${finding.message}\nFix: ${finding.remediation}`;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  const doc = finding.docs.find((url) => url.startsWith('https://'));
  diagnostic.code = doc ? { value: finding.rule, target: vscode.Uri.parse(doc, true) } : finding.rule;
  return diagnostic;
}
