// What a message from the webview may make the host do. Webview input is untrusted: a forged
// `openLink` may only open an https URL that the knowledge base or the rule catalog holds, and
// `openSample` only a sample that exists. Pure.

import { KNOWLEDGE } from '../../core/knowledge';
import { RULES } from '../../core/rules/catalog';
import { KUBECONFIG_DOCS_URL } from '../../protocol/messages';

let allowed: ReadonlySet<string> | null = null;

/** Every documentation URL the extension itself ships (knowledge links and rule docs). */
export function allowedLinks(): ReadonlySet<string> {
  allowed ??= new Set([
    ...KNOWLEDGE.flatMap((entry) => entry.links.map((link) => link.url)),
    ...RULES.flatMap((rule) => rule.docs),
    KUBECONFIG_DOCS_URL,
  ].filter((url) => url.startsWith('https://')));
  return allowed;
}

export function isAllowedLink(url: string): boolean {
  return allowedLinks().has(url);
}

export function isKnownSample(name: string, samples: readonly { readonly name: string }[]): boolean {
  return samples.some((sample) => sample.name === name);
}
