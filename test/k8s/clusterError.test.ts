// isClusterError recognises a ClusterError thrown by another copy of src/k8s/errors.ts (the
// extension's session bundle carries its own), and nothing else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterError, isClusterError } from '../../src/k8s/errors';

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
