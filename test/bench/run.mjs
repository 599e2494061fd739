// `npm run bench`: K8s Anatomy against peers on the same simulated cluster, interleaved, after a
// warm-up. Wall time and peak RSS come from the OS (/usr/bin/time -v). Prints medians with
// min–max and the ratios, and writes the raw numbers to test-results/bench/.
//
//   npm run bench                                   500 nodes / 15,000 pods, 3 runs (about a minute)
//   npm run bench -- --nodes 5000 --pods 150000     Kubernetes' scalability envelope
//   npm run bench -- --growth                       500/15k, 1,500/45k, 5,000/150k: cost per size
//   npm run bench -- --panel                        also the panel rows: test/e2e/run.mjs --perf
//                                                   (`npm run bench:panel`, code-server, about 5 min)
//   options: --runs N (default 3), --no-kubectl (skip the kubectl pair; it is the slow one),
//            --no-warmup (at 150,000 pods one kubectl run takes minutes and 15-19 GiB),
//            --probe-nodes N / --probe-pods M (the kubelet-probe rows: default 5,000 nodes,
//            15,000 pods of the 2026 scale profile), --no-probe (skip them)
// Every run also packages the .vsix (its size is a row) and runs the hover micro-benchmark
// (test/bench/hover.bench.ts, a few seconds: the hover p99 row).
//
//   npm run bench -- --fleet                        only the fleet rows: 20 simulated clusters of
//                                                   500 nodes / 15,000 pods, one kubeconfig; each
//                                                   cluster checked alone, then all of them with
//                                                   `check --all-contexts`: fleet wall against the sum
//                                                   of the single checks and the largest one, peak
//                                                   RSS against one check
//   fleet options: --clusters N (default 20), --nodes / --pods (each cluster's size), --concurrency N
//            (the fleet's, default the CLI's 4), --runs N (default 1 with --fleet)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const fleetMode = args.includes('--fleet');
const runs = option('runs', fleetMode ? 1 : 3);
const withKubectl = !args.includes('--no-kubectl');
const warmup = !args.includes('--no-warmup');
const withProbe = !args.includes('--no-probe');
const probeSize = [option('probe-nodes', 5_000), option('probe-pods', 15_000)];
const sizes = args.includes('--growth')
  ? [[500, 15_000], [1_500, 45_000], [5_000, 150_000]]
  : [[option('nodes', 500), option('pods', 15_000)]];

function ensureTime() {
  if (existsSync('/usr/bin/time')) return;
  console.log('installing /usr/bin/time (Debian package "time") to measure peak RSS…');
  const result = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq time'], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync('/usr/bin/time')) throw new Error('cannot install /usr/bin/time; install the Debian package "time" and run again');
}

function ensureBuilt() {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
}

/**
 * Run a shell command under /usr/bin/time -v; returns wall seconds and peak RSS in MiB. `check`
 * validates what the command printed, so a run that failed fast is never counted as a fast run.
 */
function measure(command, check) {
  const out = join(mkdtempSync(join(tmpdir(), 'k8s-anatomy-bench-out-')), 'stdout');
  const result = spawnSync('/usr/bin/time', ['-v', 'sh', '-c', `${command} > ${out}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  if (!wall || !rss) throw new Error(`could not measure \`${command}\`:\n${result.stderr.slice(-2000)}`);
  const exit = /Exit status: (\d+)/.exec(result.stderr)?.[1];
  if (exit !== '0' && exit !== '1' && exit !== '3') throw new Error(`\`${command}\` failed (exit ${exit}):\n${result.stderr.slice(-2000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  if (check) check(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return { seconds, rssMiB: Number(rss[1]) / 1024 };
}

function startSim(nodes, pods, profile, seed) {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const scale = `nodes=${nodes},pods=${pods}${profile ? `,profile=${profile}` : ''}${seed !== undefined ? `,seed=${seed}` : ''}`;
  // Many simulators at once (--fleet): their start-up hints would bury the rows.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sim/src/main.ts', '--scale', scale, '--kubeconfig-out', kubeconfig, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', seed !== undefined ? 'ignore' : 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the simulator did not start in 120 s:\n${out}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('listening on') && existsSync(kubeconfig)) {
        clearTimeout(timer);
        resolve({ child, kubeconfig });
      }
    });
    child.on('exit', (code) => reject(new Error(`the simulator exited (${code}):\n${out}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs, unit, digits = 2) => `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function benchSize(nodes, pods) {
  console.log(`\n=== ${nodes.toLocaleString('en-US')} nodes / ${pods.toLocaleString('en-US')} pods, ${runs} runs${warmup ? ' after a warm-up' : ''} ===`);
  const { child, kubeconfig } = await startSim(nodes, pods);
  try {
    const commands = {
      check: `node dist/cli.js check --kubeconfig ${kubeconfig} --output json --no-progress`,
      raw: `node test/bench/rawRead.mjs ${kubeconfig}`,
      ...(withKubectl ? { kubectl: `kubectl --kubeconfig ${kubeconfig} get nodes -o json && kubectl --kubeconfig ${kubeconfig} get pods -A -o json | tail -c 200` } : {}),
    };
    const checks = {
      check: (text) => {
        const report = JSON.parse(text);
        if (report.schemaVersion !== 1 || report.nodes.length !== nodes) throw new Error(`the check did not read the cluster: ${text.slice(0, 300)}`);
      },
      raw: (text) => {
        if (!(Number(text) >= nodes + pods)) throw new Error(`the raw read did not read every object: ${text.slice(0, 300)}`);
      },
      kubectl: (text) => {
        if (!/"kind": "List"/.test(text) && !/\]\s*\}\s*$/.test(text)) throw new Error(`kubectl did not list the pods: ${text.slice(0, 300)}`);
      },
    };
    const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    if (warmup) for (const [name, command] of Object.entries(commands)) measure(command, checks[name]);
    for (let i = 0; i < runs; i++) {
      for (const [name, command] of Object.entries(commands)) {
        const m = measure(command, checks[name]);
        samples[name].push(m);
        console.log(`  run ${i + 1} ${name.padEnd(8)} ${m.seconds.toFixed(2)} s  ${m.rssMiB.toFixed(0)} MiB`);
      }
    }
    return { nodes, pods, samples };
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * The kubelet probe's cost: `check` and `check --kubelet-probe` on the same 2026-profile cluster,
 * interleaved. The probe reads one node per pool (runtime, kubelet version, OS image) and infers
 * the rest, so at 5,000 nodes it adds a handful of node-proxy requests, not 10,000.
 */
async function benchProbe(nodes, pods) {
  console.log(`\n=== kubelet probe: ${nodes.toLocaleString('en-US')} nodes / ${pods.toLocaleString('en-US')} pods (profile 2026), ${runs} runs${warmup ? ' after a warm-up' : ''} ===`);
  const { child, kubeconfig } = await startSim(nodes, pods, '2026');
  try {
    const base = `node dist/cli.js check --kubeconfig ${kubeconfig} --output json --no-progress`;
    const commands = { check: base, probe: `${base} --kubelet-probe` };
    const check = (text) => {
      const report = JSON.parse(text);
      if (report.schemaVersion !== 1 || report.nodes.length !== nodes) throw new Error(`the check did not read the cluster: ${text.slice(0, 300)}`);
      if (report.coverage.skipped.some((g) => /kubelet/.test(g.scope))) throw new Error(`the probe did not read the kubelets: ${JSON.stringify(report.coverage.skipped).slice(0, 300)}`);
    };
    const samples = { check: [], probe: [] };
    if (warmup) for (const command of Object.values(commands)) measure(command, check);
    for (let i = 0; i < runs; i++) {
      for (const [name, command] of Object.entries(commands)) {
        const m = measure(command, check);
        samples[name].push(m);
        console.log(`  run ${i + 1} ${name.padEnd(8)} ${m.seconds.toFixed(2)} s  ${m.rssMiB.toFixed(0)} MiB`);
      }
    }
    return { nodes, pods, samples };
  } finally {
    child.kill('SIGTERM');
  }
}

/** Package the .vsix as `npm run package` does (the build is already fresh); its path. */
function packageVsix() {
  const out = join(ROOT, 'k8s-anatomy.vsix');
  const result = spawnSync('npx', ['--no', 'vsce', 'package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(out)) throw new Error(`packaging the .vsix failed:\n${result.stderr}`);
  return out;
}

/** p50 and p99 of test/bench/hover.bench.ts (5,000 lines, 1,000 hovers), in ms as printed. */
function hoverP99() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'bench', 'hover.bench.ts')], { cwd: ROOT, encoding: 'utf8' });
  const m = /p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/.exec(result.stdout);
  if (result.status !== 0 || !m) throw new Error(`the hover benchmark failed:\n${result.stdout}${result.stderr}`);
  return { p50: m[1], p99: m[2] };
}

function ratioRow(label, a, b, pick, goal) {
  const ratios = a.map((x, i) => pick(x) / pick(b[i]));
  return `| ${label} | ${fmt(ratios, '×')} | ${goal} |`;
}

/**
 * `--fleet`: N simulators, each its own context in one kubeconfig. Per run: every cluster checked
 * alone (`check --context`), then all at once (`check --all-contexts`), each under /usr/bin/time.
 */
async function benchFleet(clusters, nodes, pods, concurrency) {
  const { parse, stringify } = await import('yaml');
  console.log(`\n=== fleet: ${clusters} clusters of ${nodes.toLocaleString('en-US')} nodes / ${pods.toLocaleString('en-US')} pods, concurrency ${concurrency ?? 'default'}, ${runs} run(s)${warmup ? ' after a warm-up' : ''} ===`);
  const sims = [];
  try {
    // Two at a time: generating a cluster is CPU-bound, and this machine has two cores.
    for (let i = 0; i < clusters; i += 2) {
      sims.push(...await Promise.all([i, i + 1].filter((j) => j < clusters).map((j) => startSim(nodes, pods, undefined, j + 1))));
      console.log(`  started ${sims.length}/${clusters} simulators`);
    }
    const names = sims.map((_, i) => `sim-${String(i + 1).padStart(2, '0')}`);
    const merged = { apiVersion: 'v1', kind: 'Config', preferences: {}, clusters: [], users: [], contexts: [] };
    sims.forEach((sim, i) => {
      const config = parse(readFileSync(sim.kubeconfig, 'utf8'));
      merged.clusters.push({ name: names[i], cluster: config.clusters[0].cluster });
      merged.users.push({ name: names[i], user: config.users[0].user });
      merged.contexts.push({ name: names[i], context: { cluster: names[i], user: names[i] } });
    });
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'k8s-anatomy-bench-fleet-')), 'kubeconfig');
    writeFileSync(kubeconfig, stringify(merged), { mode: 0o600 });
    const single = (name) => `node dist/cli.js check --kubeconfig ${kubeconfig} --context ${name} --output json --no-progress`;
    const fleet = `node dist/cli.js check --kubeconfig ${kubeconfig} --all-contexts --output json --no-progress${concurrency ? ` --concurrency ${concurrency}` : ''}`;
    const checkSingle = (text) => {
      const report = JSON.parse(text);
      if (report.schemaVersion !== 1 || report.nodes.length !== nodes) throw new Error(`the check did not read the cluster: ${text.slice(0, 300)}`);
    };
    const checkFleet = (text) => {
      const report = JSON.parse(text);
      const read = report.clusters.filter((c) => c.report && c.report.nodes.length === nodes).length;
      if (report.schemaVersion !== 1 || read !== clusters) throw new Error(`the fleet check did not read every cluster (${read}/${clusters}): ${text.slice(0, 300)}`);
    };
    if (warmup) measure(single(names[0]), checkSingle);
    const samples = [];
    for (let r = 0; r < runs; r++) {
      const singles = names.map((name) => measure(single(name), checkSingle));
      const all = measure(fleet, checkFleet);
      const sum = singles.reduce((t, m) => t + m.seconds, 0);
      const largest = Math.max(...singles.map((m) => m.seconds));
      const oneRss = Math.max(...singles.map((m) => m.rssMiB));
      samples.push({ singles, fleet: all, sum, largest, oneRss });
      console.log(`  run ${r + 1}: singles sum ${sum.toFixed(2)} s (largest ${largest.toFixed(2)} s, peak RSS ${oneRss.toFixed(0)} MiB); fleet ${all.seconds.toFixed(2)} s, ${all.rssMiB.toFixed(0)} MiB`);
    }
    return { clusters, nodes, pods, concurrency: concurrency ?? 4, samples };
  } finally {
    for (const sim of sims) sim.child.kill('SIGTERM');
  }
}

function fleetRows(f) {
  const s = f.samples;
  return [
    '', `| fleet: ${f.clusters} clusters × ${f.nodes}/${f.pods}, concurrency ${f.concurrency} | measured (median, min–max of ${s.length}) | goal |`, '|---|---|---|',
    `| check --all-contexts | ${fmt(s.map((x) => x.fleet.seconds), 's')}, ${fmt(s.map((x) => x.fleet.rssMiB), 'MiB', 0)} | |`,
    `| sum of the ${f.clusters} single checks | ${fmt(s.map((x) => x.sum), 's')} | |`,
    `| largest single check | ${fmt(s.map((x) => x.largest), 's')}, ${fmt(s.map((x) => x.oneRss), 'MiB', 0)} | |`,
    `| wall: fleet / sum of singles | ${fmt(s.map((x) => x.fleet.seconds / x.sum), '×')} | < 1× |`,
    `| wall: fleet / largest single | ${fmt(s.map((x) => x.fleet.seconds / x.largest), '×')} | (how far from one cluster's time) |`,
    `| peak RSS: fleet / one check | ${fmt(s.map((x) => x.fleet.rssMiB / x.oneRss), '×')} | ≤ ${f.concurrency}× (the concurrency, not the ${f.clusters} clusters) |`,
  ];
}

ensureTime();
ensureBuilt();
if (fleetMode) {
  const f = await benchFleet(option('clusters', 20), option('nodes', 500), option('pods', 15_000), args.includes('--concurrency') ? option('concurrency', 4) : undefined);
  console.log(fleetRows(f).join('\n'));
  const outDir = join(ROOT, 'test-results', 'bench');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `bench-fleet-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, runs, fleet: f }, null, 2));
  console.log(`\nraw numbers: ${file}`);
  process.exit(0);
}
const results = [];
for (const [nodes, pods] of sizes) results.push(await benchSize(nodes, pods));
const probe = withProbe ? await benchProbe(probeSize[0], probeSize[1]) : null;

const lines = ['', '| size | k8s-anatomy check | raw read (floor) | kubectl get nodes + pods |', '|---|---|---|---|'];
for (const r of results) {
  const cell = (name) => (r.samples[name] ? `${fmt(r.samples[name].map((m) => m.seconds), 's')}, ${fmt(r.samples[name].map((m) => m.rssMiB), 'MiB', 0)}` : '—');
  lines.push(`| ${r.nodes}/${r.pods} | ${cell('check')} | ${cell('raw')} | ${cell('kubectl')} |`);
}
lines.push('', '| ratio (per run, median and min–max) | measured | goal |', '|---|---|---|');
for (const r of results) {
  if (r.samples.kubectl) {
    lines.push(ratioRow(`${r.nodes}/${r.pods} wall: check / kubectl`, r.samples.check, r.samples.kubectl, (m) => m.seconds, '≤ 1.0×'));
    lines.push(ratioRow(`${r.nodes}/${r.pods} peak RSS: check / kubectl`, r.samples.check, r.samples.kubectl, (m) => m.rssMiB, '≤ 0.5×'));
  }
  lines.push(ratioRow(`${r.nodes}/${r.pods} wall: check / raw read`, r.samples.check, r.samples.raw, (m) => m.seconds, '≤ 1.5×'));
}
if (probe) {
  const label = `${probe.nodes}/${probe.pods} (2026 pools)`;
  lines.push(ratioRow(`${label} wall: check --kubelet-probe / check`, probe.samples.probe, probe.samples.check, (m) => m.seconds, '≤ 2×'));
  lines.push(ratioRow(`${label} peak RSS: check --kubelet-probe / check`, probe.samples.probe, probe.samples.check, (m) => m.rssMiB, '≤ 2×'));
}
lines.push(`| .vsix size | ${(statSync(packageVsix()).size / 1024 / 1024).toFixed(2)} MiB | ≤ 8 MB |`);
const hover = hoverP99();
lines.push(`| YAML hover p99, 5,000-line file | ${hover.p99} ms (p50 ${hover.p50} ms) | ≤ 5 ms |`);
console.log(lines.join('\n'));
if (args.includes('--panel')) {
  console.log('\npanel rows (activation, open → diagram, node added → diagram): test/e2e/run.mjs --perf…');
  const panel = spawnSync(process.execPath, [join(ROOT, 'test', 'e2e', 'run.mjs'), '--perf'], { cwd: ROOT, stdio: 'inherit' });
  if (panel.status !== 0) process.exitCode = 1;
} else {
  console.log('\nthe panel rows: npm run bench -- --panel, or npm run bench:panel (about 5 minutes)');
}

const outDir = join(ROOT, 'test-results', 'bench');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, runs, results, probe }, null, 2));
console.log(`\nraw numbers: ${file}`);
