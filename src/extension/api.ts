// What activate() returns. Only the extension-host tests use it: `testing` exists when the
// extension runs in development or test mode, or with K8S_ANATOMY_TEST_HOOKS=1 (the end-to-end
// suite installs the .vsix). It reads state and can replace the link opener; nothing else.

import type * as vscode from 'vscode';
import type { PanelTestHandle } from './panel/panelHost';
import type { SessionSnapshot } from './session/session';

export interface TestingApi {
  /** The open K8s Anatomy panel, if any. */
  panel(): PanelTestHandle | null;
  /** The session's state, once a command started it. */
  snapshot(): SessionSnapshot | null;
  /** The HTML of the readiness report view, if it is open. */
  reportHtml(): string | null;
  /** The readiness report view's title, if it is open. */
  reportTitle(): string | null;
  /** The HTML of the fleet report view (Check All Contexts…), if it is open. */
  fleetHtml(): string | null;
  statusBarText(): string;
  /** Documents whose parse the hover keeps. */
  hoverCacheSize(): number;
  /** Parses the hover has made since activation (one per document version). */
  hoverParses(): number;
  /** Replace vscode.env.openExternal for links the panel opens (returns the previous one). */
  setOpenExternal(open: (uri: vscode.Uri) => Thenable<boolean>): (uri: vscode.Uri) => Thenable<boolean>;
}

export interface K8sAnatomyApi {
  readonly testing?: TestingApi;
}
