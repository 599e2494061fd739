// What to try, per ClusterError kind, worded for the editor (the CLI's advice names its flags).
// Pure.

import { adviceFor, type ClusterErrorKind } from '../../k8s/errors';

export function editorAdvice(kind: ClusterErrorKind): string {
  switch (kind) {
    case 'no-kubeconfig':
      return 'Point the k8sAnatomy.kubeconfig setting (or KUBECONFIG) at a kubeconfig file, or open a built-in sample cluster.';
    case 'timeout':
      return 'The API server did not answer in time: check the connection (VPN, proxy, firewall), then Refresh.';
    case 'expired':
    case 'too-many-requests':
    case 'server-error':
      return `${adviceFor(kind)} (Refresh reads it again.)`;
    default:
      return adviceFor(kind);
  }
}
