// k8sAnatomy.kubeletProbe turns the kubelet probe on; its deprecated old name k8sAnatomy.configz
// still does; anything but a real `true` leaves it off (it needs get nodes/proxy).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubeletProbeSetting, RECONNECT_SETTINGS } from '../../../src/extension/config/configValues';
import { SETTINGS } from '../../../src/extension/constants';

const ROWS: readonly [unknown, unknown, boolean][] = [
  [undefined, undefined, false],
  [true, undefined, true],
  [undefined, true, true],
  [false, true, true],
  [true, false, true],
  ['true', undefined, false],
  [1, 'yes', false],
];

for (const [probe, configz, expected] of ROWS) {
  test(`kubeletProbe=${JSON.stringify(probe)} configz=${JSON.stringify(configz)} → probe ${expected ? 'on' : 'off'}`, () => {
    assert.equal(kubeletProbeSetting(probe, configz), expected);
  });
}

test('changing either setting reconnects', () => {
  assert.ok(RECONNECT_SETTINGS.includes(SETTINGS.kubeletProbe));
  assert.ok(RECONNECT_SETTINGS.includes(SETTINGS.configz));
});
