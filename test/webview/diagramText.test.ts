// From mermaid's SVG back to the anatomy (webview/nodeIds.ts, webview/entities.ts): node <g> ids
// map to anatomy ids, and entity codes mermaid leaves in SVG text labels are shown as characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { anatomyIdFromDomId, mermaidIdIndex } from '../../webview/nodeIds';
import { decodeEntities, decodeEntityRuns } from '../../webview/entities';

const index = mermaidIdIndex([{ id: 'n_api' }, { id: 'pool_ff7523db_0' }, { id: 'pool_ff7523db_kubelet' }, { id: 'rc' }]);

test('node ids of mermaid 11 (and the older unprefixed form) map back to anatomy ids', () => {
  const rows: [string, string | null][] = [
    ['k8sa-svg-1-flowchart-n_api-0', 'n_api'],
    ['k8sa-svg-12-flowchart-pool_ff7523db_0-11', 'pool_ff7523db_0'],
    ['k8sa-svg-2-flowchart-pool_ff7523db_kubelet-10', 'pool_ff7523db_kubelet'],
    ['flowchart-n_api-3', 'n_api'],
    ['k8sa-svg-1-flowchart-x_rc-4', 'rc'], // mermaidId prefixes ids that could read as keywords
    ['k8sa-svg-1-flowchart-n_unknown-4', null],
    ['k8sa-svg-1-g_cp', null], // a subgraph, not a component
    ['k8sa-svg-1-L_n_sched_n_api_0', null], // an edge
    ['', null],
  ];
  for (const [domId, expected] of rows) assert.equal(anatomyIdFromDomId(domId, index), expected, domId);
});

test('decodeEntities shows the characters the core escaped for mermaid', () => {
  const rows: [string, string][] = [
    ['kubelet v1.24.0&#34;&#93;&#59; click', 'kubelet v1.24.0"]; click'],
    ['&#60;img src=x&#62;', '<img src=x>'],
    ['&#x22;quoted&#x22;', '"quoted"'],
    ['a &amp; b &lt;c&gt;', 'a & b <c>'],
    ['&#0; &#27; &#127; &#xD800;', '&#0; &#27; &#127; &#xD800;'], // controls and lone surrogates stay as written
    ['&bogus; & &#;', '&bogus; & &#;'],
    ['no entities at all', 'no entities at all'],
    // mermaid's stand-ins, left in subgraph titles drawn as SVG text
    ['embedded in the distributionfl°°39¶ßs server', 'embedded in the distribution\'s server'],
    ['fl°quot¶ßxfl°quot¶ß fl°°0¶ß', '"x" &#0;'],
  ];
  for (const [input, expected] of rows) assert.equal(decodeEntities(input), expected, input);
});

test('decodeEntityRuns finishes an entity that a wrapped label split over two lines', () => {
  assert.deepEqual(decodeEntityRuns(['pt&#62;window.__pwned=9&', '#60;/script&#62;']), ['pt>window.__pwned=9', '</script>']);
  assert.deepEqual(decodeEntityRuns(['x &#3', '4; y']), ['x ', '" y']);
  assert.deepEqual(decodeEntityRuns(['ends with &']), ['ends with &']);
  assert.deepEqual(decodeEntityRuns(['a &', 'b']), ['a ', '&b']);
  assert.deepEqual(decodeEntityRuns([]), []);
});
