// `k8s-anatomy topology --format html`: one self-contained page that works offline from file://.
// The mermaid library and a small start-up script are inlined (both with the nonce the strict CSP
// allows); the diagram source sits in <pre class="mermaid"> as escaped text, the way VS Code's own
// mermaid rendering does it; cluster facts, the legend, node pools, findings and the explanation of
// every component drawn follow as plain HTML.
//
// Rules this file keeps: no cluster data in any script; every string from the anatomy, the report
// or the knowledge base goes through escapeHtml; the only links are knowledge-base and rule-doc
// URLs that pass safeHttpsUrl, with rel="noopener noreferrer"; no external resources at all.

import type {
  Anatomy, AnatomyEdge, AnatomyNodeKind, Finding, KnowledgeEntry, Pool, ReadinessReport, Severity, Verdict,
} from '../model';
import { escapeHtml, safeHttpsUrl, truncate } from '../escape';
import { buildCsp, checkNonce, nonceSource, pageShell } from './page';
import { DIAGRAM_LAYOUT, runsOnLinks } from '../mermaid';
import {
  FIELD_MAX, PROSE_MAX, SEVERITIES, clusterFacts, describeVerdict, formatCount, groupBySeverity, plural, subjectLabel,
  summaryLine,
} from './text';

export interface TopologyPageInput {
  readonly title: string;
  /** Mermaid text for the diagram (cluster labels inside it are escaped for mermaid by its writer). */
  readonly mermaidSource: string;
  readonly anatomy: Anatomy;
  readonly report?: ReadinessReport;
  readonly knowledge: readonly KnowledgeEntry[];
  /** The text of dist/webview/mermaid-page.js (mermaid with ELK registered and inside: webview/mermaidBundle.ts). */
  readonly mermaidScript: string;
  /** A fresh random nonce (base64 or base64url, at least 16 characters) for the two inline scripts. */
  readonly nonce: string;
  /** When the page was made, as the caller wants it shown (e.g. an ISO timestamp). */
  readonly generatedAt: string;
}

/** The mermaid configuration: strict security, our size limit, SVG text labels (no HTML labels). */
const START_SCRIPT = `(function () {
  'use strict';
  var box = document.getElementById('diagram-error');
  var pre = document.querySelector('pre.mermaid');
  var source = pre ? pre.textContent : '';
  function fail(error) {
    var detail = error && error.message ? String(error.message) : String(error);
    box.textContent = 'The diagram could not be drawn: ' + detail;
    box.hidden = false;
  }
  if (!pre) return;
  if (typeof window.mermaid === 'undefined') { fail(new Error('the diagram library did not load')); return; }
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  // The page's own theme (mermaid's base theme fed our colours), light and dark; the severity
  // classes in the diagram source bring their own border colours and dash patterns.
  var THEMES = {
    light: { darkMode: false, background: '#ffffff', primaryColor: '#eef3f9', primaryBorderColor: '#5b7896', primaryTextColor: '#1f2328',
      secondaryColor: '#f7f9fb', tertiaryColor: '#f7f9fb', clusterBkg: '#f7f9fb', clusterBorder: '#a9b6c3', lineColor: '#59636e',
      textColor: '#1f2328', titleColor: '#1f2328', nodeTextColor: '#1f2328', edgeLabelBackground: '#ffffff' },
    dark: { darkMode: true, background: '#0d1117', primaryColor: '#1b2531', primaryBorderColor: '#7fa3c6', primaryTextColor: '#e6edf3',
      secondaryColor: '#131a22', tertiaryColor: '#131a22', clusterBkg: '#131a22', clusterBorder: '#4a5563', lineColor: '#9198a1',
      textColor: '#e6edf3', titleColor: '#e6edf3', nodeTextColor: '#e6edf3', edgeLabelBackground: '#0d1117' }
  };
  function draw() {
    box.hidden = true;
    box.textContent = '';
    pre.removeAttribute('data-processed');
    pre.textContent = source;
    try {
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: 'base',
        themeVariables: Object.assign({ fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', fontSize: '15px' }, media && media.matches ? THEMES.dark : THEMES.light),
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        // ELK, registered by the library's own script (mermaid silently uses dagre otherwise).
        layout: 'elk',
        elk: { nodePlacementStrategy: '${DIAGRAM_LAYOUT.elkNodePlacement}' },
        flowchart: { padding: ${DIAGRAM_LAYOUT.boxPadding}, wrappingWidth: ${DIAGRAM_LAYOUT.wrappingWidth} },
        maxTextSize: 50000,
        // HTML labels, so the #NNN; codes of escaped labels show as the characters they stand for;
        // every label is entity-encoded text (src/core/mermaid.ts), so the HTML holds no markup.
        htmlLabels: true
      });
      Promise.resolve(mermaid.run({ querySelector: 'pre.mermaid' })).catch(fail);
    } catch (error) {
      fail(error);
    }
  }
  draw();
  if (media && media.addEventListener) media.addEventListener('change', draw);
})();`;

/**
 * Script text made safe to inline in <script>…</script>: `</script` cannot end the element early,
 * and without `<!--` the HTML tokenizer never enters the (double-)escaped script states in which
 * our own closing tag would not count. `<\/` and `<\!` mean the same inside JS strings, templates
 * and (non-unicode) regular expressions, where these sequences occur in minified libraries.
 */
export function inlineScriptText(js: string): string {
  return String(js).replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function renderTopologyPage(input: TopologyPageInput): string {
  const nonce = checkNonce(input.nonce, 'renderTopologyPage');
  const { anatomy, report } = input;
  return pageShell({
    csp: topologyCsp(nonce),
    title: truncate(String(input.title ?? ''), FIELD_MAX),
    meta: [['color-scheme', 'light dark'], ['referrer', 'no-referrer']],
    head: `<style>${STYLE}</style>`,
    body: `<header class="page">
<h1>${html(input.title)}</h1>
<p class="muted">Generated ${html(input.generatedAt)} by K8s Anatomy.</p>
</header>
<main>
<section class="diagram" aria-label="Cluster anatomy diagram">
<pre class="mermaid">${escapeHtml(String(input.mermaidSource))}</pre>
<div id="diagram-error" class="diagram-error" role="alert" hidden></div>
</section>
${factsSection(anatomy, report)}
${legendSection(anatomy)}
${poolsSection(anatomy.pools)}
${report ? findingsSection(report.findings) : ''}
${explanationsSection(anatomy, input.knowledge)}
</main>
<script nonce="${nonce}">${inlineScriptText(input.mermaidScript)}</script>
<script nonce="${nonce}">${START_SCRIPT}</script>`,
  });
}

/** Only the two nonce'd inline scripts run; inline styles (mermaid's) and data: images and fonts. */
export function topologyCsp(nonce: string): string {
  return buildCsp([['default-src', "'none'"], ['script-src', nonceSource(nonce)], ['style-src', "'unsafe-inline'"], ['img-src', 'data:'], ['font-src', 'data:']]);
}

/** Any cluster or knowledge string as HTML text: capped, then escaped. */
function html(value: string, max = FIELD_MAX): string {
  return escapeHtml(truncate(String(value ?? ''), max));
}

const VERDICT_CLASS: Readonly<Record<Verdict, string>> = { ready: 'ok', 'not-ready': 'bad', unknown: 'unsure' };

function factsSection(anatomy: Anatomy, report: ReadinessReport | undefined): string {
  const rows = clusterFacts(anatomy.cluster).map(([k, v]) => `<dt>${html(k)}</dt><dd>${html(v)}</dd>`);
  const pools = anatomy.pools;
  const nodeCount = pools.reduce((sum, p) => sum + (Number.isFinite(p.nodeCount) ? p.nodeCount : 0), 0);
  rows.push(`<dt>Nodes</dt><dd>${formatCount(nodeCount)} in ${plural(pools.length, 'pool')}</dd>`);
  let verdict = '<p class="verdict none">Dockershim readiness was not checked.</p>';
  if (report) {
    const cls = VERDICT_CLASS[report.verdict] ?? VERDICT_CLASS.unknown;
    const gaps = report.coverage.skipped;
    verdict = `<p class="verdict ${cls}">Dockershim readiness: <strong>${html(describeVerdict(report.verdict))}</strong> · ${html(summaryLine(report.findings))}</p>`;
    if (report.target) rows.push(`<dt>Judged for</dt><dd>Kubernetes ${html(report.target)}</dd>`);
    if (gaps.length > 0) {
      verdict += `\n<p>Not checked:</p>\n<ul class="gaps">${gaps.map((g) => `<li><strong>${html(g.scope)}</strong>: ${html(g.reason, PROSE_MAX)}</li>`).join('')}</ul>`;
    }
  }
  return `<section class="facts">
<h2>Cluster</h2>
${verdict}
<dl>${rows.join('')}</dl>
</section>`;
}

const EDGE_TEXT: Readonly<Record<NonNullable<AnatomyEdge['style']>, string>> = {
  solid: 'a call down the runtime stack (CRI, Docker API, OCI) or between control-plane parts',
  dotted: 'a watch on the API server: the kubelets of the node band learn the pods to run, kube-proxy and DNS the Services',
  thick: 'load-balances the API servers',
};

const SEVERITY_TEXT: Readonly<Record<Severity, string>> = {
  error: 'thick red border: an error, blocks the upgrade past dockershim',
  warning: 'dashed amber border: a warning, needs a person to look',
  info: 'blue border: worth knowing',
};

/** The node shapes anatomyToMermaid draws (SHAPES in ../mermaid.ts); plain boxes are everything else. */
const SHAPE_TEXT: readonly (readonly [readonly AnatomyNodeKind[], string, string])[] = [
  [['kubelet'], 'stadium', 'rounded ends: the kubelet of a node pool'],
  [['api-server', 'pool'], 'subroutine', 'double-edged box: the API server (or the pools not drawn)'],
  [['etcd'], 'cylinder', 'cylinder: etcd, where the cluster state is stored'],
  [['ha-front'], 'hexagon', 'hexagon: the load balancer in front of the API servers'],
  [['oci-runtime', 'runtime-class'], 'slanted', 'slanted box: an OCI runtime or a RuntimeClass handler'],
];

function legendSection(anatomy: Anatomy): string {
  const kinds = new Set(anatomy.nodes.map((n) => n.kind));
  const shapes = SHAPE_TEXT.filter(([k]) => k.some((kind) => kinds.has(kind)))
    .map(([, shape, text]) => `<li><span class="shape ${shape}" aria-hidden="true"></span>${html(text)}</li>`);
  const styles = new Set(anatomy.edges.map((e) => e.style ?? 'solid'));
  const edges = (['solid', 'dotted', 'thick'] as const).filter((s) => styles.has(s))
    .map((s) => `<li><span class="edge ${s}" aria-hidden="true"></span>${html(EDGE_TEXT[s])}</li>`);
  if (runsOnLinks(anatomy).length > 0) {
    edges.push('<li><span class="edge runs-on" aria-hidden="true"></span>ends in a circle: from a RuntimeClass to each pool whose nodes load its handler (its pods can run there)</li>');
  }
  const marks = SEVERITIES.filter((s) => anatomy.nodes.some((n) => n.severity === s))
    .map((s) => `<li><span class="mark ${s}" aria-hidden="true"></span>${html(SEVERITY_TEXT[s])}</li>`);
  if (anatomy.pools.some((p) => p.severity === 'error')) {
    marks.push('<li><span class="mark error" aria-hidden="true"></span>✖ before a pool\'s title, in a thick red frame: the pool is blocked at the target version (its title names what blocks it)</li>');
  }
  if (anatomy.pools.some((p) => p.severity === 'warning')) {
    marks.push('<li><span class="mark warning" aria-hidden="true"></span>▲ before a pool\'s title, in a dashed amber frame: the pool is at risk at the target version</li>');
  }
  if (kinds.has('dockershim')) {
    marks.push('<li><span class="mark removed" aria-hidden="true"></span>pale red fill: dockershim, removed from the kubelet in Kubernetes 1.24</li>');
  }
  return `<section class="legend">
<h2>Legend</h2>
<p>Boxes group the control plane, each node pool (nodes with the same role, OS, runtime, runtime version and kubelet version, drawn once with its runtime stack from the kubelet down to the OCI runtime) and the cluster add-ons.</p>
<ul class="keys">${shapes.join('')}${edges.join('')}</ul>
${marks.length > 0 ? `<p>Components touched by findings are marked by the worst severity:</p>\n<ul class="keys">${marks.join('')}</ul>` : '<p>No component is marked by a finding.</p>'}
</section>`;
}

function poolsSection(pools: readonly Pool[]): string {
  if (pools.length === 0) return '<section class="pools">\n<h2>Node pools</h2>\n<p>No nodes were read.</p>\n</section>';
  const rows = pools.map((p) => {
    const runtime = p.runtimeVersion ? `${p.runtimeName} ${p.runtimeVersion}` : p.runtimeName;
    const more = p.nodeCount > p.sampleNodes.length ? ', …' : '';
    return `<tr><td class="num">${html(formatCount(p.nodeCount))}</td><td>${p.controlPlane ? 'control plane' : 'worker'}</td><td>${html(p.os)}</td>`
      + `<td><code>${html(runtime)}</code></td><td><code>${html(p.kubeletVersion)}</code></td><td>${html(p.dockerShim ?? '—')}</td>`
      + `<td>${p.sampleNodes.map((n) => `<code>${html(n)}</code>`).join(', ')}${more}</td></tr>`;
  });
  return `<section class="pools">
<h2>Node pools</h2>
<table>
<thead><tr><th class="num">Nodes</th><th>Role</th><th>OS</th><th>Runtime</th><th>Kubelet</th><th>Docker path</th><th>For example</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table>
</section>`;
}

function findingsSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<section class="findings">\n<h2>Findings</h2>\n<p>No findings.</p>\n</section>';
  const groups = groupBySeverity(findings);
  const rows = SEVERITIES.flatMap((s) => groups[s].map((f) =>
    `<tr><td><span class="dot ${s}" aria-hidden="true"></span>${s}</td><td><code>${html(f.rule)}</code></td>`
    + `<td><code>${html(subjectLabel(f.subject))}</code></td><td><code>${html(f.path)}</code></td>`
    + `<td>${html(f.message, PROSE_MAX)}<br><span class="muted">Fix: ${html(f.remediation, PROSE_MAX)}</span></td></tr>`));
  return `<section class="findings">
<h2>Findings</h2>
<table>
<thead><tr><th>Severity</th><th>Rule</th><th>Object</th><th>Field</th><th>What and how to fix</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table>
</section>`;
}

function explanationsSection(anatomy: Anatomy, knowledge: readonly KnowledgeEntry[]): string {
  const byKey = new Map(knowledge.map((k) => [k.key, k]));
  const keys = [...new Set(anatomy.nodes.map((n) => n.explain))];
  const entries = keys.map((k) => byKey.get(k)).filter((k): k is KnowledgeEntry => k !== undefined);
  if (entries.length === 0) return '';
  const articles = entries.map((k) => {
    const links = k.links
      .map((l) => ({ title: l.title, url: safeHttpsUrl(l.url) }))
      .filter((l): l is { title: string; url: string } => l.url !== null)
      .map((l) => `<li><a href="${escapeHtml(l.url)}" rel="noopener noreferrer" target="_blank">${html(l.title)}</a></li>`);
    return `<article>
<h3>${html(k.title)}</h3>
<p class="muted">${html(k.layer)} · ${html(k.status)}</p>
<p class="summary">${html(k.summary, PROSE_MAX)}</p>
${k.body.map((p) => `<p>${html(p, PROSE_MAX)}</p>`).join('\n')}
${links.length > 0 ? `<ul class="links">${links.join('')}</ul>` : ''}
</article>`;
  });
  return `<section class="explain">
<h2>What the parts are</h2>
${articles.join('\n')}
</section>`;
}

const STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0; --link: #0969da;
  --error: #d1242f; --warning: #9a6700; --info: #0969da; --ok: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d; --link: #4493f8;
    --error: #f85149; --warning: #d29922; --info: #4493f8; --ok: #3fb950;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, header.page { max-width: 1280px; margin: 0 auto; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05em; margin: 20px 0 4px; }
a { color: var(--link); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.92em; }
code { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
section.diagram { margin-top: 16px; padding: 16px; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; overflow: auto; }
pre.mermaid { margin: 0; white-space: pre-wrap; text-align: center; }
pre.mermaid svg { max-width: 100%; height: auto; }
.diagram-error { margin-top: 12px; padding: 8px 12px; border: 1px solid var(--error); border-radius: 6px; color: var(--error); white-space: pre-wrap; overflow-wrap: anywhere; }
.diagram-error[hidden] { display: none; }
.verdict { font-size: 1.1em; padding: 8px 12px; border-radius: 6px; border-left: 4px solid var(--border); background: var(--panel); }
.verdict.ok { border-left-color: var(--ok); }
.verdict.bad { border-left-color: var(--error); }
.verdict.unsure { border-left-color: var(--warning); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border: 1px solid var(--border); }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.keys { list-style: none; padding: 0; }
ul.keys li { margin: 4px 0; }
.dot { display: inline-block; width: 0.7em; height: 0.7em; margin-right: 6px; border-radius: 50%; }
.dot.error { background: var(--error); }
.dot.warning { background: var(--warning); }
.dot.info { background: var(--info); }
/* Severity marks as the diagram draws them (classDef sev_* and removed in ../mermaid.ts). */
.mark { display: inline-block; width: 40px; height: 18px; margin-right: 8px; vertical-align: middle; border: 1px solid var(--muted); background: var(--panel); }
.mark.error { border: 3px solid #d73a49; }
.mark.warning { border: 3px dashed #d29922; }
.mark.info { border: 2px solid #3b82f6; }
.mark.removed { background: #fdecea; }
.shape { display: inline-block; width: 40px; height: 18px; margin-right: 8px; vertical-align: middle; border: 1.5px solid var(--fg); }
.shape.stadium { border-radius: 9px; }
.shape.subroutine { border-left-width: 4px; border-right-width: 4px; border-left-style: double; border-right-style: double; }
.shape.cylinder { border-radius: 50% / 30%; }
.shape.hexagon { clip-path: polygon(20% 0, 80% 0, 100% 50%, 80% 100%, 20% 100%, 0 50%); background: var(--muted); border: 0; }
.shape.slanted { transform: skewX(-20deg); }
.edge { display: inline-block; width: 40px; margin-right: 8px; vertical-align: middle; border-top: 2px solid var(--fg); }
.edge.dotted { border-top-style: dotted; }
.edge.thick { border-top-width: 4px; }
.edge.runs-on { position: relative; }
.edge.runs-on::after { content: ''; position: absolute; right: -4px; top: -5px; width: 6px; height: 6px; border: 1.5px solid var(--fg); border-radius: 50%; background: var(--fg); }
section.explain article { padding: 4px 0 8px; border-bottom: 1px solid var(--border); }
section.explain article:last-child { border-bottom: 0; }
p.summary { font-weight: 600; }
/* Printed: A4 landscape, the diagram on its own first page, scaled to it; tables unclipped. */
@page { size: A4 landscape; margin: 12mm; }
@media print {
  :root { --fg: #000000; --muted: #444c56; --bg: #ffffff; --panel: #ffffff; --border: #8c959f; }
  body { padding: 0; font-size: 11pt; }
  main, header.page { max-width: none; }
  section.diagram { border: 0; padding: 0; break-after: page; }
  pre.mermaid svg { max-height: 170mm; width: auto; }
  table, tr, article { break-inside: avoid; }
  a { color: inherit; }
}
`;
