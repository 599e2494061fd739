// Read-only YAML copies of cluster objects: `k8s-anatomy:/Deployment/ci/ci-runner.yaml`. Content
// providers give read-only documents; the session serves only objects of the last diagnosis (a
// crafted link cannot make the extension read anything else) and reads them with one GET.

import * as vscode from 'vscode';
import type { ObjectRef } from '../../core/model';
import { DOCUMENT_SCHEME } from '../constants';
import { describeError } from '../log';
import { documentPathOf, refFromDocumentPath } from '../../k8s/objectPaths';
import type { Session } from '../session/session';

export function objectDocumentUri(ref: ObjectRef): vscode.Uri {
  return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: documentPathOf(ref) });
}

export class ObjectDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly session: () => Session | null) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = refFromDocumentPath(uri.path);
    if (!ref) return '# Not a K8s Anatomy object address.\n';
    const session = this.session();
    if (!session) return '# Run "K8s Anatomy: Check Dockershim Readiness" first; this copy comes from its last result.\n';
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      return await session.objectYaml(ref, abort.signal);
    } catch (error) {
      return `# Could not read ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}:\n# ${describeError(error).replace(/\n/g, ' ')}\n`;
    } finally {
      subscription.dispose();
    }
  }
}
