// Defensive readers for untrusted Kubernetes objects. A dump or an API response may miss any
// optional field or carry a number where a string belongs; these return a safe default instead
// of throwing, so one odd object never ends a diagnosis.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rec(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string field; numbers and booleans are rendered (a kubelet may report `1.2` as a number). */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** `obj.a.b.c` read safely. */
export function dig(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A string→string map (labels, annotations); non-string values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

export interface Meta {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly ownerReferences: readonly OwnerRef[];
}

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller: boolean;
}

export function meta(object: unknown): Meta {
  const m = rec(dig(object, 'metadata'));
  return {
    name: str(m['name']),
    namespace: str(m['namespace']),
    uid: str(m['uid']),
    labels: stringMap(m['labels']),
    annotations: stringMap(m['annotations']),
    ownerReferences: arr(m['ownerReferences']).filter(isRecord).map((o) => ({
      kind: str(o['kind']),
      name: str(o['name']),
      uid: str(o['uid']),
      controller: o['controller'] === true,
    })),
  };
}

/** The controlling owner (`controller: true`), else the first owner, else null. */
export function controllerOf(m: Meta): OwnerRef | null {
  return m.ownerReferences.find((o) => o.controller) ?? m.ownerReferences[0] ?? null;
}
