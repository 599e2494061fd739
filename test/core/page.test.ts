// The one page shell (src/core/render/page.ts) the panel, the readiness report and the topology
// page share: nonces are random, policies are built in order and refuse sources that would end a
// directive or the attribute, and the title is escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { buildCsp, checkNonce, createNonce, nonceSource, pageShell } from '../../src/core/render/page';

test('nonces are 16 random bytes in base64, different each time, and pass the nonce check', () => {
  const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
  assert.equal(nonces.size, 100);
  for (const n of nonces) {
    assert.equal(Buffer.from(n, 'base64').length, 16);
    assert.equal(checkNonce(n, 'test'), n);
  }
});

test('the nonce check refuses what could break out of the policy or an attribute, naming the page', () => {
  for (const nonce of ['', 'short', 'x'.repeat(15), "AAAAAAAAAAAAAAAAAAAAAA==' 'unsafe-inline", 'AAAAAAAAAAAAAAAAAAAAAA=="><script>', 42, null]) {
    assert.throws(() => checkNonce(nonce, 'reportHtml'), /^TypeError: reportHtml: the nonce must be base64/, JSON.stringify(nonce));
  }
});

test('buildCsp writes the directives in order, their sources joined by spaces', () => {
  const rows: [Parameters<typeof buildCsp>[0], string][] = [
    [[['default-src', "'none'"], ['style-src', nonceSource('AAAAAAAAAAAAAAAAAAAAAA=='), 'https://*.vscode-cdn.net']],
      "default-src 'none'; style-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' https://*.vscode-cdn.net"],
    [[['default-src', "'none'"], ['img-src', 'data:']], "default-src 'none'; img-src data:"],
  ];
  for (const [directives, expected] of rows) assert.equal(buildCsp(directives), expected);
});

test('buildCsp refuses a source that would add a directive, a source or end the attribute', () => {
  for (const source of ['x; script-src *', 'https://a.example https://b.example', 'x"', '<x>', '', 'a,b']) {
    assert.throws(() => buildCsp([['default-src', "'none'"], ['script-src', source]]), TypeError, JSON.stringify(source));
  }
});

test('pageShell escapes the title and places the policy, the meta lines, the head and the body', () => {
  const page = pageShell({
    csp: "default-src 'none'",
    title: 'kind-<b>&"dev"',
    meta: [['referrer', 'no-referrer']],
    head: '<style nonce="n">p{}</style>',
    body: '<main>hi</main>',
  });
  assert.equal(page, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>kind-&lt;b&gt;&amp;&quot;dev&quot;</title>
<style nonce="n">p{}</style>
</head>
<body>
<main>hi</main>
</body>
</html>
`);
  assert.throws(() => pageShell({ csp: 'default-src "x"', title: 't', head: '', body: '' }), TypeError);
  assert.throws(() => pageShell({ csp: "default-src 'none'", title: 't', meta: [['x', '"><script>']], head: '', body: '' }), TypeError);
});
