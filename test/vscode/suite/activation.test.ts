// Activation: the extension activates, registers every command of the table, exposes its test
// hooks, and activation itself reads nothing (the status bar shows just the name until a command).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, EXTENSION_ID, INTERNAL_COMMANDS } from '../../../src/extension/constants';
import { testingApi } from './helpers';

describe('activation', () => {
  it('activates and exposes the testing API', async () => {
    const testing = await testingApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof testing.panel, 'function');
    assert.equal(testing.snapshot(), null, 'activation alone reads no cluster, sample or kubeconfig');
  });

  it('registers every palette and internal command', async () => {
    await testingApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of [...Object.values(COMMANDS), ...Object.values(INTERNAL_COMMANDS)]) assert.ok(registered.has(id), id);
  });

  it('contributes exactly the palette commands, in the K8s Anatomy category', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'K8s Anatomy'));
  });

  it('shows a status bar item that names the extension', async () => {
    const testing = await testingApi();
    assert.match(testing.statusBarText(), /^\$\(type-hierarchy\) /);
  });
});
