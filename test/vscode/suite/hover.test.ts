// The YAML hover inside VS Code: the provider answers on fixture YAML (multi-document files,
// kubeadm/kubelet configuration, Helm values) through vscode.executeHoverProvider, stays silent
// elsewhere, adds the live line once a source is shown, and parses a document once per version.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, openSample, testingApi } from './helpers';

async function hoverText(uri: vscode.Uri, needle: string, delta = 1, nth = 0): Promise<string | null> {
  const document = await vscode.workspace.openTextDocument(uri);
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = document.getText().indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `fixture has "${needle}"`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset + delta));
  const ours = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .filter((text) => /\*Status:\*/.test(text));
  return ours.length ? ours.join('\n') : null;
}

describe('YAML hover', () => {
  before(async () => {
    await testingApi();
  });

  it('explains runtimeClassName and the runtime a RuntimeClass value names', async () => {
    assert.match(await hoverText(fixture('manifests', 'agent.yaml'), 'runtimeClassName') ?? '', /\*\*RuntimeClass\*\*/);
    assert.match(await hoverText(fixture('manifests', 'agent.yaml'), 'gvisor', 2) ?? '', /gVisor/);
  });

  it('explains the endpoint flag and the runtime behind its socket', async () => {
    assert.match(await hoverText(fixture('manifests', 'agent.yaml'), '--container-runtime-endpoint', 4) ?? '', /endpoint/i);
    assert.match(await hoverText(fixture('manifests', 'agent.yaml'), 'containerd.sock', 3) ?? '', /\*\*containerd\*\*/);
  });

  it('says what breaks on a hostPath to the Docker socket', async () => {
    const text = await hoverText(fixture('manifests', 'agent.yaml'), 'path: /var/run/docker.sock', 12);
    assert.match(text ?? '', /\*\*Docker Engine \(dockerd\)\*\*/);
    assert.match(text ?? '', /\*\*Without it:\*\*/);
  });

  it('works in the third document of a multi-document file (RuntimeClass handler)', async () => {
    assert.match(await hoverText(fixture('manifests', 'agent.yaml'), 'kata-qemu', 2) ?? '', /Kata/);
  });

  it('explains kubeadm criSocket and the kubelet\'s containerRuntimeEndpoint', async () => {
    assert.match(await hoverText(fixture('kubeadm.yaml'), 'criSocket', 2) ?? '', /endpoint/i);
    assert.match(await hoverText(fixture('kubeadm.yaml'), 'cri-dockerd.sock', 3) ?? '', /cri-dockerd/);
    assert.match(await hoverText(fixture('kubeadm.yaml'), 'unix:///run/containerd', 10) ?? '', /\*\*containerd\*\*/);
  });

  it('explains runtime names in Helm values', async () => {
    assert.match(await hoverText(fixture('values.yaml'), 'crun', 1) ?? '', /\*\*crun\*\*/);
  });

  it('stays silent on unrelated keys and values, and outside YAML', async () => {
    assert.equal(await hoverText(fixture('manifests', 'agent.yaml'), 'namespace: logging', 2), null);
    assert.equal(await hoverText(fixture('manifests', 'agent.yaml'), 'example/log-agent:2.1.0', 3), null);
    assert.equal(await hoverText(fixture('notes.txt'), 'containerd', 2), null);
  });

  it('adds one line of live facts once a source is shown (here: a sample)', async () => {
    await openSample('mixed-windows');
    const text = await hoverText(fixture('manifests', 'agent.yaml'), 'containerd.sock', 3);
    assert.match(text ?? '', /\*Live \(sample mixed\\-windows\):\* 3 of 4 nodes run containerd/);
  });

  it('parses a document once per version, not once per hover', async () => {
    const testing = await testingApi();
    const uri = fixture('manifests', 'clean.yaml');
    await hoverText(uri, 'nginx', 1);
    const parses = testing.hoverParses();
    for (let i = 0; i < 20; i++) await hoverText(uri, i % 2 ? 'image' : 'nginx', 1);
    assert.equal(testing.hoverParses(), parses, 'no new parse while the document is unchanged');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# edited\n'));
    await hoverText(uri, 'nginx', 1);
    assert.equal(testing.hoverParses(), parses + 1, 'one parse for the new version');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(testing.hoverCacheSize() >= 1 && testing.hoverCacheSize() <= 8);
  });
});
