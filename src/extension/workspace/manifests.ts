// Workspace manifests → readiness findings with file and line. Pure: text in, findings out, so the
// unit tests cover it without an editor. Non-Kubernetes YAML (Helm values, CI files, kubeadm
// configs, templates that do not parse) is skipped silently; a multi-document file keeps its
// Kubernetes documents even when others in it are not Kubernetes objects.

import { parseAllDocuments, isMap, isScalar } from 'yaml';
import { diagnoseObjects, type FinishOptions } from '../../core/diagnose';
import { parseDumpText } from '../../core/dump';
import type { Finding } from '../../core/model';
import { isRecord } from '../../core/read';

/** Files larger than this are not scanned (generated bundles, vendored CRDs). */
export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;

export interface ManifestFindings {
  readonly file: string;
  /** Findings of this file, each with `location` (file + 1-based line) when the field was found. */
  readonly findings: readonly Finding[];
  /** Kubernetes objects seen in the file (0: not a manifest). */
  readonly objects: number;
}

/** Diagnose one file's text. `file` is echoed into findings' locations (use the document URI). */
export function diagnoseManifestText(text: string, file: string, options: Pick<FinishOptions, 'target'> = {}): ManifestFindings {
  if (text.length > MAX_MANIFEST_BYTES || !/^\s*kind\s*:/m.test(text)) return { file, findings: [], objects: 0 };
  const objects = kubernetesObjects(text, file);
  if (objects.length === 0) return { file, findings: [], objects: 0 };
  const diagnosis = diagnoseObjects(objects, null, { ...(options.target ? { target: options.target } : {}), source: { kind: 'dump', files: [file] } });
  return { file, findings: diagnosis.report.findings.filter((f) => f.subject.kind !== 'Node'), objects: objects.length };
}

function kubernetesObjects(text: string, file: string): ReturnType<typeof parseDumpText>['objects'] {
  try {
    return parseDumpText(text, file).objects;
  } catch {
    // Some document is not a Kubernetes object (or does not parse): keep the ones that are.
  }
  const kept = keepKubernetesDocuments(text);
  if (kept === null) return [];
  try {
    return parseDumpText(kept, file).objects;
  } catch {
    return [];
  }
}

/**
 * The text with every document that is not a Kubernetes object (a mapping with string `kind` and
 * `apiVersion`) blanked out — newlines kept, so line numbers stay exact. Null when none is left.
 */
export function keepKubernetesDocuments(text: string): string | null {
  let documents;
  try {
    documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return null;
  }
  if (!Array.isArray(documents)) return null;
  const chars = text.split('');
  let kept = 0;
  for (const doc of documents) {
    const contents = doc.contents;
    const isObject = doc.errors.length === 0 && isMap(contents)
      && ['kind', 'apiVersion'].every((key) => contents.items.some((p) => isScalar(p.key) && p.key.value === key && isScalar(p.value) && typeof p.value.value === 'string' && p.value.value !== ''));
    if (isObject) {
      kept++;
      continue;
    }
    const [start, , end] = doc.range;
    for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
  return kept > 0 ? chars.join('') : null;
}

/**
 * A `findFiles` exclude glob from `files.exclude` (patterns set to true; `when` conditions are
 * not expressible in one glob and are skipped) plus folders never worth scanning.
 */
export function excludeGlob(filesExclude: unknown, extra: readonly string[] = ['**/node_modules/**', '**/.git/**']): string {
  const patterns = [...extra];
  if (isRecord(filesExclude)) {
    for (const [pattern, value] of Object.entries(filesExclude)) {
      // One brace group cannot nest another: skip patterns that carry their own braces or commas.
      if (value === true && pattern.trim() !== '' && !/[{},]/.test(pattern) && !patterns.includes(pattern)) patterns.push(pattern);
    }
  }
  return patterns.length === 1 ? (patterns[0] as string) : `{${patterns.join(',')}}`;
}
