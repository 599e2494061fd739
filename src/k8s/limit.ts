// Bounded concurrency for the reader's lists and the kubelet probe.

/** Run tasks with at most `limit` in flight; the first failure rejects after the others settle. */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (next < tasks.length && failure === null) {
      const task = tasks[next++] as () => Promise<void>;
      try {
        await task();
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  if (failure !== null) throw failure;
}

/**
 * `fn` over every item with at most `limit` in flight, results in item order. After a failure no
 * new item starts, and the first failure rejects once those in flight have settled (runLimited).
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  await runLimited(items.map((item, i) => async () => { results[i] = await fn(item, i); }), limit);
  return results;
}
