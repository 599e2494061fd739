// One readiness finding as a card: severity, rule, object, field path, message, fix and its docs.
// Shared by the details pane and the overview.

import type { AnatomyNode, Finding } from '../src/core/model';
import type { PanelModel } from '../src/protocol/messages';
import { subjectLabel } from '../src/core/render/text';
import { h, linkButton } from './dom';
import { field, isHttpsLink, linkLabel, prose } from './format';
import { SEVERITY_NAMES, severityOf } from './words';

export function severityChip(severity: unknown): HTMLElement {
  const s = severityOf(severity);
  return h('span', { class: `sev-chip sev-${s}`, text: SEVERITY_NAMES[s] });
}

/** The object a finding is about (`Kind namespace/name`), ready for textContent. */
export function subjectText(finding: Finding): string {
  return field(subjectLabel(finding.subject ?? { kind: '?', namespace: '', name: '?' }), 300);
}

export function findingCard(finding: Finding, open: (url: string) => void, extra: readonly Node[] = []): HTMLElement {
  const docs = (Array.isArray(finding.docs) ? finding.docs : []).filter(isHttpsLink).slice(0, 5);
  return h('article', { class: `finding sev-${severityOf(finding.severity)}` }, [
    h('div', { class: 'finding-head' }, [
      severityChip(finding.severity),
      h('code', { class: 'rule', text: field(finding.rule, 80) }),
      h('span', { class: 'subject', text: subjectText(finding) }),
    ]),
    finding.path ? h('div', { class: 'finding-path' }, [h('span', { class: 'muted', text: 'Field ' }), h('code', { text: field(finding.path, 300) })]) : null,
    h('p', { class: 'finding-message', text: prose(finding.message) }),
    finding.remediation ? h('p', { class: 'finding-fix' }, [h('strong', { text: 'Fix: ' }), prose(finding.remediation)]) : null,
    docs.length > 0 ? h('div', { class: 'links' }, docs.map((url) => linkButton(linkLabel(url), url, open))) : null,
    ...extra,
  ]);
}

/** The findings that touch a component, as the core states them (`AnatomyNode.findings`: report indices). */
export function findingsOf(model: PanelModel, node: AnatomyNode): Finding[] {
  const all = model.report.findings;
  return (Array.isArray(node.findings) ? node.findings : [])
    .filter((i) => Number.isInteger(i) && i >= 0 && i < all.length)
    .map((i) => all[i] as Finding);
}

/** The component a finding of the report links to (`Anatomy.findingComponents`, by report index). */
export function componentOfFinding(model: PanelModel, index: number): string | undefined {
  const links = model.anatomy.findingComponents;
  const id = Array.isArray(links) ? links[index] : undefined;
  return typeof id === 'string' ? id : undefined;
}
