// What a kubelet says about itself through the API server's node proxy, reduced to the few values
// the runtime rules read. Two answers, both untrusted:
//
// - `/metrics` (Prometheus text format 0.0.4): only `kubelet_cgroup_version` and
//   `kubelet_cri_losing_support{version="X.Y.Z"}` are kept. The text is fed chunk by chunk, so a
//   huge (or endless) answer costs one line of memory, and it is refused past a size no kubelet
//   comes near.
// - `/configz` (`{"kubeletconfig":{…}}`, as `kubectl get --raw …/proxy/configz` prints it): only
//   `containerRuntimeEndpoint`, `cgroupDriver` and `failCgroupV1`.
//
// Problems are KubeletAnswerError with a sentence that never quotes the answer. Pure: no fs, no
// network; the live reader and the dump loader feed it bytes.

import type { KubeletEvidence, NodeFacts } from './model';
import { isRecord } from './read';

/** Largest `/metrics` answer read; a kubelet's own metrics are a few hundred KiB to a few MiB. */
export const MAX_METRICS_BYTES = 32 * 1024 * 1024;
/** Largest `/configz` answer accepted (a real one is a few KiB). */
export const MAX_CONFIGZ_BYTES = 1024 * 1024;
/** Longest metrics line kept; longer lines of other metrics are skipped, of ours refused. */
export const MAX_METRICS_LINE = 16 * 1024;

export const CGROUP_VERSION_METRIC = 'kubelet_cgroup_version';
export const CRI_LOSING_SUPPORT_METRIC = 'kubelet_cri_losing_support';

/** Which answer was bad, for messages and coverage. */
export type KubeletAnswer = 'metrics' | 'configz';

export class KubeletAnswerError extends Error {
  constructor(readonly answer: KubeletAnswer, readonly problem: string) {
    super(`the kubelet's ${answer === 'metrics' ? '/metrics' : '/configz'} answer ${problem}`);
    this.name = 'KubeletAnswerError';
  }
}

/** What the metrics answer says: null where the metric was absent. */
export interface KubeletMetricsFacts {
  readonly cgroupVersion: 0 | 1 | 2 | null;
  readonly criLosingSupport: string | null;
}

/** What the configz answer says: null where the field was absent. */
export interface KubeletConfigzFacts {
  readonly containerRuntimeEndpoint: string | null;
  readonly cgroupDriver: string | null;
  readonly failCgroupV1: boolean | null;
}

/** `1.38.0`, `v1.38`, `1.38.0-rc.1`: what the kubelet writes in the label, and nothing longer. */
const VERSION_LABEL = /^v?\d{1,3}\.\d{1,3}(\.\d{1,5})?(-[0-9A-Za-z.]{1,32})?$/;
/** A metric name as the exposition format defines it. */
const NAME_START = /^[A-Za-z_:]/;
/** The start of a sample: a name, maybe labels, white space, a number (or Inf / NaN). */
const SAMPLE_SHAPE = /^[A-Za-z_:][A-Za-z0-9_:]*(\{.*\})?[ \t]+[-+]?(\d|\.\d|Inf|inf|NaN|Nan)/;
/** One sample line: name, optional labels, value, optional timestamp. */
const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{(.*)\})?[ \t]+(\S+)([ \t]+-?\d+)?[ \t]*$/;
/** One `name="value"` label pair (values may hold `\"`, `\\`, `\n`). */
const LABEL = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/**
 * A streaming reader of a kubelet's `/metrics` text: `push` chunks as they arrive, then `finish`.
 * Memory is one line (at most MAX_METRICS_LINE) whatever the answer's size; the first problem
 * throws KubeletAnswerError, so the caller can stop reading at once.
 */
export class KubeletMetricsParser {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = '';
  /** The current line is over MAX_METRICS_LINE: drop characters until its newline. */
  private skipping = false;
  private bytes = 0;
  private lines = 0;
  private cgroupVersion: 0 | 1 | 2 | null = null;
  private losing: string | null = null;
  private done = false;

  constructor(private readonly maxBytes: number = MAX_METRICS_BYTES) {}

  /** Feed the next chunk (bytes or already-decoded text). Throws KubeletAnswerError. */
  push(chunk: Uint8Array | string): void {
    if (this.done) throw new Error('KubeletMetricsParser: push after finish');
    let text: string;
    if (typeof chunk === 'string') {
      this.bytes += chunk.length;
      text = chunk;
    } else {
      this.bytes += chunk.byteLength;
      this.checkSize();
      if (chunk.includes(0)) throw new KubeletAnswerError('metrics', 'is binary data (a NUL byte), not Prometheus text');
      try {
        text = this.decoder.decode(chunk, { stream: true });
      } catch {
        throw new KubeletAnswerError('metrics', 'is not UTF-8 text, so it is not Prometheus text');
      }
    }
    this.checkSize();
    if (text.includes('\0')) throw new KubeletAnswerError('metrics', 'is binary data (a NUL byte), not Prometheus text');
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      if (!this.skipping) {
        const room = MAX_METRICS_LINE - this.line.length;
        if (end - start > room) {
          this.overlong(this.line + text.slice(start, start + room));
        } else {
          this.line += text.slice(start, end);
        }
      }
      if (newline === -1) return;
      if (!this.skipping) this.takeLine(this.line);
      this.line = '';
      this.skipping = false;
      start = newline + 1;
    }
  }

  /** The end of the answer. Throws KubeletAnswerError for an empty or truncated-garbage answer. */
  finish(): KubeletMetricsFacts {
    if (!this.done) {
      this.done = true;
      try {
        this.line += this.decoder.decode();
      } catch {
        throw new KubeletAnswerError('metrics', 'ends in the middle of a UTF-8 character, so it is not Prometheus text');
      }
      if (!this.skipping && this.line !== '') this.takeLine(this.line);
      this.line = '';
      if (this.lines === 0) throw new KubeletAnswerError('metrics', 'is empty; expected Prometheus text');
    }
    return { cgroupVersion: this.cgroupVersion, criLosingSupport: this.losing };
  }

  private checkSize(): void {
    if (this.bytes > this.maxBytes) {
      throw new KubeletAnswerError('metrics', `is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MiB, far more than a kubelet's metrics; not read further`);
    }
  }

  private overlong(head: string): void {
    if (head.startsWith(CGROUP_VERSION_METRIC) || head.startsWith(CRI_LOSING_SUPPORT_METRIC)) {
      throw new KubeletAnswerError('metrics', `has a ${head.startsWith(CGROUP_VERSION_METRIC) ? CGROUP_VERSION_METRIC : CRI_LOSING_SUPPORT_METRIC} line longer than ${MAX_METRICS_LINE / 1024} KiB; a kubelet writes a few dozen characters there`);
    }
    this.checkShape(head, true);
    this.lines++;
    this.line = '';
    this.skipping = true;
  }

  private takeLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '') return;
    this.checkShape(trimmed);
    this.lines++;
    if (trimmed.startsWith('#')) return;
    if (!trimmed.startsWith('kubelet_c')) return; // the cheap test first: almost every line stops here
    const sample = SAMPLE.exec(trimmed);
    const name = sample?.[1];
    if (name !== CGROUP_VERSION_METRIC && name !== CRI_LOSING_SUPPORT_METRIC) return;
    if (!sample) return;
    const value = Number(sample[4]);
    if (!Number.isFinite(value)) throw new KubeletAnswerError('metrics', `has a ${name} sample whose value is not a number`);
    const labels = parseLabels(sample[3] ?? '');
    if (labels === null) throw new KubeletAnswerError('metrics', `has a ${name} sample with malformed labels`);
    if (name === CGROUP_VERSION_METRIC) {
      if (value !== 0 && value !== 1 && value !== 2) throw new KubeletAnswerError('metrics', `says ${CGROUP_VERSION_METRIC} is neither 0, 1 nor 2`);
      this.cgroupVersion = value;
      return;
    }
    const version = labels.get('version');
    if (version === undefined || !VERSION_LABEL.test(version)) {
      throw new KubeletAnswerError('metrics', `has a ${CRI_LOSING_SUPPORT_METRIC} sample whose version label is not a Kubernetes version`);
    }
    if (value === 1) this.losing = version.startsWith('v') ? version.slice(1) : version;
  }

  /** Prometheus text is comments and samples; HTML, JSON, YAML and prose are not. */
  private checkShape(line: string, partial = false): void {
    if (line.startsWith('#')) return;
    if (partial ? NAME_START.test(line) : SAMPLE_SHAPE.test(line)) return;
    const what = line.startsWith('<') ? ' (it looks like HTML)' : line.startsWith('{') || line.startsWith('[') ? ' (it looks like JSON)' : '';
    throw new KubeletAnswerError('metrics', `is not Prometheus text${what}: line ${this.lines + 1} is neither a comment nor a sample`);
  }
}

function parseLabels(text: string): Map<string, string> | null {
  const labels = new Map<string, string>();
  if (text.trim() === '') return labels;
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const at = LABEL.lastIndex;
    const m = LABEL.exec(text);
    if (!m || m.index !== at) return null;
    labels.set(m[1] ?? '', (m[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)));
    if (m[3] === '') break;
  }
  return labels;
}

/** Parse a whole metrics answer held in memory (dump files; tests). */
export function parseKubeletMetrics(text: string | Uint8Array, maxBytes: number = MAX_METRICS_BYTES): KubeletMetricsFacts {
  const parser = new KubeletMetricsParser(maxBytes);
  parser.push(text);
  return parser.finish();
}

const MAX_ENDPOINT_LENGTH = 512;
/** `unix:///run/containerd/containerd.sock`, `npipe:////./pipe/containerd-containerd`, a bare path. */
const ENDPOINT = /^[A-Za-z0-9+.:/\\_@-]+$/;
/** `systemd`, `cgroupfs`, or empty on Windows. */
const CGROUP_DRIVER = /^[A-Za-z]{0,32}$/;

/** Parse a `/configz` answer. Throws KubeletAnswerError for non-JSON, a wrong shape or too much. */
export function parseKubeletConfigz(text: string | Uint8Array, maxBytes: number = MAX_CONFIGZ_BYTES): KubeletConfigzFacts {
  const size = typeof text === 'string' ? text.length : text.byteLength;
  if (size > maxBytes) throw new KubeletAnswerError('configz', `is larger than ${Math.round(maxBytes / 1024)} KiB, far more than a kubelet configuration`);
  let decoded: string;
  try {
    decoded = typeof text === 'string' ? text : new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    throw new KubeletAnswerError('configz', 'is not UTF-8 text, so it is not JSON');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded.replace(/^\uFEFF/, ''));
  } catch {
    const head = decoded.trimStart();
    throw new KubeletAnswerError('configz', `is not JSON${head.startsWith('<') ? ' (it looks like HTML)' : ''}; expected {"kubeletconfig":{…}}`);
  }
  if (!isRecord(parsed) || !isRecord(parsed['kubeletconfig'])) {
    throw new KubeletAnswerError('configz', 'is JSON without a "kubeletconfig" object; expected {"kubeletconfig":{…}}');
  }
  const config = parsed['kubeletconfig'];
  const endpoint = config['containerRuntimeEndpoint'];
  if (endpoint !== undefined && (typeof endpoint !== 'string' || endpoint.length > MAX_ENDPOINT_LENGTH || (endpoint !== '' && !ENDPOINT.test(endpoint)))) {
    throw new KubeletAnswerError('configz', 'has a containerRuntimeEndpoint that is not a socket path or URL');
  }
  const driver = config['cgroupDriver'];
  if (driver !== undefined && (typeof driver !== 'string' || !CGROUP_DRIVER.test(driver))) {
    throw new KubeletAnswerError('configz', 'has a cgroupDriver that is not a driver name (systemd, cgroupfs)');
  }
  const fail = config['failCgroupV1'];
  if (fail !== undefined && typeof fail !== 'boolean') throw new KubeletAnswerError('configz', 'has a failCgroupV1 that is not true or false');
  return {
    containerRuntimeEndpoint: typeof endpoint === 'string' && endpoint !== '' ? endpoint : null,
    cgroupDriver: typeof driver === 'string' && driver !== '' ? driver : null,
    failCgroupV1: typeof fail === 'boolean' ? fail : null,
  };
}

/** Both answers (either may be missing) as the evidence kept for a node. */
export function kubeletEvidence(
  answers: { readonly metrics?: KubeletMetricsFacts | null; readonly configz?: KubeletConfigzFacts | null },
  readFrom: string,
): KubeletEvidence {
  return {
    cgroupVersion: answers.metrics?.cgroupVersion ?? null,
    criLosingSupport: answers.metrics?.criLosingSupport ?? null,
    containerRuntimeEndpoint: answers.configz?.containerRuntimeEndpoint ?? null,
    cgroupDriver: answers.configz?.cgroupDriver ?? null,
    failCgroupV1: answers.configz?.failCgroupV1 ?? null,
    readFrom,
  };
}

/**
 * The probe's pool key: nodes alike in runtime and its version, kubelet version and OS image
 * answer alike, so the probe reads one of them and infers the rest from it. Operating system
 * and architecture are part of the OS image in practice, but are added so a Windows and a Linux
 * node never share a key.
 */
export function kubeletPoolKey(node: Pick<NodeFacts, 'runtime' | 'kubeletVersion' | 'osImage' | 'os'>): string {
  return [node.runtime.raw, node.kubeletVersion, node.osImage, node.os].join('\u0000');
}

/**
 * The evidence of every node, given what was read from some of them: a node that was read keeps
 * its own answers; a node that was not takes those of a read node with the same pool key, and
 * says which (`readFrom`); a node with no read peer gets nothing. Live probes and dumps both
 * pass through here, so a `collect`ed dump holding only the sampled nodes' answers gives the
 * same evidence as the live probe did.
 */
export function inferKubeletEvidence(
  nodes: readonly Pick<NodeFacts, 'name' | 'runtime' | 'kubeletVersion' | 'osImage' | 'os'>[],
  read: ReadonlyMap<string, KubeletEvidence>,
): Map<string, KubeletEvidence> {
  const byKey = new Map<string, KubeletEvidence>();
  const sorted = [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const node of sorted) {
    const own = read.get(node.name);
    const key = kubeletPoolKey(node);
    if (own && own.readFrom === node.name && !byKey.has(key)) byKey.set(key, own);
  }
  const out = new Map<string, KubeletEvidence>();
  for (const node of sorted) {
    const own = read.get(node.name);
    if (own) {
      out.set(node.name, own);
      continue;
    }
    const peer = byKey.get(kubeletPoolKey(node));
    if (peer) out.set(node.name, { ...peer, readFrom: peer.readFrom });
  }
  return out;
}
