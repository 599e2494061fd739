// Harness only: a fake VS Code host for the panel page. It provides `acquireVsCodeApi`, answers
// requests, plays the scenario from scenario.js (statuses, models, theme switches, clicks and keys)
// after the page says `ready`, and keeps a report at the bottom of the page: the messages the
// panel posted, its saved UI state, CSP violations, `window.__pwned` (set only if a payload ran)
// and a scan of the page for anything that could execute.
(function () {
  'use strict';
  const harness = window.__harness;
  const scenario = harness.scenario;
  const posted = [];
  const violations = [];
  let state = scenario.state;
  let api = null;

  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI || '(inline)'}`));

  function send(message) {
    window.postMessage(JSON.parse(JSON.stringify(message)), '*');
  }

  function applyTheme(name) {
    const theme = harness.themes[name];
    const html = document.documentElement;
    html.removeAttribute('style');
    for (const [k, v] of Object.entries(theme.vars)) html.style.setProperty(`--vscode-${k}`, v);
    document.body.className = theme.bodyClass;
    document.body.setAttribute('data-vscode-theme-kind', theme.bodyClass.split(' ').pop());
  }

  function nodeElement(id) {
    return document.querySelector(`[data-anatomy-id="${id}"]`);
  }

  let modelSeq = 0;

  function run(step) {
    if (step.status) send({ type: 'status', status: step.status });
    if (step.model) send({ type: 'model', seq: ++modelSeq, model: harness.models[step.model] });
    if (step.theme) applyTheme(step.theme);
    if (step.focusNode) nodeElement(step.focusNode)?.focus();
    if (step.clickNode) nodeElement(step.clickNode)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    if (step.key) (document.activeElement || document.body).dispatchEvent(new KeyboardEvent('keydown', { key: step.key, bubbles: true, cancelable: true }));
    if (step.clickKey) document.querySelector(`[data-key="${step.clickKey}"]`)?.click();
    if (step.clickCss) document.querySelector(step.clickCss)?.click();
    if (step.scroll) {
      const vp = document.querySelector('.viewport');
      if (vp) { vp.scrollLeft = step.scroll[0]; vp.scrollTop = step.scroll[1]; }
    }
    if (step.mark) report(step.mark);
  }

  function onMessage(message) {
    posted.push(message);
    if (message.type === 'ready') {
      for (const step of scenario.steps) setTimeout(() => run(step), step.at);
    } else if (typeof message.id === 'number') {
      const fail = scenario.failRequests && scenario.failRequests.includes(message.type);
      setTimeout(() => send({ type: 'reply', id: message.id, ok: !fail, ...(fail ? { error: 'the harness was told to fail this request' } : {}) }), 50);
    }
    report();
  }

  window.acquireVsCodeApi = function () {
    if (api) throw new Error('acquireVsCodeApi may only be called once');
    api = {
      postMessage: onMessage,
      getState: () => state,
      setState: (s) => { state = s; },
    };
    return api;
  };

  const EXECUTABLE = new Set(['script', 'iframe', 'img', 'foreignobject', 'object', 'embed', 'a', 'frame', 'frameset', 'base', 'meta', 'link', 'form']);

  function scan() {
    const app = document.getElementById('app');
    const found = [];
    if (!app) return found;
    for (const el of app.querySelectorAll('*')) {
      const name = el.localName.toLowerCase();
      if (EXECUTABLE.has(name)) found.push(`<${name}>`);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${name}[${attr.name}]`);
        if (/(^|:)(href|src|srcdoc|action)$/i.test(attr.name) && !attr.value.startsWith('#')) found.push(`${name}[${attr.name}=${attr.value.slice(0, 40)}]`);
      }
    }
    // Anything mermaid or the app left in <body> besides #app and the report.
    for (const el of document.body.children) {
      if (el.id !== 'app' && el.id !== 'harness-report') found.push(`stray <${el.localName} id=${el.id}>`);
    }
    return found;
  }

  let mark = '';
  function report(newMark) {
    if (newMark) mark = newMark;
    let box = document.getElementById('harness-report');
    if (!box) {
      if (!document.body || scenario.bar === false) return;
      box = document.createElement('pre');
      box.id = 'harness-report';
      box.style.cssText = 'position:fixed;z-index:99;left:0;right:0;bottom:0;margin:0;padding:3px 8px;font:11px monospace;white-space:pre-wrap;background:#ffd;color:#000;border-top:1px solid #000;max-height:4.5em;overflow:hidden';
      document.body.appendChild(box);
    }
    const dangerous = scan();
    const summary = {
      mark,
      posted: posted.map((m) => (m.type === 'selected' ? `selected(${m.nodeId})` : m.type === 'openLink' ? `openLink(${m.url})` : m.type)),
      state,
      focused: document.activeElement ? `${document.activeElement.localName}${document.activeElement.id ? '#' + document.activeElement.id : ''}${document.activeElement.getAttribute && document.activeElement.getAttribute('data-anatomy-id') ? '[' + document.activeElement.getAttribute('data-anatomy-id') + ']' : ''}` : null,
      pwned: window.__pwned === undefined ? 'no' : String(window.__pwned),
      dangerous: dangerous.length ? dangerous.slice(0, 10) : 0,
      cspViolations: violations.length ? violations.slice(0, 5) : 0,
    };
    box.textContent = `harness ${JSON.stringify(summary)}`;
  }
  setInterval(report, 400);
})();
