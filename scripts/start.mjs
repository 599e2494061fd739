// `npm start`: the main job. Diagnose the current kubeconfig context and write the topology
// page k8s-anatomy.html; with no kubeconfig, do the same on the default built-in sample and say
// so. Findings are the job's result, not a failure of it: this exits 0 whenever the check ran,
// and 2 when it could not run.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const fromEnv = (process.env.KUBECONFIG ?? '').split(delimiter).filter((f) => f && existsSync(f));
const haveKubeconfig = fromEnv.length > 0 || existsSync(join(process.env.HOME ?? homedir(), '.kube', 'config'));

let source;
if (haveKubeconfig) {
  source = [];
  console.log('K8s Anatomy: diagnosing the current kubeconfig context.\n');
} else {
  const index = JSON.parse(readFileSync(join(cli, '..', '..', 'samples', 'index.json'), 'utf8'));
  const sample = index.find((s) => s.default) ?? index[0];
  source = ['--sample', sample.name];
  console.log(`K8s Anatomy: no kubeconfig found (KUBECONFIG is not set to an existing file and ~/.kube/config does not exist),\nso this runs on the built-in sample "${sample.name}": ${sample.title}.\nPoint KUBECONFIG at a cluster to diagnose it instead.\n`);
}

const check = spawnSync(process.execPath, [cli, 'check', ...source], { stdio: 'inherit' });
if (check.status === 2 || check.status === null) process.exit(2);
const page = spawnSync(process.execPath, [cli, 'topology', ...source, '--format', 'html', '--out', 'k8s-anatomy.html'], { stdio: 'inherit' });
if (page.status !== 0) process.exit(2);
console.log('\nOpen k8s-anatomy.html in a browser for the diagram and the explanation of every component.');
