// Fault injection: the ways real apiservers and networks misbehave, switched on by `--fault SPEC`.
// Every spec is `NAME[=VALUE][:OPTION=V,OPTION=V...]`; every fault takes `path=PREFIX` (only
// requests whose path starts with it) and `count=N` (how many times it fires; default: always).
// test/sim/README.md documents each one with an example.

import { ApiError, internalError, serviceUnavailable, tooManyRequests } from './status';

export type Fault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly code: 429 | 500 | 503; readonly retryAfter?: number }
  | { readonly kind: 'drop-list'; readonly afterPages: number }
  | { readonly kind: 'drop-watch'; readonly afterEvents: number }
  | { readonly kind: 'watch-close'; readonly afterMs: number }
  | { readonly kind: 'slow-body'; readonly bytesPerSec: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'expire-continue'; readonly afterPages: number };

export interface FaultRule {
  readonly source: string;
  readonly fault: Fault;
  readonly path?: string;
  /** How many more times it may fire; Infinity when no count was given. */
  remaining: number;
  /** Pages counted since the last drop (drop-list). */
  pagesSeen: number;
}

export const FAULT_USAGE = [
  'latency=DURATION            delay every response (e.g. latency=200ms)',
  '429:retry-after=S           answer 429 TooManyRequests with Retry-After: S (default 1)',
  '500 | 503[:retry-after=S]   answer 500 InternalError / 503 ServiceUnavailable',
  'drop-list:after-pages=N     after N list pages, cut the connection in the middle of the next page',
  'drop-watch:after-events=N   cut each watch connection after N events',
  'watch-close:after=DURATION  end watch streams cleanly after DURATION (e.g. 2s)',
  'slow-body:bytes-per-sec=N   trickle response bodies at N bytes per second',
  'hang                        accept the request and never answer',
  'expire-continue:after-pages=N  a list continued past page N gets 410 Expired',
  'options for all: path=PREFIX (only matching request paths), count=N (fire N times, default always)',
];

function parseDuration(text: string, spec: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`--fault "${spec}": "${text}" is not a duration (use e.g. 200ms, 2s, 1m)`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

function parseCount(text: string | undefined, name: string, spec: string, min = 0): number {
  if (text === undefined) throw new Error(`--fault "${spec}": ${name}=N is required`);
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--fault "${spec}": ${name} must be a whole number${min > 0 ? ` ≥ ${min}` : ''}, got "${text}"`);
  return n;
}

export function parseFault(spec: string): FaultRule {
  const colon = spec.indexOf(':');
  const head = colon === -1 ? spec : spec.slice(0, colon);
  const options: Record<string, string> = {};
  if (colon !== -1) {
    for (const part of spec.slice(colon + 1).split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq <= 0) throw new Error(`--fault "${spec}": option "${part}" is not KEY=VALUE`);
      options[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  const [name = '', value] = head.split('=', 2);
  const allowed = (keys: string[]): void => {
    for (const key of Object.keys(options)) {
      if (key !== 'path' && key !== 'count' && !keys.includes(key)) {
        throw new Error(`--fault "${spec}": unknown option "${key}" for ${name} (known: ${[...keys, 'path', 'count'].join(', ')})`);
      }
    }
  };
  let fault: Fault;
  switch (name) {
    case 'latency':
      allowed([]);
      if (value === undefined) throw new Error(`--fault "${spec}": write latency=DURATION, e.g. latency=200ms`);
      fault = { kind: 'latency', ms: parseDuration(value, spec) };
      break;
    case '429':
    case '500':
    case '503':
      allowed(name === '500' ? [] : ['retry-after']);
      fault = {
        kind: 'status',
        code: Number(name) as 429 | 500 | 503,
        ...(options['retry-after'] !== undefined
          ? { retryAfter: parseCount(options['retry-after'], 'retry-after', spec) }
          : name === '429' ? { retryAfter: 1 } : {}),
      };
      break;
    case 'drop-list':
      allowed(['after-pages']);
      fault = { kind: 'drop-list', afterPages: parseCount(options['after-pages'], 'after-pages', spec) };
      break;
    case 'drop-watch':
      allowed(['after-events']);
      fault = { kind: 'drop-watch', afterEvents: parseCount(options['after-events'], 'after-events', spec) };
      break;
    case 'watch-close':
      allowed(['after']);
      if (options['after'] === undefined) throw new Error(`--fault "${spec}": after=DURATION is required, e.g. watch-close:after=2s`);
      fault = { kind: 'watch-close', afterMs: parseDuration(options['after'], spec) };
      break;
    case 'slow-body':
      allowed(['bytes-per-sec']);
      fault = { kind: 'slow-body', bytesPerSec: parseCount(options['bytes-per-sec'], 'bytes-per-sec', spec, 1) };
      break;
    case 'hang':
      allowed([]);
      fault = { kind: 'hang' };
      break;
    case 'expire-continue':
      allowed(['after-pages']);
      fault = { kind: 'expire-continue', afterPages: parseCount(options['after-pages'], 'after-pages', spec, 1) };
      break;
    default:
      throw new Error(`--fault "${spec}": unknown fault "${name}"; the faults are:\n  ${FAULT_USAGE.join('\n  ')}`);
  }
  if (value !== undefined && name !== 'latency') throw new Error(`--fault "${spec}": ${name} takes options after ":", not "="`);
  return {
    source: spec,
    fault,
    ...(options['path'] !== undefined ? { path: options['path'] } : {}),
    remaining: options['count'] === undefined ? Infinity : parseCount(options['count'], 'count', spec, 1),
    pagesSeen: 0,
  };
}

export interface RequestFaults {
  readonly delayMs: number;
  readonly error?: ApiError;
  readonly hang: boolean;
}

export interface WatchFaults {
  readonly dropAfterEvents?: number;
  readonly closeAfterMs?: number;
}

/** The active faults and their counters; the server asks it at each point where a fault can bite. */
export class Faults {
  readonly rules: FaultRule[];

  constructor(specs: readonly string[] = []) {
    this.rules = specs.map(parseFault);
  }

  private matching<K extends Fault['kind']>(kind: K, path: string): (FaultRule & { fault: Extract<Fault, { kind: K }> })[] {
    return this.rules.filter(
      (r): r is FaultRule & { fault: Extract<Fault, { kind: K }> } => r.fault.kind === kind && r.remaining > 0 && (r.path === undefined || path.startsWith(r.path)),
    );
  }

  private fire(rule: FaultRule): void {
    rule.remaining -= 1;
  }

  /** Checked when a request arrives: hang, latency, or an error status instead of an answer. */
  onRequest(path: string): RequestFaults {
    const hang = this.matching('hang', path)[0];
    if (hang) {
      this.fire(hang);
      return { delayMs: 0, hang: true };
    }
    let delayMs = 0;
    for (const rule of this.matching('latency', path)) {
      this.fire(rule);
      delayMs += rule.fault.ms;
    }
    const status = this.matching('status', path)[0];
    if (!status) return { delayMs, hang: false };
    this.fire(status);
    const { code, retryAfter } = status.fault;
    const error =
      code === 429
        ? tooManyRequests(retryAfter ?? 1)
        : code === 500
          ? internalError('simulated failure (--fault 500)')
          : retryAfter !== undefined
            ? new ApiError(503, 'ServiceUnavailable', serviceUnavailable().message, undefined, { 'Retry-After': String(retryAfter) })
            : serviceUnavailable();
    return { delayMs, error, hang: false };
  }

  /** Whether to cut the connection while sending this list page. */
  dropThisListPage(path: string): boolean {
    for (const rule of this.matching('drop-list', path)) {
      if (rule.pagesSeen >= rule.fault.afterPages) {
        rule.pagesSeen = 0;
        this.fire(rule);
        return true;
      }
      rule.pagesSeen += 1;
    }
    return false;
  }

  /** Whether a continue request for `page` (2 = the second page) must get 410 Expired. */
  expireContinue(path: string, page: number): boolean {
    const rule = this.matching('expire-continue', path).find((r) => page > r.fault.afterPages);
    if (!rule) return false;
    this.fire(rule);
    return true;
  }

  forWatch(path: string): WatchFaults {
    const drop = this.matching('drop-watch', path)[0];
    const close = this.matching('watch-close', path)[0];
    if (drop) this.fire(drop);
    if (close) this.fire(close);
    return {
      ...(drop ? { dropAfterEvents: drop.fault.afterEvents } : {}),
      ...(close ? { closeAfterMs: close.fault.afterMs } : {}),
    };
  }

  /** Bytes per second to trickle this response at, if a slow-body fault applies. */
  bodyRate(path: string): number | undefined {
    const rule = this.matching('slow-body', path)[0];
    if (!rule) return undefined;
    this.fire(rule);
    return rule.fault.bytesPerSec;
  }
}
