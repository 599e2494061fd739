// Harness server for the panel's browser half: serves dist/webview (build it first with
// `node esbuild.mjs`), the page of harness.html with the host's exact CSP, and a fake host fed with
// models the real core builds from the samples.
//
//   npx tsx webview/dev/serve.mjs [port]
//   open http://127.0.0.1:PORT/?scenario=ready&theme=dark&sample=mixed-windows
//
// Query: scenario (see SCENARIOS), theme (dark|light|hc|hcl), sample, select (an anatomy node id,
// restored as saved UI state), view (diagram|table), zoom, bar=0 (hide the report line).

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grownObjects, hostileModel, sampleModel } from './models.mjs';
import { THEMES, themeStyle } from './themes.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '..', '..');
const port = Number(process.argv[2] ?? 0);

const SAMPLE_CHOICES = [
  { name: 'mixed-windows', title: 'Mixed Linux and Windows', description: 'kubeadm 1.23: containerd on Linux, a Windows worker still on dockershim.' },
  { name: 'kubeadm-1.23-ha', title: 'kubeadm HA 1.23', description: 'Three control-plane nodes behind haproxy + keepalived, Docker via dockershim.' },
  { name: 'eks-1.23-docker', title: 'Amazon EKS 1.23', description: 'A managed control plane; workers on Docker Engine.' },
];

const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Named scenarios: what the fake host sends after `ready`, and when (ms). */
function scenarioFor(name, query) {
  const sample = query.get('sample') ?? 'mixed-windows';
  const loading = { kind: 'loading', message: 'Reading nodes and kube-system pods…', pages: 3, objects: 1240 };
  const error = {
    kind: 'error', errorKind: 'unreachable', message: 'connect ECONNREFUSED 10.20.0.5:6443 (no answer from the API server)',
    advice: 'Check that the cluster is running and that you are on its network (VPN), or switch to another context.',
    context: 'kubernetes-admin@prod-eu', server: 'https://10.20.0.5:6443',
  };
  switch (name) {
    case 'loading': return { models: {}, steps: [{ at: 0, status: loading }] };
    case 'nokube': return { models: {}, steps: [{ at: 0, status: { kind: 'no-kubeconfig', message: 'There is no kubeconfig at ~/.kube/config and KUBECONFIG is not set.', samples: SAMPLE_CHOICES } }] };
    case 'error': return { models: {}, steps: [{ at: 0, status: error }] };
    case 'error-stale': return { models: { a: ['cluster', sample] }, steps: [{ at: 0, model: 'a' }, { at: 1500, status: error }] };
    case 'partial': return { models: { a: ['partial', sample] }, steps: [{ at: 0, model: 'a' }] };
    case 'hostile': return { models: { a: ['hostile'] }, steps: [{ at: 0, model: 'a' }, { at: 2500, clickKey: 'view-table' }, { at: 2600, mark: 'table shown' }].slice(0, query.get('view') === 'table' ? 3 : 1) };
    case 'hostile-details': return { models: { a: ['hostile'] }, steps: [{ at: 0, model: 'a' }] };
    case 'diagram-error': return { models: { a: ['broken', sample] }, steps: [{ at: 0, model: 'a' }] };
    case 'live': return {
      models: { a: ['live', sample], b: ['grown', sample] },
      steps: [{ at: 0, status: loading }, { at: 200, model: 'a' }, { at: 250, status: { kind: 'ready' } }, { at: 2500, scroll: [120, 40] },
        { at: 3500, status: { kind: 'ready' } }, { at: 3500, model: 'b' }, { at: 5000, mark: 'after live update' }],
    };
    case 'keyboard': return {
      models: { a: ['sample', sample] },
      steps: [{ at: 0, model: 'a' }, { at: 2000, focusNode: query.get('node') ?? 'n_api' }, { at: 2100, key: 'Enter' }, { at: 2300, mark: 'after Enter' },
        ...(query.get('close') ? [{ at: 2600, key: 'Escape' }, { at: 2800, mark: 'after Escape' }] : [])],
    };
    case 'theme-switch': return {
      models: { a: ['sample', sample] },
      steps: [{ at: 0, model: 'a' }, { at: 2500, theme: query.get('to') ?? 'light' }, { at: 4000, mark: `switched to ${query.get('to') ?? 'light'}` }],
    };
    case 'focus': return {
      models: { a: ['sample', sample] },
      steps: [{ at: 0, model: 'a' }, { at: 1500, focusNode: query.get('node') ?? 'n_api' }, { at: 1700, mark: 'focused a node' }],
    };
    case 'links': return {
      models: { a: ['sample', sample] },
      steps: [{ at: 0, model: 'a' }, { at: 1500, clickCss: '.details .link-list .link-button' }, { at: 1600, clickCss: '.finding .links .link-button' }, { at: 2000, mark: 'clicked two links' }],
    };
    case 'nokube-link': return {
      models: {},
      steps: [{ at: 0, status: { kind: 'no-kubeconfig', message: 'No kubeconfig.', samples: SAMPLE_CHOICES } }, { at: 500, clickCss: '.state-page .link-button' }, { at: 600, clickKey: 'sample-mixed-windows' }, { at: 800, mark: 'clicked docs + sample' }],
    };
    case 'requests': return {
      models: { a: ['sample', sample] }, failRequests: ['export'],
      steps: [{ at: 0, model: 'a' }, { at: 1500, clickKey: 'refresh' }, { at: 1600, clickKey: 'export' }, { at: 2500, mark: 'clicked refresh + export' }],
    };
    default: return { models: { a: ['sample', sample] }, steps: [{ at: 0, status: loading }, { at: 300, model: 'a' }, { at: 400, status: { kind: 'ready' } }] };
  }
}

async function buildModel([kind, sample]) {
  switch (kind) {
    case 'hostile': return hostileModel();
    case 'cluster': return sampleModel(sample, { asCluster: true, updatedAt: ago(3) });
    case 'live': return sampleModel(sample, { asCluster: true, live: true, updatedAt: ago(5) });
    case 'grown': return sampleModel(sample, { asCluster: true, live: true, extraObjects: grownObjects() });
    case 'broken': return { ...(await sampleModel(sample)), mermaid: 'flowchart TB\n  n_api[["unclosed label\n  n_api --> --> n_etcd' };
    case 'partial': {
      const model = await sampleModel(sample, { asCluster: true, live: true });
      const coverage = [
        { scope: 'pods in namespace team-a', reason: 'forbidden: your account may not list pods there (RBAC)' },
        { scope: 'pods in namespace team-b', reason: 'forbidden: your account may not list pods there (RBAC)' },
        { scope: 'runtimeclasses', reason: 'the node.k8s.io API is not served by this cluster' },
      ];
      return { ...model, coverage, report: { ...model.report, verdict: model.report.verdict === 'not-ready' ? 'not-ready' : 'unknown', coverage: { skipped: coverage } } };
    }
    default: return sampleModel(sample);
  }
}

async function scenarioScript(query) {
  const name = query.get('scenario') ?? 'ready';
  const { models: recipes, ...rest } = scenarioFor(name, query);
  const models = {};
  for (const [key, recipe] of Object.entries(recipes)) models[key] = await buildModel(recipe);
  const selected = query.get('select');
  const state = selected || query.get('view') || query.get('zoom')
    ? { selected: selected ?? null, zoom: Number(query.get('zoom') ?? 1), scrollX: 0, scrollY: 0, view: query.get('view') === 'table' && name !== 'hostile' ? 'table' : 'diagram' }
    : undefined;
  const scenario = { ...rest, state, bar: query.get('bar') !== '0' };
  return `window.__harness = ${JSON.stringify({ scenario, models, themes: THEMES })};\n`;
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.html': 'text/html' };

async function serveFile(res, base, relative) {
  const file = normalize(join(base, relative));
  if (!file.startsWith(base)) throw new Error('outside');
  const body = await readFile(file);
  res.writeHead(200, { 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const origin = `http://${req.headers.host}`;
  try {
    if (url.pathname === '/') {
      const theme = THEMES[url.searchParams.get('theme') ?? 'dark'] ? (url.searchParams.get('theme') ?? 'dark') : 'dark';
      const template = await readFile(join(here, 'harness.html'), 'utf8');
      const page = template
        .replaceAll('{{NONCE}}', randomBytes(18).toString('base64'))
        .replaceAll('{{CSP_SOURCE}}', origin)
        .replaceAll('{{THEME_STYLE}}', themeStyle(theme).replaceAll('"', '&quot;'))
        .replaceAll('{{BODY_CLASS}}', THEMES[theme].bodyClass)
        .replaceAll('{{THEME_KIND}}', THEMES[theme].bodyClass.split(' ').pop())
        .replaceAll('{{QUERY}}', url.searchParams.toString().replaceAll('&', '&amp;').replaceAll('"', '&quot;'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    } else if (url.pathname === '/dev/scenario.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await scenarioScript(url.searchParams));
    } else if (url.pathname === '/dev/fakeHost.js') {
      await serveFile(res, here, 'fakeHost.js');
    } else if (url.pathname.startsWith('/dist/webview/')) {
      await serveFile(res, join(root, 'dist', 'webview'), url.pathname.slice('/dist/webview/'.length));
    } else {
      res.writeHead(404).end();
    }
  } catch (error) {
    console.error(`${req.url}: ${error instanceof Error ? error.stack : error}`);
    if (!res.headersSent) res.writeHead(500).end();
  }
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`harness: http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/?scenario=ready&theme=dark`);
});
