// Load (issue 7): the K8s Anatomy panel open in a real VS Code (code-server + Chromium) on a live
// simulator cluster while a steady stream of node and pod changes flows, 50 events per second.
// Memory must stay flat and the diagram current.
//
//   npm test / npm run test:e2e   a short run: 10 s of changes on a 200-node cluster (after e2e.test.ts)
//   npm run soak:panel   SOAK_SECONDS (default 600) of changes on a 1,000-node / 30,000-pod cluster;
//                        K8S_ANATOMY_SOAK_SCALE=nodes=N,pods=M picks another size
//
// The stream (store calls on the in-process simulator, so each is one watch event): every other
// event is a Node change — one of 30 `soak-node-*` workers is created (on one of three runtimes no
// scale pool has, so each makes a pool of its own), deleted, moved to another runtime, or gets a
// heartbeat — and the others are Pod changes in kube-system (the namespace the panel watches):
// `soak-agent-*` pods created, relabelled or deleted.
//
// Sampled throughout: the renderer's V8 heap after a forced GC (CDP HeapProfiler.collectGarbage +
// Runtime.getHeapUsage; the webview is same-origin with the workbench, so they share one isolate),
// performance.memory in the webview, DOM counters, the webview's element and SVG element counts,
// the extension host's heap after a forced GC (through its inspector) and RSS, and what the diagram
// says about the nodes. lib/perf.ts timestamps every model message on its way (built by the host →
// forwarded by the webview's outer frame → handled by the panel) and every mermaid render.
//
// Tests:
//   9.  the stream kept its rate; the renderer's heap and the webview's DOM stay flat; the panel kept drawing
//   9b. the extension host's memory stays flat during the stream
//   9c. within 2 s of the last event the diagram shows the final cluster (its node count, its set
//       of pools), and keeps showing it; in the short run on a loaded machine, within two draw
//       cycles measured in the same run (settleLimitMs), and at most two models after the last event
// (9b and 9c failed before the host kept one model in flight: src/extension/panel/modelFlow.ts.)

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Browser, Frame } from 'playwright-core';
import { MAX_DRAWN_POOLS } from '../../src/core/anatomy';
import { startSimulator, type RunningSimulator } from '../sim/src/server';
import { resultPath, runStep, writeConsole, type LogSource } from './lib/artifacts';
import { startCodeServer, type CodeServer, type Tools } from './lib/codeServer';
import {
  ExtensionHostHeap, extensionHostPids, instrumentedPanel, lastModelBytes, launchPerfBrowser, openTimedWorkbench, panelCounts, RendererHeap, rssMiB, slope,
  startTrack, summarise, textTable, timeline, workerNode, type ExtensionHostHeapSample, type HeapSample, type PanelCounts, type Summary, type WebviewTimeline,
} from './lib/perf';
import { stopAll, waitFor } from './lib/processes';
import type { Workbench } from './lib/workbench';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the soak with \`npm run soak:panel\` or \`npm run test:e2e\` (test/e2e/run.mjs)`);
  return value;
}

const TOOLS = JSON.parse(required('K8S_ANATOMY_E2E_TOOLS')) as Tools & { chromium: string };
const VSIX = required('K8S_ANATOMY_E2E_VSIX');
const RUN_DIR = required('K8S_ANATOMY_E2E_RUN_DIR');
const LONG = process.env['K8S_ANATOMY_E2E_MODE'] === 'soak';
const SECONDS = Number(process.env['K8S_ANATOMY_E2E_SOAK_SECONDS'] ?? 10);
const EVENTS_PER_SECOND = 50;
/** The diagram must show the cluster as it is within this long after the last change. */
const CURRENT_WITHIN_MS = 2_000;

function scale(): { nodes: number; pods: number } {
  const text = process.env['K8S_ANATOMY_SOAK_SCALE'] ?? (LONG ? 'nodes=1000,pods=30000' : 'nodes=200,pods=2000');
  const m = /^nodes=(\d+),pods=(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`K8S_ANATOMY_SOAK_SCALE="${text}": expected nodes=N,pods=M`);
  return { nodes: Number(m[1]), pods: Number(m[2]) };
}

const SCALE = scale();
/** One sample every this long while the stream flows (about ten per run; none in its last 3 s). */
const SAMPLE_EVERY_MS = Math.max(2_000, Math.min(15_000, Math.floor((SECONDS * 1000) / 10)));
/** The extension host (a forced GC through its inspector, and a Node process to ask) every this many stream samples. */
const HOST_SAMPLE_EVERY = LONG ? 4 : 2;
/** Samples in the first quarter of the stream (at least the first two seconds) are the warm-up. */
const WARMUP_MS = Math.max(SAMPLE_EVERY_MS, SECONDS * 250);
/** After the stream: the panel has settled once no model arrived for QUIET_MS; we wait at most SETTLE_LIMIT_MS. */
const QUIET_MS = 3_000;
const SETTLE_LIMIT_MS = LONG ? 180_000 : 15_000;

/** Growth allowed after the warm-up, in the renderer's heap after GC. */
const HEAP_GROWTH_LIMIT_MIB = 16;
/** …and in the extension host's heap after GC plus its memory outside the heap (ArrayBuffers). */
const HOST_GROWTH_LIMIT_MIB = 32;


// --- the stream ----------------------------------------------------------------------------------

const SOAK_RUNTIMES = [
  { runtime: 'containerd://1.8.0', label: 'containerd 1.8.0' },
  { runtime: 'containerd://1.8.1', label: 'containerd 1.8.1' },
  { runtime: 'cri-o://1.31.0', label: 'CRI-O 1.31.0' },
] as const;
/** The scale cluster's server version: no version-skew findings, so the webview's tables keep their size. */
const SOAK_KUBELET = 'v1.29.6';
const NODE_SLOTS = 30;
const POD_SLOTS = 40;

/** The cluster as the stream left it (the soak part). */
class SoakState {
  readonly nodes = new Map<string, number>(); // name → index into SOAK_RUNTIMES
  readonly pods = new Set<string>();
  events = 0;
  nodeEvents = 0;
  podEvents = 0;
  lastEventAt = 0;

  constructor(private readonly sim: RunningSimulator) {}

  /** The i-th event of the stream (deterministic). */
  apply(i: number): void {
    const store = this.sim.store;
    // A cheap, fixed permutation of the slots, so events hit different objects in turn.
    const pick = (slots: number) => (i * 7 + Math.floor(i / slots)) % slots;
    if (i % 2 === 0) {
      const name = `soak-node-${String(pick(NODE_SLOTS)).padStart(2, '0')}`;
      const runtime = this.nodes.get(name);
      if (runtime === undefined) {
        const r = i % SOAK_RUNTIMES.length;
        store.create(workerNode(name, SOAK_RUNTIMES[r]!.runtime, SOAK_KUBELET, `10.252.${Math.floor(i / 250) % 250}.${i % 250}`));
        this.nodes.set(name, r);
      } else if (i % 8 === 0) {
        store.delete('Node', undefined, name);
        this.nodes.delete(name);
      } else {
        const node = structuredClone(store.get('Node', undefined, name)) as { metadata: { labels: Record<string, string> }; status: { nodeInfo: Record<string, string>; conditions: Record<string, string>[] } };
        if (i % 8 === 2) {
          // Moves to another pool.
          const r = (runtime + 1) % SOAK_RUNTIMES.length;
          node.status.nodeInfo['containerRuntimeVersion'] = SOAK_RUNTIMES[r]!.runtime;
          this.nodes.set(name, r);
        } else {
          node.metadata.labels['soak.k8s-anatomy.dev/tick'] = String(i);
          for (const c of node.status.conditions) c['lastHeartbeatTime'] = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        }
        store.update(node);
      }
      this.nodeEvents++;
    } else {
      const name = `soak-agent-${String(pick(POD_SLOTS)).padStart(2, '0')}`;
      if (!this.pods.has(name)) {
        const onNode = [...this.nodes.keys()][i % Math.max(1, this.nodes.size)] ?? 'worker-00001';
        store.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: 'kube-system', labels: { app: 'soak-agent', tick: String(i) } },
          spec: { nodeName: onNode, containers: [{ name: 'agent', image: 'registry.example.com/soak/agent:1.0.0' }] },
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
        });
        this.pods.add(name);
      } else if (i % 3 === 0) {
        store.delete('Pod', 'kube-system', name);
        this.pods.delete(name);
      } else {
        const pod = structuredClone(store.get('Pod', 'kube-system', name)) as { metadata: { labels: Record<string, string> } };
        pod.metadata.labels['tick'] = String(i);
        store.update(pod);
      }
      this.podEvents++;
    }
    this.events++;
    this.lastEventAt = Date.now();
  }

  /** Which soak runtimes have nodes now. */
  runtimesInUse(): Set<number> {
    return new Set(this.nodes.values());
  }
}

// --- state ---------------------------------------------------------------------------------------

let sim: RunningSimulator | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let wb: Workbench | undefined;
let heap: RendererHeap | undefined;
const logSources: LogSource[] = [];
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

interface Sample {
  /** Seconds since the stream started (negative: before it). */
  readonly t: number;
  readonly phase: 'before' | 'stream' | 'after';
  readonly renderer: HeapSample;
  readonly panel: PanelCounts;
  readonly extensionHostRssMiB: number | null;
  /** The extension host's heap after a forced GC (null when not sampled this time or its inspector could not be used). */
  readonly extensionHost: ExtensionHostHeapSample | null;
  /** code-server's own process (the server between the browser and the extension host). */
  readonly codeServerRssMiB: number | null;
  /** Nodes in the cluster at the time (scale + soak). */
  readonly clusterNodes: number;
  readonly events: number;
}

/** What the soak found, for 9b and 9c (which run after it). */
const found = {
  samples: [] as Sample[],
  streamStart: 0,
  streamEnd: 0,
  wanted: [] as string[],
  unwanted: [] as string[],
  /** The diagram showed the final cluster from this long after the last event on (null: not within the settle limit). */
  currentAfterMs: null as number | null,
  settled: false,
  modelsAfterLastEvent: 0,
  lastModelAfterLastEventMs: null as number | null,
  /** Model built by the host → arrived in the webview, during the stream. */
  hostToPanel: null as Summary | null,
  /** One mermaid render, and the panel's handling of one message, during the stream. */
  render: null as Summary | null,
  handling: null as Summary | null,
};

/**
 * How long after the last event the final cluster may take to show. The goal is CURRENT_WITHIN_MS
 * (2 s), and the long soak (`npm run soak:panel`, run by hand on a quiet machine) asserts exactly that.
 * The short run inside `npm test` shares a 2-core machine with whatever else runs there, where one
 * mermaid render of the 200-node picture has taken from 0.3 s to 1.4 s; so it asserts the mechanism
 * instead, with this run's own costs. Flow control keeps one model in flight, so after the last
 * event the final model is built, waits for the model in flight to be shown (its whole cycle, in
 * the worst case: it may have been sent just before the last event), and then goes through its own
 * cycle. One cycle is at most this run's slowest model to arrive (built → arrived, which includes
 * waiting behind the one in flight) + its slowest render + its slowest message handling, so the
 * bound is two cycles. A panel that fell behind (a queue of models, as before modelFlow.ts) needs
 * many cycles; the models-after-the-last-event count (at most two) catches that directly.
 */
function settleLimitMs(): { limit: number; why: string } {
  if (LONG || !found.hostToPanel || !found.render || !found.handling) return { limit: CURRENT_WITHIN_MS, why: 'the goal' };
  const cycle = Math.round(found.hostToPanel.max + found.render.max + found.handling.max);
  return 2 * cycle <= CURRENT_WITHIN_MS
    ? { limit: CURRENT_WITHIN_MS, why: 'the goal' }
    : { limit: 2 * cycle, why: `two of this run's draw cycles: the one in flight, then the final model's; a cycle is the slowest model to arrive (${Math.round(found.hostToPanel.max)} ms) + the slowest render (${Math.round(found.render.max)} ms) + the slowest message handling (${Math.round(found.handling.max)} ms); over the ${CURRENT_WITHIN_MS} ms goal on this machine` };
}
/** Flow control: after the last event at most the model in flight and the newest one arrive. */
const MODELS_AFTER_LAST_EVENT_LIMIT = 2;

function step(name: string, body: () => Promise<void>): Promise<void> {
  return runStep(name, () => wb, logSources, body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x: number) => Math.round(x * 10) / 10;
/** Heap after GC plus memory outside it (ArrayBuffers, Buffers): what the extension host really holds. */
const hostMiB = (x: Sample) => (x.extensionHost ? x.extensionHost.usedMiB + x.extensionHost.externalMiB : null);
/** Floors, not single samples: a sample taken while mermaid renders holds that render's objects. */
const floor = (xs: readonly number[]) => (xs.length ? Math.min(...xs) : NaN);

/** Where the models waited during the stream: built by the host → forwarded by the outer webview frame → handled by the panel. */
function pipeline(t: WebviewTimeline, from: number, to: number) {
  const inStream = (at: number) => at > from && at <= to;
  // The i-th forward is the i-th arrival: same order, nothing dropped.
  const pairs = t.built.map(([arrived, built], i) => ({ arrived, built, forwarded: t.forwarded[i] ?? null })).filter((p) => inStream(p.arrived));
  const handled = t.handled.filter(([start]) => inStream(start));
  const renders = t.renders.filter(([start]) => inStream(start));
  const builtTimes = t.built.map(([, built]) => built).filter((b): b is number => b !== null && inStream(b));
  return {
    // Counted from the models that reached the panel by the end of the settling wait: a lower bound.
    modelsBuiltPerSecondAtLeast: round(builtTimes.length / ((to - from) / 1000)),
    modelsArrivedPerSecond: round(pairs.length / ((to - from) / 1000)),
    hostToPanelMs: summarise(pairs.flatMap((p) => (p.built === null ? [] : [p.arrived - p.built]))),
    hostToOuterFrameMs: summarise(pairs.flatMap((p) => (p.built === null || p.forwarded === null ? [] : [p.forwarded - p.built]))),
    outerFrameToPanelMs: summarise(pairs.flatMap((p) => (p.forwarded === null ? [] : [p.arrived - p.forwarded]))),
    panelHandlingMs: summarise(handled.map(([, ms]) => ms)),
    mermaidRenderMs: summarise(renders.map(([start, end]) => end - start)),
    // Share of the stream's wall time in message handling and mermaid renders (renders yield now
    // and then, so this is an upper bound of their main-thread time).
    panelBusyShare: round((handled.reduce((sum, [, ms]) => sum + ms, 0) + renders.reduce((sum, [start, end]) => sum + (end - start), 0)) / (to - from)),
  };
}

describe(`Load: the panel under ${EVENTS_PER_SECOND} node/pod changes per second (code-server + Chromium)`, { timeout: (SECONDS + 15 * 60) * 1000 }, () => {
  after(async () => {
    if (wb) writeConsole(resultPath(LONG ? `panel-soak-${stamp}-console.txt` : 'console-soak.txt'), wb.console);
    await heap?.detach();
    await wb?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await sim?.close().catch(() => undefined);
    await stopAll();
  });

  it(`9. Load: ${EVENTS_PER_SECOND} node/pod changes per second for ${SECONDS} s on a ${SCALE.nodes}-node cluster: the panel keeps drawing, its heap and DOM stay flat`, { timeout: (SECONDS + 10 * 60) * 1000 }, async () => {
    await step('9 soak', async () => {
      // Started here, not in a `before` hook, so a --grep that leaves this test out starts nothing.
      mkdirSync(RUN_DIR, { recursive: true });
      const s = (sim = await startSimulator({ scale: SCALE, kubeconfigOut: join(RUN_DIR, 'soak.kubeconfig') }));
      const folder = join(RUN_DIR, 'workspace-soak');
      mkdirSync(folder, { recursive: true });
      server = await startCodeServer({ tools: TOOLS, root: join(RUN_DIR, 'code-server-soak'), folder, env: { KUBECONFIG: s.kubeconfigPath }, install: [VSIX] });
      logSources.push({ name: 'soak', userDataDir: server.userDataDir, logFile: server.logFile });
      browser = await launchPerfBrowser(TOOLS.chromium);
      const w = (wb = await openTimedWorkbench(browser, server.workbenchUrl()));
      await w.runCommand('View: Close Primary Side Bar', 15_000);
      await w.runCommand('K8s Anatomy: Open Panel', 60_000);
      const frame: Frame = await instrumentedPanel(w, 60_000);
      await waitFor('the diagram of the cluster', 180_000, async () => (await panelCounts(frame)).nodesLabel?.nodes === SCALE.nodes, 200);
      const base = (await panelCounts(frame)).nodesLabel!;
      assert.ok(base.pools + SOAK_RUNTIMES.length <= MAX_DRAWN_POOLS, `every pool stays drawn (${base.pools} + ${SOAK_RUNTIMES.length} ≤ ${MAX_DRAWN_POOLS})`);
      heap = await RendererHeap.attach(w);
      const hostPids = extensionHostPids(server.process.child.pid!);
      assert.equal(hostPids.length, 1, `one extension host runs (${hostPids.join(', ')})`);
      const hostPid = hostPids[0]!;
      const hostHeap = await ExtensionHostHeap.attach(hostPid, TOOLS.nodeBin);
      if (!hostHeap) console.log('# the extension host inspector could not be used (port 9229 taken?): its heap is not sampled, only its RSS');

      const state = new SoakState(s);
      const samples = found.samples;
      let streamStart = Date.now();
      let streamSamples = 0;
      const takeSample = async (phase: Sample['phase']) => {
        const renderer = await heap!.sample();
        const panel = await panelCounts(frame);
        const withHost = phase !== 'stream' || streamSamples++ % HOST_SAMPLE_EVERY === HOST_SAMPLE_EVERY - 1;
        const host = hostHeap && withHost ? await hostHeap.sample() : null;
        samples.push({
          t: (Date.now() - streamStart) / 1000, phase, renderer, panel, extensionHostRssMiB: rssMiB(hostPid), extensionHost: host, codeServerRssMiB: rssMiB(server!.process.child.pid!),
          clusterNodes: SCALE.nodes + state.nodes.size, events: state.events,
        });
      };
      await w.page.waitForTimeout(2_000);
      await takeSample('before');

      // The stream: event i is due at streamStart + i × 20 ms; the sampler runs beside it.
      streamStart = Date.now();
      found.streamStart = streamStart;
      const total = SECONDS * EVENTS_PER_SECOND;
      const streamEndDue = streamStart + SECONDS * 1000;
      let streaming = true;
      let trackStarted = 0;
      const stream = (async () => {
        for (let i = 0; i < total; i++) {
          const due = streamStart + (i * 1000) / EVENTS_PER_SECOND;
          const wait = due - Date.now();
          if (wait > 0) await sleep(wait);
          state.apply(i);
        }
        streaming = false;
        // The final cluster, tracked in the page from right after the last event: the page notes
        // every moment its diagram starts or stops showing it.
        const inUse = state.runtimesInUse();
        found.wanted = [`Nodes · ${SCALE.nodes + state.nodes.size} in ${base.pools + inUse.size} pools`, ...[...inUse].map((r) => SOAK_RUNTIMES[r]!.label)];
        found.unwanted = SOAK_RUNTIMES.filter((_, r) => !inUse.has(r)).map((r) => r.label);
        trackStarted = Date.now();
        await startTrack(frame, 'final', found.wanted, found.unwanted);
      })();
      const sampler = (async () => {
        let next = streamStart + SAMPLE_EVERY_MS;
        // No sample in the stream's last 3 s: a forced GC then would delay the panel.
        while (streaming && next < streamEndDue - 3_000) {
          const wait = next - Date.now();
          if (wait > 0) await sleep(Math.min(wait, 200));
          if (!streaming) break;
          if (Date.now() < next) continue;
          next += SAMPLE_EVERY_MS;
          await takeSample('stream');
        }
      })();
      await Promise.all([stream, sampler]);
      const streamEnd = state.lastEventAt;
      found.streamEnd = streamEnd;
      const achievedRate = state.events / ((streamEnd - streamStart) / 1000);

      // Settle: no model for QUIET_MS (the host and the page have worked off what the stream caused), at most SETTLE_LIMIT_MS.
      let t = await timeline(frame);
      found.settled = await waitFor(`the panel to settle (no model for ${QUIET_MS} ms)`, SETTLE_LIMIT_MS, async () => {
        t = await timeline(frame);
        const lastModel = t.models[t.models.length - 1] ?? 0;
        return Date.now() - Math.max(lastModel, trackStarted) >= QUIET_MS;
      }, 250).then(() => true, () => false);
      t = await timeline(frame);
      const transitions = t.tracks['final'] ?? [];
      const last = transitions[transitions.length - 1];
      // Current from the last transition on (to the end of the settling wait), if that transition is "shows it".
      found.currentAfterMs = last?.[1] === true ? Math.max(0, last[0] - streamEnd) : null;
      const modelsAfter = t.built.filter(([arrived]) => arrived > streamEnd);
      found.modelsAfterLastEvent = modelsAfter.length;
      found.lastModelAfterLastEventMs = modelsAfter.length ? Math.round(modelsAfter[modelsAfter.length - 1]![0] - streamEnd) : null;
      const flow = pipeline(t, streamStart, streamEnd);
      found.hostToPanel = flow.hostToPanelMs;
      found.render = flow.mermaidRenderMs;
      found.handling = flow.panelHandlingMs;

      // Memory once the load is gone (or while what is queued still drains, if it did not settle).
      const pause = LONG ? 2_000 : 1_000;
      await w.page.waitForTimeout(pause);
      await takeSample('after');
      await w.page.waitForTimeout(pause);
      await takeSample('after');
      await w.screenshot(resultPath(LONG ? `panel-soak-${stamp}.png` : '09-soak.png'));

      // --- judge ---
      const during = samples.filter((x) => x.phase === 'stream');
      const warm = during.filter((x) => x.t * 1000 >= WARMUP_MS);
      const afterWarmup = warm.length ? warm : during.slice(-1);
      const baseline = floor(afterWarmup.slice(0, Math.max(1, Math.ceil(afterWarmup.length / 2))).map((x) => x.renderer.usedMiB));
      const endHeap = floor([...afterWarmup.slice(-Math.max(1, Math.floor(afterWarmup.length / 3))), ...samples.filter((x) => x.phase === 'after')].map((x) => x.renderer.usedMiB));
      const heapGrowth = endHeap - baseline;
      const heapSlopePerMin = slope(afterWarmup.map((x) => x.t / 60), afterWarmup.map((x) => x.renderer.usedMiB));
      const maxSvg = Math.max(...samples.map((x) => x.panel.svgElements));
      const initialSvg = samples[0]!.panel.svgElements;
      const maxElements = Math.max(...samples.map((x) => x.panel.elements));
      const initialElements = samples[0]!.panel.elements;
      const lastPanel = samples[samples.length - 1]!.panel;
      const redraws = lastPanel.svgsDrawn - samples[0]!.panel.svgsDrawn;
      const models = lastPanel.models - samples[0]!.panel.models;

      const summary = {
        cluster: SCALE,
        seconds: SECONDS,
        eventsPerSecond: { target: EVENTS_PER_SECOND, achieved: round(achievedRate) },
        events: { total: state.events, node: state.nodeEvents, pod: state.podEvents },
        final: { soakNodes: state.nodes.size, soakPools: state.runtimesInUse().size, soakPods: state.pods.size, wanted: found.wanted, unwanted: found.unwanted },
        settled: found.settled,
        currentAfterMs: found.currentAfterMs === null ? null : Math.round(found.currentAfterMs),
        currentWithinMs: CURRENT_WITHIN_MS,
        finalTransitions: transitions.map(([at, ok]) => [Math.round(at - streamEnd), ok]),
        modelsAfterLastEvent: found.modelsAfterLastEvent,
        lastModelAfterLastEventMs: found.lastModelAfterLastEventMs,
        pipelineDuringStream: flow,
        modelsDuringRun: models,
        redrawsDuringRun: redraws,
        modelMessageBytes: await lastModelBytes(frame),
        rendererHeapMiB: {
          before: round(samples[0]!.renderer.usedMiB),
          afterWarmup: round(baseline),
          end: round(endHeap),
          growthAfterWarmup: round(heapGrowth),
          slopePerMinute: round(heapSlopePerMin),
          limit: HEAP_GROWTH_LIMIT_MIB,
        },
        webviewElements: { initial: initialElements, max: maxElements, end: lastPanel.elements, tableEnd: lastPanel.tableElements, detailsEnd: lastPanel.detailsElements },
        svgElements: { initial: initialSvg, max: maxSvg, end: lastPanel.svgElements },
        extensionHostRssMiB: summarise(samples.map((x) => x.extensionHostRssMiB).filter((x): x is number => x !== null)),
        extensionHostHeapMiB: summarise(samples.map((x) => x.extensionHost?.usedMiB ?? null).filter((x): x is number => x !== null)),
        extensionHostArrayBuffersMiB: summarise(samples.map((x) => x.extensionHost?.arrayBuffersMiB ?? null).filter((x): x is number => x !== null)),
        samples,
        timeline: { streamStart, streamEnd, built: t.built, forwarded: t.forwarded, handled: t.handled, renders: t.renders, svgs: t.svgs },
      };
      const file = resultPath(LONG ? `panel-soak-${stamp}.json` : 'soak.json');
      writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
      const table = textTable([
        ['t (s)', 'phase', 'events', 'renderer heap after GC (MiB)', 'webview usedJSHeapSize (MiB)', 'DOM nodes (process)', 'webview elements', 'SVG elements', 'diagram: nodes', 'cluster: nodes', 'models', 'redraws', 'ext host heap after GC (MiB)', 'ext host ArrayBuffers (MiB)', 'ext host RSS (MiB)', 'code-server RSS (MiB)'],
        ...samples.map((x) => [
          x.t.toFixed(1), x.phase, String(x.events), x.renderer.usedMiB.toFixed(1), x.panel.usedJSHeapSize === null ? 'n/a' : (x.panel.usedJSHeapSize / 1048576).toFixed(1),
          String(x.renderer.domNodes), String(x.panel.elements), String(x.panel.svgElements), String(x.panel.nodesLabel?.nodes ?? '?'), String(x.clusterNodes),
          String(x.panel.models), String(x.panel.svgsDrawn), x.extensionHost ? x.extensionHost.usedMiB.toFixed(1) : '-', x.extensionHost ? x.extensionHost.arrayBuffersMiB.toFixed(1) : '-',
          x.extensionHostRssMiB === null ? 'n/a' : x.extensionHostRssMiB.toFixed(0), x.codeServerRssMiB === null ? 'n/a' : x.codeServerRssMiB.toFixed(0),
        ]),
      ]);
      writeFileSync(file.replace(/\.json$/, '.txt'), `${table}\n`);
      const ms = (x: Summary) => `median ${x.median.toFixed(0)} ms, max ${x.max.toFixed(0)} ms`;
      console.log(`\nsoak: ${state.events} events in ${((streamEnd - streamStart) / 1000).toFixed(1)} s (${achievedRate.toFixed(1)}/s) on ${SCALE.nodes} nodes / ${SCALE.pods} pods\n${table}\n`
        + `renderer heap after GC: ${summary.rendererHeapMiB.afterWarmup} MiB after the warm-up → ${summary.rendererHeapMiB.end} MiB at the end (${heapGrowth >= 0 ? '+' : ''}${summary.rendererHeapMiB.growthAfterWarmup} MiB)\n`
        + `during the stream: the host built at least ${flow.modelsBuiltPerSecondAtLeast} models/s, ${flow.modelsArrivedPerSecond}/s arrived in the panel; built → arrived ${ms(flow.hostToPanelMs)} `
        + `(built → outer webview frame ${ms(flow.hostToOuterFrameMs)}; outer frame → panel ${ms(flow.outerFrameToPanelMs)}); panel handling ${ms(flow.panelHandlingMs)} per message, `
        + `mermaid.render ${ms(flow.mermaidRenderMs)}; busy ${Math.round(flow.panelBusyShare * 100)}% of the stream\n`
        + `after the last event: ${found.modelsAfterLastEvent} more models arrived, the last ${found.lastModelAfterLastEventMs ?? '-'} ms after it; `
        + `${found.currentAfterMs === null ? `the diagram did not show the final cluster for good within ${SETTLE_LIMIT_MS / 1000} s` : `the diagram showed the final cluster for good ${Math.round(found.currentAfterMs)} ms after it`}\nraw numbers: ${file}`);

      assert.ok(achievedRate >= EVENTS_PER_SECOND * 0.9, `the stream kept its rate: ${achievedRate.toFixed(1)} events/s`);
      assert.ok(models >= Math.max(2, SECONDS / 5), `the panel kept receiving models during the run (${models} in ${SECONDS} s)`);
      assert.ok(redraws >= Math.max(2, SECONDS / 10), `the diagram kept being redrawn during the run (${redraws} in ${SECONDS} s)`);
      assert.ok(heapGrowth <= HEAP_GROWTH_LIMIT_MIB, `the renderer's heap after GC grew ${heapGrowth.toFixed(1)} MiB after the warm-up (limit ${HEAP_GROWTH_LIMIT_MIB} MiB)`);
      assert.ok(maxSvg <= initialSvg * 1.5 + 200, `the SVG stays the size of the pools: at most ${maxSvg} elements (initial ${initialSvg})`);
      assert.ok(maxElements <= initialElements * 1.25 + 100, `the webview's DOM stays bounded: at most ${maxElements} elements (initial ${initialElements})`);
      assert.ok(lastPanel.strayMermaidElements <= samples[0]!.panel.strayMermaidElements, `no temporary mermaid elements left in the page (${lastPanel.strayMermaidElements} beside #app, ${samples[0]!.panel.strayMermaidElements} at the start)`);
    });
  });

  it(`9b. Load: the extension host's memory stays flat during the stream (heap after GC + ArrayBuffers, at most ${HOST_GROWTH_LIMIT_MIB} MiB of growth after the warm-up)`, () => {
    const measured = found.samples.filter((x) => hostMiB(x) !== null);
    const before = measured.filter((x) => x.phase === 'before');
    const during = measured.filter((x) => x.phase === 'stream');
    assert.ok(before.length > 0 && during.length > 0, 'the extension host was sampled through its inspector (port 9229 free) before and during the stream');
    const warm = during.filter((x) => x.t * 1000 >= WARMUP_MS);
    // Long runs: the floor of the first half after the warm-up; short ones (one sample after it): before the stream.
    const baseline = warm.length >= 2 ? floor(warm.slice(0, Math.ceil(warm.length / 2)).map((x) => hostMiB(x)!)) : hostMiB(before[0]!)!;
    const top = during[during.length - 1]!;
    const grown = hostMiB(top)! - baseline;
    assert.ok(grown <= HOST_GROWTH_LIMIT_MIB, `the extension host grew ${grown.toFixed(1)} MiB during the stream (${baseline.toFixed(1)} → ${hostMiB(top)!.toFixed(1)} MiB at ${top.t.toFixed(0)} s; `
      + `heap ${top.extensionHost!.usedMiB.toFixed(1)} MiB, ArrayBuffers ${top.extensionHost!.arrayBuffersMiB.toFixed(1)} MiB)`);
  });

  it(`9c. Load: within ${CURRENT_WITHIN_MS} ms of the last event (or, on a loaded machine, two draw cycles of this run: the one in flight and the final model's) the diagram shows the final node count and set of pools, and keeps showing them`, () => {
    assert.ok(found.streamEnd > 0, 'the stream ran');
    const lag = found.hostToPanel ? ` During the stream, models reached the panel ${found.hostToPanel.median.toFixed(0)} ms (median; max ${found.hostToPanel.max.toFixed(0)} ms) after the host built them.` : '';
    assert.ok(found.currentAfterMs !== null, `within ${SETTLE_LIMIT_MS / 1000} s of the last event the diagram did not settle on ${JSON.stringify(found.wanted)} without ${JSON.stringify(found.unwanted)}; `
      + `${found.modelsAfterLastEvent} models arrived after the last event.${lag}`);
    assert.ok(found.modelsAfterLastEvent <= MODELS_AFTER_LAST_EVENT_LIMIT, `${found.modelsAfterLastEvent} models arrived after the last event (at most ${MODELS_AFTER_LAST_EVENT_LIMIT}: the one in flight and the newest); the panel was behind.${lag}`);
    const { limit, why } = settleLimitMs();
    console.log(`9c: the diagram showed the final cluster for good ${Math.round(found.currentAfterMs)} ms after the last event; limit ${limit} ms (${why})`);
    assert.ok(found.currentAfterMs <= limit, `the diagram showed the final cluster for good ${Math.round(found.currentAfterMs)} ms after the last event (limit ${limit} ms: ${why}); `
      + `${found.modelsAfterLastEvent} models arrived after the last event, the last ${found.lastModelAfterLastEventMs} ms after it.${lag}`);
  });
});
