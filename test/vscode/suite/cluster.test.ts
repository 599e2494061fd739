// Against a live cluster, when the harness provides one (K8S_ANATOMY_TEST_KUBECONFIG, e.g. the
// simulator of test/sim): the panel reads the cluster, the check reports on it, and an affected
// object's YAML is read from the cluster. Skipped when no cluster is provided.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { LIVE_KUBECONFIG, setUserSetting, testingApi, waitFor } from './helpers';

describe('live cluster', () => {
  before(async function () {
    if (!LIVE_KUBECONFIG) this.skip();
    await testingApi();
    await setUserSetting('kubeconfig', LIVE_KUBECONFIG);
  });

  after(async () => {
    if (LIVE_KUBECONFIG) await setUserSetting('kubeconfig', undefined);
  });

  it('reads the current context into the panel, live', async () => {
    const testing = await testingApi();
    // Switch Context with a name (no quick pick): the harness's, else the kubeconfig's current-context.
    const context = process.env['K8S_ANATOMY_TEST_CONTEXT'] ?? /^current-context:\s*"?([^"\s]+)"?\s*$/m.exec(readFileSync(LIVE_KUBECONFIG as string, 'utf8'))?.[1];
    assert.ok(context, 'the kubeconfig names a current-context');
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.switchContext', context), 'ok');
    await vscode.commands.executeCommand('k8sAnatomy.openPanel');
    const snapshot = await waitFor('a cluster model', () => {
      const s = testing.snapshot();
      return s?.diagnosis && s.source?.kind === 'cluster' ? s : null;
    }, 60_000);
    assert.equal(snapshot.status.kind, 'ready');
    assert.ok(snapshot.diagnosis?.report.nodes.length);
  });

  it('checks readiness on the cluster and opens an affected object read from it', async () => {
    const testing = await testingApi();
    const result = await vscode.commands.executeCommand<{ outcome: string; verdict: string | null }>('k8sAnatomy.checkReadiness');
    assert.equal(result?.outcome, 'ok');
    const finding = testing.snapshot()?.diagnosis?.report.findings.find((f) => f.subject.kind !== 'Node');
    if (!finding) return;
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openObject', finding.subject), true);
    const editor = await waitFor('the object editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'k8s-anatomy'));
    assert.match(editor.document.getText(), new RegExp(`kind: ${finding.subject.kind}`));
  });

  it('checks the kubeconfig\'s contexts as a fleet, opens one cluster\'s report from the fleet view, and refuses contexts that are not there', async () => {
    const testing = await testingApi();
    const context = process.env['K8S_ANATOMY_TEST_CONTEXT'] ?? /^current-context:\s*"?([^"\s]+)"?\s*$/m.exec(readFileSync(LIVE_KUBECONFIG as string, 'utf8'))?.[1];
    assert.ok(context);
    const result = await vscode.commands.executeCommand<{ verdicts: Record<string, string>; cancelled: boolean; target: string | null } | null>('k8sAnatomy.checkAllContexts', { contexts: [context], target: null });
    assert.ok(result, 'the fleet check ran');
    assert.equal(result.cancelled, false);
    assert.ok(['ready', 'not-ready', 'unknown'].includes(result.verdicts[context] ?? ''), `a verdict for ${context}: ${JSON.stringify(result.verdicts)}`);
    assert.match(testing.fleetHtml() ?? '', /Fleet upgrade readiness for each cluster&#39;s next Kubernetes minor/);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openFleetCluster', { context, open: 'report' }), true);
    assert.match(testing.reportTitle() ?? '', /^Upgrade readiness for Kubernetes \d+\.\d+$/);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openFleetCluster', { context: 'not-in-the-fleet', open: 'report' }), false);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.checkAllContexts', { contexts: ['no-such-context'], target: null }), null);
  });
});
