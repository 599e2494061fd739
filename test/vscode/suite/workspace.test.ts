// Workspace manifests in the Problems panel: Check Dockershim Readiness diagnoses the workspace's
// YAML with the cluster's rules, on the exact line of the hostPath, with a link to the rule's
// documentation; saving a YAML file re-checks it; non-Kubernetes YAML gives nothing; the
// k8sAnatomy.workspaceScan.enabled setting turns it all off. The files are written into a fresh
// folder of whatever workspace is open (the fixtures under test-electron, a copy in code-server).

import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FIXTURES, openSample, setUserSetting, testingApi, waitFor } from './helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'K8s Anatomy');

describe('workspace problems', () => {
  let dir = '';
  const file = (name: string) => vscode.Uri.file(join(dir, name));

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') this.skip();
    dir = join(folder.uri.fsPath, `k8s-anatomy-test-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(FIXTURES, 'manifests', 'agent.yaml'), join(dir, 'agent.yaml'));
    copyFileSync(join(FIXTURES, 'manifests', 'clean.yaml'), join(dir, 'clean.yaml'));
    copyFileSync(join(FIXTURES, 'values.yaml'), join(dir, 'values.yaml'));
    copyFileSync(join(FIXTURES, 'kubeadm.yaml'), join(dir, 'kubeadm.yaml'));
    await testingApi();
    await setUserSetting('workspaceScan.enabled', true);
    await openSample('mixed-windows');
    await vscode.commands.executeCommand('k8sAnatomy.checkReadiness');
  });

  after(async () => {
    await setUserSetting('workspaceScan.enabled', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('puts the Docker socket mount on the line of its hostPath path, linked to the rule\'s documentation', async () => {
    const uri = file('agent.yaml');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const line = text.slice(0, text.indexOf('path: /var/run/docker.sock')).split('\n').length - 1;
    const diagnostics = await waitFor('diagnostics for agent.yaml', () => ours(uri).length ? ours(uri) : null);
    const socket = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'docker-socket-mount');
    assert.ok(socket, diagnostics.map((d) => JSON.stringify(d.code)).join(', '));
    assert.equal(socket.range.start.line, line);
    assert.equal(socket.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof socket.code === 'object' && socket.code.target.scheme === 'https');
  });

  it('lists the workspace findings in the report view, linked to their lines', async () => {
    const testing = await testingApi();
    const html = await waitFor('the report view', () => testing.reportHtml());
    assert.match(html, /Workspace manifests \(\d+ YAML files? scanned\)/);
    assert.match(html, /agent\.yaml:\d+/);
    const link = /href="command:k8sAnatomy\.revealFinding\?([^"]+)"/.exec(html)?.[1];
    assert.ok(link);
    const [location] = JSON.parse(decodeURIComponent(link.replace(/&amp;/g, '&'))) as [{ uri: string; line: number }];
    assert.equal(await vscode.commands.executeCommand('k8sAnatomy.revealFinding', location), true);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, location.line - 1);
  });

  it('leaves clean manifests and non-Kubernetes YAML alone', () => {
    assert.deepEqual(ours(file('clean.yaml')), []);
    assert.deepEqual(ours(file('values.yaml')), []);
    assert.deepEqual(ours(file('kubeadm.yaml')), []);
  });

  it('re-checks a YAML file when it is saved', async () => {
    const uri = file('saved.yaml');
    writeFileSync(uri.fsPath, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{ name: c, image: x }]\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.deepEqual(ours(uri), []);
    await editor.edit((edit) => edit.insert(new vscode.Position(6, 0), '  volumes:\n    - name: shim\n      hostPath:\n        path: /var/run/dockershim.sock\n'));
    await editor.document.save();
    const diagnostics = await waitFor('diagnostics after save', () => ours(uri).length ? ours(uri) : null);
    assert.equal(diagnostics[0]?.range.start.line, 9);
    assert.ok(typeof diagnostics[0]?.code === 'object' && diagnostics[0].code.value === 'dockershim-socket-mount');
  });

  it('clears everything when workspace scanning is turned off', async () => {
    await setUserSetting('workspaceScan.enabled', false);
    await waitFor('problems to clear', () => ours(file('agent.yaml')).length === 0 && ours(file('saved.yaml')).length === 0);
  });
});
