// The "K8s Anatomy" log (a LogOutputChannel): what was requested and how long it took. Never
// tokens, keys, certificates or kubeconfig contents: messages name contexts, servers, scopes and
// counts only, and errors are logged through `describeError`, which keeps ClusterError's own
// message (written by src/k8s without response bodies) and the first line of anything else.

import type * as vscode from 'vscode';
import { isClusterError } from '../k8s/errors';

export class Log {
  constructor(readonly channel: vscode.LogOutputChannel) {}

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  debug(message: string): void {
    this.channel.debug(message);
  }

  /** Run `task`, logging "what: done in N ms" or "what: failed after N ms: why". */
  async timed<T>(what: string, task: () => PromiseLike<T> | T): Promise<T> {
    const started = Date.now();
    this.channel.info(`${what}…`);
    try {
      const result = await task();
      this.channel.info(`${what}: done in ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      this.channel.warn(`${what}: failed after ${Date.now() - started} ms: ${describeError(error)}`);
      throw error;
    }
  }
}

/** A one-line, credential-free description of an error for the log and messages. */
export function describeError(error: unknown): string {
  if (isClusterError(error)) return `${error.kind}: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 300);
}
