// The readiness report as SARIF 2.1.0: `k8s-anatomy check --output sarif`, for code-scanning
// dashboards and CI annotations. One run; the catalog's rules as reportingDescriptors; one result
// per finding with a logical location (the Kubernetes object and field) and, for findings read
// from manifest files, a physical location (file and line). Coverage gaps become tool execution
// notifications and, with the verdict and cluster facts, run properties.
//
// Strings are kept whole (SARIF is data, and JSON serialisation escapes what JSON needs); message
// texts go through escapeSarifText so cluster text cannot form SARIF embedded links.

import type { Finding, ReadinessReport, Severity } from '../model';
import type { RuleInfo } from '../rules/catalog';
import { RULES } from '../rules/catalog';
import { escapeSarifText, safeHttpsUrl } from '../escape';
import { subjectLabel } from './text';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** partialFingerprints key; bump the version if the fingerprinted identity ever changes. */
export const FINGERPRINT_KEY = 'k8sAnatomyFinding/v1';

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage { readonly text: string }

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help?: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly tags: readonly string[] };
}

export interface SarifLogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly kind: 'object';
  readonly properties: { readonly path: string; readonly kind: string; readonly namespace: string };
}

export interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string };
  readonly region?: { readonly startLine: number };
}

export interface SarifLocation {
  readonly physicalLocation?: SarifPhysicalLocation;
  readonly logicalLocations: readonly SarifLogicalLocation[];
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties?: { readonly containers?: readonly string[]; readonly docs?: readonly string[]; readonly feature?: string };
}

export interface SarifNotification {
  readonly level: 'warning';
  readonly message: SarifMessage;
}

export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly semanticVersion?: string;
      readonly informationUri: string;
      readonly rules: readonly SarifReportingDescriptor[];
    };
  };
  readonly invocations: readonly {
    readonly executionSuccessful: boolean;
    readonly toolExecutionNotifications: readonly SarifNotification[];
  }[];
  readonly results: readonly SarifResult[];
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifLog {
  readonly $schema: typeof SARIF_SCHEMA;
  readonly version: '2.1.0';
  readonly runs: readonly [SarifRun];
}

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

export function sarifLevel(severity: Severity): SarifLevel {
  return Object.hasOwn(LEVEL, severity) ? LEVEL[severity] : 'warning';
}

export function renderSarif(report: ReadinessReport, tool: SarifTool): SarifLog {
  // Every catalog rule, in catalog order; then any rule id a finding uses that the catalog lacks
  // (a report from a newer version), so that every result has a valid ruleIndex.
  const descriptors = RULES.map(descriptor);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  for (const f of report.findings) {
    if (!index.has(f.rule)) {
      index.set(f.rule, descriptors.length);
      descriptors.push(unknownDescriptor(f));
    }
  }

  const gaps = report.coverage.skipped;
  const results = report.findings.map((f): SarifResult => result(f, index.get(f.rule) ?? 0));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          ...(SEMVER.test(tool.version) ? { semanticVersion: tool.version } : {}),
          informationUri: tool.informationUri,
          rules: descriptors,
        },
      },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: gaps.map((g) => ({
          level: 'warning',
          message: { text: escapeSarifText(`Not checked: ${g.scope}: ${g.reason}`) },
        })),
      }],
      results,
      properties: {
        schemaVersion: report.schemaVersion,
        verdict: report.verdict,
        cluster: {
          serverVersion: report.cluster.serverVersion,
          distribution: report.cluster.distribution,
          controlPlane: report.cluster.controlPlane,
          ha: report.cluster.ha,
        },
        nodeCount: report.nodes.length,
        ...(report.target !== undefined ? { target: report.target } : {}),
        ...(report.source !== undefined ? { source: report.source } : {}),
        coverage: { skipped: gaps.map((g) => ({ scope: g.scope, reason: g.reason })) },
      },
    }],
  };
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function descriptor(rule: RuleInfo): SarifReportingDescriptor {
  const helpUri = rule.docs[0];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: { text: `${rule.name}. ${rule.full}${rule.docs.length > 0 ? `\n\nSee:\n${rule.docs.join('\n')}` : ''}` },
    ...(helpUri !== undefined ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: { tags: ['kubernetes', 'dockershim', rule.scope] },
  };
}

function unknownDescriptor(f: Finding): SarifReportingDescriptor {
  const helpUri = f.docs.map(safeHttpsUrl).find((u) => u !== null) ?? undefined;
  return {
    id: f.rule,
    name: pascalCase(f.rule) || 'UnknownRule',
    shortDescription: { text: escapeSarifText(`Rule ${f.rule}`) },
    fullDescription: { text: escapeSarifText(`Rule ${f.rule}, not in this version's catalog.`) },
    ...(helpUri !== undefined ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(f.severity) },
    properties: { tags: ['kubernetes'] },
  };
}

function result(f: Finding, ruleIndex: number): SarifResult {
  const fullyQualifiedName = subjectLabel(f.subject);
  const containers = f.containers && f.containers.length > 0 ? f.containers : undefined;
  const text = `${f.message}${containers ? ` Containers: ${containers.join(', ')}.` : ''} Fix: ${f.remediation}`;
  const physical = f.location ? physicalLocation(f.location.file, f.location.line) : undefined;
  return {
    ruleId: f.rule,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: escapeSarifText(text) },
    locations: [{
      ...(physical ? { physicalLocation: physical } : {}),
      logicalLocations: [{
        name: f.subject.name,
        fullyQualifiedName,
        kind: 'object',
        properties: { path: f.path, kind: f.subject.kind, namespace: f.subject.namespace },
      }],
    }],
    partialFingerprints: { [FINGERPRINT_KEY]: fnv1a64([f.rule, fullyQualifiedName, f.path].join('\u0000')) },
    properties: { ...(containers ? { containers } : {}), docs: f.docs, ...(f.feature ? { feature: f.feature } : {}) },
  };
}

function physicalLocation(file: string, line: number): SarifPhysicalLocation {
  return {
    artifactLocation: { uri: artifactUri(file) },
    ...(Number.isSafeInteger(line) && line >= 1 ? { region: { startLine: line } } : {}),
  };
}

/**
 * A file path as a SARIF artifact URI: backslashes to slashes, each segment percent-encoded.
 * Relative paths stay relative (to the directory the tool ran in, as given); absolute ones become
 * `file:` URIs (`/a/b` → `file:///a/b`, `C:\a` → `file:///C:/a`, `\\srv\share\a` → `file://srv/share/a`).
 */
export function artifactUri(file: string): string {
  const path = wellFormed(String(file)).replace(/\\/g, '/');
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(path)) return `file:///${path.slice(0, 2)}${encode(path.slice(2))}`;
  if (path.startsWith('//')) return `file:${encode(path)}`;
  if (path.startsWith('/')) return `file://${encode(path)}`;
  return encode(path.replace(/^(?:\.\/)+/, ''));
}

/** Lone surrogates → U+FFFD, so encodeURIComponent cannot throw. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** FNV-1a, 64 bits over UTF-16 code units, hex: a stable, bounded fingerprint. */
function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
