// The panel's host half: the locked-down page and webview options, the ready → status + model
// round-trip, and validation of every inbound message (a forged message cannot open arbitrary
// links or files, or load anything but a built-in sample). Messages are injected through the
// test hook exactly as webview.onDidReceiveMessage delivers them.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/protocol/messages';
import type { PanelTestHandle } from '../../../src/extension/panel/panelHost';
import { ROOT, openSample, testingApi, waitFor } from './helpers';

const isReply = (id: number) => (m: HostToWebview) => m.type === 'reply' && m.id === id;

describe('panel', () => {
  let panel: PanelTestHandle;
  const opened: string[] = [];
  let restoreOpener: ((uri: vscode.Uri) => Thenable<boolean>) | null = null;

  before(async () => {
    const testing = await testingApi();
    restoreOpener = testing.setOpenExternal(async (uri) => {
      opened.push(uri.toString(true));
      return true;
    });
    await openSample('k3s-ha');
    panel = await waitFor('the panel', () => testing.panel());
  });

  after(async () => {
    if (restoreOpener) (await testingApi()).setOpenExternal(restoreOpener);
  });

  it('is a k8sAnatomy.panel webview with scripts, resources from dist/webview only, not retained when hidden', () => {
    assert.equal(panel.panel.viewType, 'k8sAnatomy.panel');
    const options = panel.panel.webview.options;
    assert.equal(options.enableScripts, true);
    assert.ok(!options.enableCommandUris);
    assert.deepEqual(options.localResourceRoots?.map((u) => u.fsPath), [join(ROOT, 'dist', 'webview')]);
    assert.ok(!panel.panel.options.retainContextWhenHidden);
  });

  it('serves the shell page: strict CSP with a nonce, the module app only (it loads mermaid after `ready`), #app, no state', () => {
    const html = panel.html;
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    const source = panel.panel.webview.cspSource;
    const nonce = /'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp)?.[1] ?? '';
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}' ${source}; style-src ${source} 'unsafe-inline'; img-src ${source} data:; font-src ${source} data:; connect-src ${source}; worker-src blob:`);
    assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'one script element');
    assert.match(html, /<script type="module" nonce="[^"]+" src="[^"]+\/dist\/webview\/main\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="[^"]+\/dist\/webview\/main\.css">/);
    assert.match(html, /<div id="app"><\/div>/);
    assert.doesNotMatch(html, /k3s|flowchart|<script[^>]*>[^<]/, 'no cluster data and no inline script in the page');
  });

  it('answers ready with the status and the model', async () => {
    const status = panel.nextPosted((m) => m.type === 'status');
    const model = panel.nextPosted((m) => m.type === 'model');
    assert.deepEqual(await panel.receive({ type: 'ready' }), { accepted: true });
    assert.deepEqual(await status, { type: 'status', status: { kind: 'ready' } });
    const posted = await model;
    assert.equal(posted.type, 'model');
    if (posted.type === 'model') {
      assert.deepEqual(posted.model.source, { kind: 'sample', name: 'k3s-ha' });
      assert.match(posted.model.mermaid, /^flowchart TB/);
      assert.equal(posted.model.report.verdict, 'ready');
      assert.ok(posted.model.knowledge.some((k) => k.key === 'containerd'));
    }
    assert.equal(panel.isReady, true);
  });

  it('the webview app itself says ready (when the webview bundle is built)', async function () {
    if (!existsSync(join(ROOT, 'dist', 'webview', 'main.js'))) this.skip();
    // The real page loads in the webview and posts `ready`; the host answers with a model.
    await waitFor('the webview to say ready', () => panel.isReady, 30_000);
  });

  it('ignores messages that are not part of the protocol', async () => {
    const before = panel.posted.length;
    for (const forged of [
      'ready', null, [], { type: 'eval', code: 'x' }, { type: 'openLink', url: 'https://kubernetes.io/' },
      { type: 'openLink', id: 1, url: 'file:///etc/passwd' }, { type: 'openLink', id: 1, url: 'command:workbench.action.terminal.new' },
      { type: 'openSample', id: 2, name: '../../../etc/passwd' }, { type: 'export', id: 3, what: '/tmp/x' },
    ]) {
      assert.deepEqual(await panel.receive(forged), { accepted: false }, JSON.stringify(forged));
    }
    assert.equal(panel.posted.length, before, 'nothing was answered');
    assert.deepEqual(opened, []);
  });

  it('opens only documentation links K8s Anatomy ships', async () => {
    const refused = panel.nextPosted(isReply(10));
    await panel.receive({ type: 'openLink', id: 10, url: 'https://evil.example/phish' });
    assert.deepEqual(await refused, { type: 'reply', id: 10, ok: false, error: 'not a documentation link' });
    assert.deepEqual(opened, []);
    const url = 'https://kubernetes.io/docs/concepts/containers/runtime-class/';
    const accepted = panel.nextPosted(isReply(11));
    await panel.receive({ type: 'openLink', id: 11, url });
    assert.deepEqual(await accepted, { type: 'reply', id: 11, ok: true });
    assert.deepEqual(opened, [url]);
  });

  it('loads only built-in samples', async () => {
    const refused = panel.nextPosted(isReply(20));
    await panel.receive({ type: 'openSample', id: 20, name: 'not-a-sample' });
    assert.deepEqual(await refused, { type: 'reply', id: 20, ok: false, error: 'unknown sample' });
    const model = panel.nextPosted((m) => m.type === 'model' && m.model.source.name === 'gke-1.29');
    const accepted = panel.nextPosted(isReply(21));
    await panel.receive({ type: 'openSample', id: 21, name: 'gke-1.29' });
    assert.deepEqual(await accepted, { type: 'reply', id: 21, ok: true });
    await model;
  });

  it('judges for a target the webview picks, only one of the model\'s targets (webview input is untrusted)', async () => {
    const first = panel.nextPosted((m) => m.type === 'model' && m.model.source.name === 'eks-1.33-2026');
    await panel.receive({ type: 'openSample', id: 40, name: 'eks-1.33-2026' });
    const shown = await first;
    assert.ok(shown.type === 'model');
    assert.deepEqual(shown.model.targets?.map((t) => t.minor).slice(0, 3), ['1.34', '1.35', '1.36']);
    assert.equal(shown.model.targets?.[0]?.preselected, true);
    assert.equal(shown.model.report.target, '1.34');
    const legacy = shown.model.anatomy.pools.find((p) => p.runtimeVersion === '1.7.27');
    assert.equal(legacy?.severity, 'warning', 'at 1.34 the Amazon Linux 2 pool is at risk');

    for (const [id, target] of [[41, '1.33'], [42, '1.99']] as const) {
      const refused = panel.nextPosted(isReply(id));
      await panel.receive({ type: 'setTarget', id, target });
      assert.deepEqual(await refused, { type: 'reply', id, ok: false, error: 'not an upgrade target for this cluster' });
    }
    assert.deepEqual(await panel.receive({ type: 'setTarget', id: 43, target: '1.36<script>' }), { accepted: false });

    const judged = panel.nextPosted((m) => m.type === 'model' && m.model.report.target === '1.36');
    const accepted = panel.nextPosted(isReply(44));
    await panel.receive({ type: 'setTarget', id: 44, target: '1.36' });
    assert.deepEqual(await accepted, { type: 'reply', id: 44, ok: true });
    const at136 = await judged;
    assert.ok(at136.type === 'model');
    assert.equal(at136.model.report.targetReason, 'chosen in the panel');
    const blocked = at136.model.anatomy.pools.find((p) => p.runtimeVersion === '1.7.27');
    assert.equal(blocked?.severity, 'error');
    assert.deepEqual(blocked?.blockers?.map((b) => b.rule), ['cgroup-v1', 'kubelet-skew-target', 'containerd-v1-end']);
  });

  it('refresh re-reads and replies', async () => {
    const reply = panel.nextPosted(isReply(30));
    await panel.receive({ type: 'refresh', id: 30 });
    assert.deepEqual(await reply, { type: 'reply', id: 30, ok: true });
  });

  it('selected is UI state: accepted, nothing posted back', async () => {
    const before = panel.posted.length;
    assert.deepEqual(await panel.receive({ type: 'selected', nodeId: 'n_api' }), { accepted: true });
    assert.equal(panel.posted.length, before);
  });
});
