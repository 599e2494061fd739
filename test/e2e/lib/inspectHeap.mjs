// Heap of a Node process through its inspector, for the soak's extension-host samples. Run with
// Node ≥ 22 (global WebSocket): node inspectHeap.mjs PORT EXPECTED_PID
// Connects to the inspector on 127.0.0.1:PORT, checks the target really is EXPECTED_PID, forces a
// full GC (HeapProfiler.collectGarbage) and prints one JSON line: Runtime.getHeapUsage and
// process.memoryUsage() after it, in bytes. Exit 1 with a message on any failure.

const [port, expectedPid] = process.argv.slice(2);
const fail = (message) => {
  console.error(`inspectHeap: ${message}`);
  process.exit(1);
};
setTimeout(() => fail('timed out after 30 s'), 30_000).unref();

const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const target = targets.find((t) => t.type === 'node' && t.webSocketDebuggerUrl);
if (!target) fail(`no node target on port ${port}`);

const socket = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((resolve, reject) => {
  socket.addEventListener('open', resolve, { once: true });
  socket.addEventListener('error', () => reject(new Error('cannot connect')), { once: true });
}).catch((error) => fail(error.message));

let nextId = 1;
const pending = new Map();
socket.addEventListener('message', (event) => {
  const message = JSON.parse(String(event.data));
  const waiter = pending.get(message.id);
  if (!waiter) return;
  pending.delete(message.id);
  if (message.error) waiter.reject(new Error(`${message.error.message} (${message.error.code})`));
  else waiter.resolve(message.result);
});
const send = (method, params = {}) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  socket.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expression) => {
  const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, returnByValue: true });
  if (exceptionDetails) throw new Error(exceptionDetails.text);
  return result.value;
};

try {
  const pid = await evaluate('process.pid');
  if (String(pid) !== String(expectedPid)) fail(`the inspector on port ${port} belongs to pid ${pid}, not ${expectedPid}`);
  await send('HeapProfiler.collectGarbage');
  await send('HeapProfiler.collectGarbage');
  const heap = await send('Runtime.getHeapUsage');
  const memory = await evaluate('JSON.stringify(process.memoryUsage())');
  console.log(JSON.stringify({ pid, usedSize: heap.usedSize, totalSize: heap.totalSize, memoryUsage: JSON.parse(memory) }));
} catch (error) {
  fail(error.message);
} finally {
  socket.close();
}
