// The built-in sample clusters: dumps shipped in the package under `samples/`, listed in
// `samples/index.json`. The same files feed the CLI (`--sample`), the extension
// ("Open Sample Cluster") and the simulator (`npm run sim -- --sample NAME`).

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDumps, type LoadedDump } from './dumpFiles';

export interface SampleInfo {
  readonly name: string;
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly default?: boolean;
}

export class UnknownSampleError extends Error {
  constructor(readonly sample: string, readonly known: readonly string[]) {
    super(`there is no sample named "${sample}"; the samples are: ${known.join(', ')}`);
    this.name = 'UnknownSampleError';
  }
}

/** Package data: found and read once per process. */
let directory: string | undefined;
let index: readonly SampleInfo[] | undefined;

/** The `samples/` folder: beside `dist/` in the package, or at the repo root from sources. */
export function samplesDirectory(): string {
  if (directory !== undefined) return directory;
  const candidates = [resolve(__dirname, '..', 'samples'), resolve(__dirname, '..', '..', 'samples')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.json')));
  if (!found) throw new Error(`the built-in samples are missing (looked in ${candidates.join(', ')}); reinstall K8s Anatomy`);
  directory = found;
  return found;
}

export function listSamples(): readonly SampleInfo[] {
  if (index !== undefined) return index;
  const raw: unknown = JSON.parse(readFileSync(join(samplesDirectory(), 'index.json'), 'utf8'));
  index = Array.isArray(raw) ? (raw as SampleInfo[]) : [];
  return index;
}

export function defaultSample(): SampleInfo {
  const samples = listSamples();
  const chosen = samples.find((s) => s.default) ?? samples[0];
  if (!chosen) throw new Error('the built-in sample index is empty; reinstall K8s Anatomy');
  return chosen;
}

export function findSample(name: string): SampleInfo {
  const samples = listSamples();
  const found = samples.find((s) => s.name === name);
  if (!found) throw new UnknownSampleError(name, samples.map((s) => s.name));
  return found;
}

export function samplePath(sample: SampleInfo): string {
  return join(samplesDirectory(), sample.file);
}

export async function loadSample(name: string): Promise<LoadedDump> {
  return loadDumps([samplePath(findSample(name))]);
}
