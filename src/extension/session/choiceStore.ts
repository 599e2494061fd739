// Which source the session shows (a kubeconfig context or a built-in sample), kept in
// workspaceState so a reload shows the same one. The `k8sAnatomy.context` setting is never written.

import type * as vscode from 'vscode';
import { STATE_KEYS } from '../constants';
import { DEFAULT_CHOICE, parseSourceChoice, sameChoice, type SourceChoice } from '../source/sourceChoice';

export class SourceChoiceStore {
  private value: SourceChoice;

  constructor(private readonly state: vscode.Memento) {
    this.value = parseSourceChoice(state.get(STATE_KEYS.source)) ?? DEFAULT_CHOICE;
  }

  get current(): SourceChoice {
    return this.value;
  }

  /**
   * Make `choice` current now; `changed` says whether it differs from the one before, `saved`
   * settles once workspaceState has it.
   */
  set(choice: SourceChoice): { readonly changed: boolean; readonly saved: Thenable<void> } {
    const changed = !sameChoice(choice, this.value);
    this.value = choice;
    return { changed, saved: this.state.update(STATE_KEYS.source, choice) };
  }
}
