// isClusterError recognises a ClusterError thrown by another copy of src/k8s/errors.ts (the
// extension's session bundle carries its own), and nothing else; and the advice table per surface.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterError, adviceFor, isClusterError, type ClusterErrorKind } from '../../src/k8s/errors';

test('isClusterError: our own ClusterError', () => {
  assert.equal(isClusterError(new ClusterError('unreachable', 'no route')), true);
});

test('isClusterError: a ClusterError made by another copy of the module (same global symbol, other class)', () => {
  class OtherCopy extends Error {
    readonly kind = 'forbidden';
    constructor() {
      super('denied');
      Object.defineProperty(this, Symbol.for('k8s-anatomy.ClusterError'), { value: true });
    }
  }
  const error: unknown = new OtherCopy();
  assert.equal(error instanceof ClusterError, false, 'instanceof alone misses it');
  assert.equal(isClusterError(error), true);
});

test('isClusterError: not for look-alikes', () => {
  const named = Object.assign(new Error('x'), { name: 'ClusterError', kind: 'unreachable' });
  for (const value of [named, { kind: 'unreachable', message: 'x' }, null, undefined, 'ClusterError', 42]) {
    assert.equal(isClusterError(value), false, String(value));
  }
});

// The one advice table: each surface names only its own controls (flags for the CLI, settings and
// Refresh for the editor), and every kind a user can meet has something to try.
const KINDS: readonly ClusterErrorKind[] = [
  'no-kubeconfig', 'bad-kubeconfig', 'unreachable', 'tls', 'auth-plugin', 'unauthorized', 'forbidden', 'not-found', 'expired',
  'too-many-requests', 'server-error', 'timeout',
];

test('advice: the editor wording never names a CLI flag or command, the CLI wording never says Refresh', () => {
  for (const kind of KINDS) {
    // kubectl commands (in backquotes) are advice for both surfaces; our own flags are not.
    assert.doesNotMatch(adviceFor(kind, 'editor').replace(/`[^`]*`/g, ''), /--[a-z]|k8s-anatomy check/, kind);
    assert.doesNotMatch(adviceFor(kind, 'cli'), /Refresh|k8sAnatomy\./, kind);
    assert.ok(adviceFor(kind, 'cli').length > 20 && adviceFor(kind, 'editor').length > 20, kind);
  }
  assert.equal(adviceFor('cancelled', 'cli'), '');
});

test('advice: the rows the surfaces word differently, and the ones they share', () => {
  const rows: [ClusterErrorKind, RegExp, RegExp][] = [
    ['no-kubeconfig', /--kubeconfig or KUBECONFIG/, /k8sAnatomy\.kubeconfig setting/],
    ['timeout', /raise --timeout/, /then Refresh/],
    ['expired', /run the check again\.$/, /\(Refresh reads it again\.\)$/],
    ['unauthorized', /log in again/, /log in again/],
  ];
  for (const [kind, cli, editor] of rows) {
    assert.match(adviceFor(kind, 'cli'), cli, kind);
    assert.match(adviceFor(kind, 'editor'), editor, kind);
  }
  assert.equal(adviceFor('forbidden', 'cli'), adviceFor('forbidden', 'editor'));
});
