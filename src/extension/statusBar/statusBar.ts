// The status bar item: which cluster (or sample) and one word of state; click opens the panel.
// Until a command reads something it shows just the extension's name (activation reads nothing).

import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { SessionSnapshot } from '../session/session';
import { describeChoice } from '../source/sourceChoice';
import { reportTitle } from '../../core/render/text';
import { STATUS_ICON, statusText } from './statusText';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('k8sAnatomy.status', vscode.StatusBarAlignment.Left, 20);

  constructor() {
    this.item.name = 'K8s Anatomy';
    this.item.text = `${STATUS_ICON} K8s Anatomy`;
    this.item.tooltip = 'K8s Anatomy: open the anatomy panel';
    this.item.command = COMMANDS.openPanel;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  update(snapshot: SessionSnapshot): void {
    const report = snapshot.diagnosis?.report;
    const { text, tooltip } = statusText({
      ...(report ? { judged: { title: reportTitle(report), target: report.target ?? null } } : {}),
      status: snapshot.status,
      source: snapshot.source,
      verdict: snapshot.diagnosis?.report.verdict ?? null,
      choiceLabel: describeChoice(snapshot.choice),
    });
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
