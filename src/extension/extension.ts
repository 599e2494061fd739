// K8s Anatomy's VS Code entry point. activate() stays small: it builds the Services context, the
// command table, the panel serializer, the YAML hover, the read-only object documents and the
// save listener for workspace problems. Nothing here reads a cluster or a file: the session, the
// panel and the scanners load on first use (see services.ts).

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config/config';
import { DOCUMENT_SCHEME, OUTPUT_CHANNEL, PANEL_VIEW_TYPE } from './constants';
import { VERSION } from '../core/product';
import { YamlHoverProvider } from './hover/hover';
import { Log } from './log';
import { ObjectDocuments } from './objects/objectDocuments';
import { Services } from './services';
import { StatusBar } from './statusBar/statusBar';
import type { K8sAnatomyApi, TestingApi } from './api';

const YAML: vscode.DocumentSelector = [{ language: 'yaml' }];

export function activate(context: vscode.ExtensionContext): K8sAnatomyApi {
  const log = new Log(vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true }));
  const config = new Config(log);
  const statusBar = new StatusBar();
  const testing = context.extensionMode !== vscode.ExtensionMode.Production || process.env['K8S_ANATOMY_TEST_HOOKS'] === '1';
  const services = new Services(context, log, config, statusBar, testing);
  const hover = new YamlHoverProvider(() => services.startedSession?.snapshot ?? null);
  log.info(`K8s Anatomy ${VERSION} activated (VS Code ${vscode.version})`);

  context.subscriptions.push(
    log.channel,
    statusBar,
    services,
    ...registerCommands(services),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        (await services.panels()).restore(panel);
      },
    }),
    vscode.languages.registerHoverProvider(YAML, hover),
    vscode.workspace.onDidCloseTextDocument((document) => hover.forget(document)),
    vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, new ObjectDocuments(() => services.startedSession)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId !== 'yaml' || !config.workspaceScanEnabled) return;
      void services.workspace().then((workspace) => workspace.scanDocument(document));
    }),
    config.onDidChange((change) => {
      if (change.reconnect) services.startedSession?.reconnect({ clearContextOverride: change.context });
      if (change.rescan && !config.workspaceScanEnabled) services.startedWorkspace?.clear();
    }),
  );

  return testing ? { testing: testingApi(services, hover) } : {};
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

function testingApi(services: Services, hover: YamlHoverProvider): TestingApi {
  return {
    panel: () => services.startedPanels?.current ?? null,
    snapshot: () => services.startedSession?.snapshot ?? null,
    reportHtml: () => services.startedReport?.html ?? null,
    reportTitle: () => services.startedReport?.title ?? null,
    fleetHtml: () => services.startedFleetView?.html ?? null,
    statusBarText: () => services.statusBar.text,
    hoverCacheSize: () => hover.cachedDocuments,
    hoverParses: () => hover.parses,
    setOpenExternal: (open) => {
      const previous = services.openExternal;
      services.openExternal = open;
      return previous;
    },
  };
}
