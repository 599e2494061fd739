// Every command runs: with arguments (as keybindings and these tests call them) none of them needs
// a dialog. The sample stands in for a cluster; k8sAnatomy.kubeconfig points at a missing file so
// the no-kubeconfig paths are exercised whatever the machine has in ~/.kube.

import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { NO_KUBECONFIG, openSample, setUserSetting, testingApi, waitFor } from './helpers';

describe('commands', () => {
  const out = mkdtempSync(join(tmpdir(), 'k8s-anatomy-test-'));
  const file = (name: string) => vscode.Uri.file(join(out, name));

  before(async () => {
    await testingApi();
    await setUserSetting('kubeconfig', NO_KUBECONFIG);
  });

  after(async () => {
    await setUserSetting('kubeconfig', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Switch Context without a kubeconfig says so instead of failing', async () => {
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.switchContext', 'any'), 'no-kubeconfig');
  });

  it('Refresh on the (missing) kubeconfig ends in the no-kubeconfig state, with the samples offered', async () => {
    const testing = await testingApi();
    const outcome = await vscode.commands.executeCommand('k8sAnatomy.refresh');
    const snapshot = testing.snapshot();
    if (snapshot?.choice.kind === 'sample') return; // an earlier run chose a sample for this workspace
    assert.equal(outcome, 'no-kubeconfig');
    assert.equal(snapshot?.status.kind, 'no-kubeconfig');
    if (snapshot?.status.kind === 'no-kubeconfig') assert.ok(snapshot.status.samples.length >= 5);
    assert.match(testing.statusBarText(), /no-kubeconfig$/);
  });

  it('Open Sample Cluster shows the sample, labelled as a sample, in the panel', async () => {
    const testing = await testingApi();
    await openSample('mixed-windows');
    const snapshot = testing.snapshot();
    assert.deepEqual(snapshot?.source, { kind: 'sample', name: 'mixed-windows' });
    assert.equal(snapshot?.status.kind, 'ready');
    assert.equal(snapshot?.diagnosis?.report.source?.kind, 'sample');
    assert.ok(testing.panel(), 'the panel is open');
    assert.match(testing.statusBarText(), /sample mixed-windows · not-ready for 1\.\d+$/);
  });

  it('Open Sample Cluster refuses a name that is not a sample', async () => {
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openSample', 'no-such-sample'), 'failed');
  });

  it('Open Panel opens (or reveals) the one panel', async () => {
    const testing = await testingApi();
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openPanel'), true);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openPanel'), true);
    assert.ok(testing.panel());
  });

  it('Refresh re-reads the sample', async () => {
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.refresh'), 'ok');
  });

  it('Export Topology writes Markdown with the mermaid source, and a self-contained HTML page', async () => {
    const md = await vscode.commands.executeCommand<string>('k8sAnatomy.exportTopology', 'markdown', file('topology.md'));
    assert.equal(md, file('topology.md').toString());
    assert.match(readFileSync(join(out, 'topology.md'), 'utf8'), /```mermaid\nflowchart TB\n/);
    await vscode.commands.executeCommand('k8sAnatomy.exportTopology', 'html', file('topology.html'));
    const html = readFileSync(join(out, 'topology.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<pre class="mermaid">/);
    assert.doesNotMatch(html, /<script[^>]+src=/, 'nothing loaded from outside the page');
  });

  it('Export Topology as SVG writes the panel\'s drawing', async () => {
    await vscode.commands.executeCommand('k8sAnatomy.openPanel');
    // The webview draws asynchronously; until it has, the export declines (with a warning).
    let written: unknown = null;
    for (let attempt = 0; attempt < 60 && !written; attempt++) {
      written = await vscode.commands.executeCommand('k8sAnatomy.exportTopology', 'svg', file('topology.svg'));
      if (!written) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(written, 'the panel handed over its drawing');
    const svg = readFileSync(join(out, 'topology.svg'), 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\n<svg[\s>]/);
    assert.match(svg, /kube-apiserver/);
    assert.doesNotMatch(svg, /<script/i);
  });

  it('Export Readiness Report writes Markdown, JSON (schemaVersion 1) and SARIF', async () => {
    await vscode.commands.executeCommand('k8sAnatomy.exportReport', 'markdown', file('report.md'));
    await vscode.commands.executeCommand('k8sAnatomy.exportReport', 'json', file('report.json'));
    await vscode.commands.executeCommand('k8sAnatomy.exportReport', 'sarif', file('report.sarif'));
    assert.match(readFileSync(join(out, 'report.md'), 'utf8'), /^# K8s Anatomy: (?:Dockershim readiness|Upgrade readiness for Kubernetes \d+\.\d+)\n/);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.verdict, 'not-ready');
    assert.deepEqual(json.source, { kind: 'sample', name: 'mixed-windows' });
    assert.equal(JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8')).version, '2.1.0');
  });

  it('Check Dockershim Readiness checks the sample and shows the report view', async () => {
    const testing = await testingApi();
    const result = await vscode.commands.executeCommand<{ verdict: string | null; outcome: string }>('k8sAnatomy.checkReadiness');
    assert.equal(result?.outcome, 'ok');
    assert.equal(result?.verdict, 'not-ready');
    const html = await waitFor('the report view', () => testing.reportHtml());
    assert.match(html, /not ready/);
    assert.match(html, /win-worker-1/);
    assert.match(html, /Deployment\/ci\/ci-runner/);
    assert.doesNotMatch(html, /<script/i);
    assert.equal(testing.reportTitle(), 'Dockershim readiness');
  });

  it('Check Dockershim Readiness judges only the dockershim rules; Check Upgrade Readiness judges every family for the target given, and the status bar and export follow it', async () => {
    const testing = await testingApi();
    await openSample('eks-1.33-2026');
    const dockershim = await vscode.commands.executeCommand<{ verdict: string | null; outcome: string; target: string | null }>('k8sAnatomy.checkReadiness');
    assert.equal(dockershim?.outcome, 'ok');
    assert.equal(dockershim?.target, '1.34', 'the default target: the next minor after v1.33');
    assert.equal(testing.reportTitle(), 'Dockershim readiness');
    const shimHtml = testing.reportHtml() ?? '';
    assert.match(shimHtml, /<td>dockershim<\/td>/);
    assert.doesNotMatch(shimHtml, /<code>(?:cgroup-v1|containerd-v1-end|containerd-eol)<\/code>/);
    await vscode.commands.executeCommand('k8sAnatomy.exportReport', 'json', file('dockershim.json'));
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'dockershim.json'), 'utf8')).families, ['dockershim'], 'export follows the report view');

    const upgrade = await vscode.commands.executeCommand<{ verdict: string | null; outcome: string; target: string | null }>('k8sAnatomy.checkUpgradeReadiness', '1.36');
    assert.equal(upgrade?.outcome, 'ok');
    assert.equal(upgrade?.target, '1.36');
    assert.equal(upgrade?.verdict, 'not-ready');
    assert.equal(testing.reportTitle(), 'Upgrade readiness for Kubernetes 1.36');
    const html = testing.reportHtml() ?? '';
    assert.match(html, /<code>containerd-v1-end<\/code>/);
    assert.match(html, /<code>cgroup-v1<\/code>/);
    assert.match(html, /<code>containerd-eol<\/code>/, 'the extension passes today\'s date');
    assert.equal(testing.snapshot()?.diagnosis?.report.target, '1.36', 'the panel follows the chosen target');
    assert.match(testing.statusBarText(), /sample eks-1\.33-2026 · not-ready for 1\.36$/);
    await vscode.commands.executeCommand('k8sAnatomy.exportReport', 'json', file('upgrade.json'));
    const json = JSON.parse(readFileSync(join(out, 'upgrade.json'), 'utf8'));
    assert.equal(json.target, '1.36');
    assert.deepEqual(json.families, ['dockershim', 'runtime', 'cgroup', 'kubelet', 'features']);
    assert.ok(json.nodes.some((n: { cgroup?: { version: number | null } }) => n.cgroup?.version === 1));

    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.checkUpgradeReadiness', '9.99'), null, 'a target outside the list is refused');
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.checkUpgradeReadiness', '1.33'), null, 'the server\'s own minor is not an upgrade target');
    assert.equal(testing.snapshot()?.diagnosis?.report.target, '1.36');
    await openSample('mixed-windows');
    assert.notEqual(testing.snapshot()?.diagnosis?.report.target, '1.36', 'another source drops the chosen target');
  });

  it('the report\'s "Open YAML" opens a read-only copy of an affected object; anything else is refused', async () => {
    const ref = { kind: 'Deployment', namespace: 'ci', name: 'ci-runner' };
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openObject', ref), true);
    const editor = await waitFor('the object editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'k8s-anatomy'));
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(editor.document.getText(), /kind: Deployment/);
    assert.match(editor.document.getText(), /\/var\/run\/docker\.sock/);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openObject', { kind: 'Secret', namespace: 'kube-system', name: 'admin-token' }), false);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.openObject', 'not an object'), false);
  });

  it('revealFinding only goes to lines that hold a workspace finding', async () => {
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.revealFinding', { uri: 'file:///etc/passwd', line: 1 }), false);
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.revealFinding', 'nope'), false);
  });

  it('Show Log shows the output channel', async () => {
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.showLog'), true);
  });
});
