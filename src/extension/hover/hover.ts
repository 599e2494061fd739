// The YAML hover provider: adapts yamlHoverAt (src/core/yamlHover.ts) to a vscode.Hover. The
// parse is cached per document and version (typing invalidates it; hovering does not re-parse),
// cancellation is honoured, and no network is ever touched: the live line comes from the
// session's last diagnosis, if a session exists (hoverLiveLine: the setting's, the RuntimeClass's or
// the entry's facts).

import * as vscode from 'vscode';
import { hoverAt, parseYamlForHover, type ParsedYaml, type YamlHover } from '../../core/yamlHover';
import type { Diagnosis } from '../../core/diagnose';
import type { PanelSource } from '../../protocol/messages';
import { hoverMarkdownText, type LiveFacts } from './hoverMarkdown';
import { hoverLiveLine } from '../../core/liveFacts';

/** Documents kept parsed (most recently hovered first). */
const CACHE_SIZE = 8;
/** Bigger documents get no hover (parsing them would stall the extension host). */
const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

export interface LiveSource {
  readonly diagnosis: Diagnosis | null;
  readonly source: PanelSource | null;
}

export class YamlHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Map<string, { readonly version: number; readonly parsed: ParsedYaml }>();
  private parseCount = 0;

  constructor(private readonly live: () => LiveSource | null) {}

  /** How many documents are kept parsed. */
  get cachedDocuments(): number {
    return this.cache.size;
  }

  /** How many times a document was parsed (the tests check that hovering does not re-parse). */
  get parses(): number {
    return this.parseCount;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | null {
    if (token.isCancellationRequested) return null;
    const parsed = this.parsed(document);
    if (!parsed || token.isCancellationRequested) return null;
    const hit = hoverAt(parsed, document.offsetAt(position));
    if (!hit || token.isCancellationRequested) return null;
    const markdown = new vscode.MarkdownString(hoverMarkdownText(hit, this.liveFacts(hit)), false);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  private parsed(document: vscode.TextDocument): ParsedYaml | null {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.parsed;
    }
    const text = document.getText();
    if (text.length > MAX_DOCUMENT_CHARS) return null;
    const parsed = parseYamlForHover(text);
    this.parseCount++;
    this.cache.delete(key);
    this.cache.set(key, { version: document.version, parsed });
    while (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return parsed;
  }

  private liveFacts(hit: YamlHover): LiveFacts | null {
    const live = this.live();
    if (!live?.diagnosis || !live.source) return null;
    const line = hoverLiveLine(hit, live.diagnosis);
    if (!line) return null;
    return { sourceLabel: `${live.source.kind === 'sample' ? 'sample' : 'cluster'} ${live.source.name}`, line };
  }
}
