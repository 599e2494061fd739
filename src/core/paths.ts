// Normalising node paths the way the rules compare them: hostPath volumes and CRI socket
// endpoints. `/var/run` is a symlink to `/run` on every current distribution, so the two are one
// directory; repeated slashes and trailing slashes mean nothing; kubeadm 1.24.0 could write
// `unix://unix://unix:///run/...` into its annotation.

import type { SocketRuntime } from './model';

/**
 * A Linux hostPath in canonical form: `/var/run/x//y/` → `/run/x/y`. Windows pipes keep their form.
 * Whitespace around the path is not part of it, also where dropping a trailing slash or a `..`
 * leaves some at the end (`/x /` and `/x /y/..` are `/x`): the step is repeated until nothing
 * changes, so a canonical path normalises to itself. Each repeat only shortens the path, so it ends.
 */
export function normaliseHostPath(raw: string): string {
  let path = normaliseOnce(raw);
  for (let next = normaliseOnce(path); next !== path; next = normaliseOnce(path)) path = next;
  return path;
}

function normaliseOnce(raw: string): string {
  let path = raw.trim();
  if (isWindowsPipe(path)) return normaliseWindowsPipe(path);
  path = path.replace(/\/{2,}/g, '/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  let joined = `/${parts.join('/')}`;
  if (joined === '/var/run' || joined.startsWith('/var/run/')) joined = `/run${joined.slice('/var/run'.length)}`;
  return joined;
}

function isWindowsPipe(path: string): boolean {
  return /^(\\\\|\/\/)\.[\\/]pipe[\\/]/i.test(path) || /^npipe:/i.test(path);
}

function normaliseWindowsPipe(path: string): string {
  const name = path.replace(/^npipe:/i, '').replace(/[\\/]+/g, '/').replace(/^\/*\.\/pipe\//i, '');
  return `\\\\.\\pipe\\${name.toLowerCase()}`;
}

export interface SocketEndpoint {
  /** The path after stripping any number of `unix://` / `npipe://` schemes, normalised. */
  readonly path: string;
  readonly runtime: SocketRuntime;
  /** The scheme was repeated (`unix://unix://...`) or the value is not a socket path at all. */
  readonly malformed: boolean;
}

/** Classify a CRI endpoint (`--container-runtime-endpoint`, kubeadm `cri-socket`, configz). */
export function parseSocketEndpoint(raw: string): SocketEndpoint {
  const text = raw.trim();
  const schemes = text.match(/^(?:(?:unix|npipe):\/\/)+/i)?.[0] ?? '';
  const repeated = (schemes.match(/:\/\//g) ?? []).length > 1;
  const rest = text.slice(schemes.length);
  const isPipe = /npipe/i.test(schemes) || isWindowsPipe(rest);
  const path = isPipe ? normaliseWindowsPipe(rest.startsWith('//') || rest.startsWith('\\\\') ? rest : `//${rest}`) : normaliseHostPath(rest);
  const looksLikePath = rest.startsWith('/') || rest.startsWith('\\') || isPipe;
  return { path, runtime: socketRuntime(path), malformed: repeated || !looksLikePath || text.length === 0 };
}

/** Which runtime a socket (or Windows named pipe) belongs to, by its file name. */
export function socketRuntime(path: string): SocketRuntime {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (base === 'dockershim.sock' || base === 'dockershim') return 'dockershim';
  if (base === 'cri-dockerd.sock' || base === 'cri-dockerd' || base === 'cri-docker.sock') return 'cri-dockerd';
  if (base === 'containerd.sock' || base === 'containerd-containerd') return 'containerd';
  if (base === 'crio.sock') return 'cri-o';
  if (base === 'docker.sock' || base === 'docker_engine') return 'docker';
  return 'other';
}

/** True when `path` is `dir` or lies under it (both normalised). */
export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}
