// The simulator as a library: `startSimulator(options)` loads a scenario, makes per-run
// certificates, serves the Kubernetes API over HTTPS on 127.0.0.1, writes a kubeconfig once it is
// listening, and returns a handle whose `store` lets a test change the cluster (and so emit watch
// events) and whose `close()` ends every connection.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDumps } from '../../../src/k8s/dumpFiles';
import { loadSample } from '../../../src/k8s/samples';
import { ApiHandler, type ApiConfig, type RequestRecord } from './api';
import { Authorizer, parseForbid, SIM_USER, type AuthMode } from './auth';
import { generateCertificates } from './certs';
import { Faults } from './faults';
import { writeKubeconfig } from './kubeconfig';
import { withBothEventVersions } from './events';
import type { SavedKubeletAnswers } from './kubelet';
import { mergePatch } from './patch';
import { ResourceRegistry, type ResourceInfo } from './resources';
import { generateScaleCluster, type ScaleOptions } from './scale';
import { badRequest, notFound } from './status';
import { Store, type KubeObject } from './store';
import { DEFAULT_SERVER_VERSION } from './version';

export interface SimOptions {
  /** Dump files or directories (`kubectl get -o json|yaml` output), as `--from`. */
  readonly from?: readonly string[];
  /** A built-in sample from `samples/`, as `--sample`. */
  readonly sample?: string;
  /** Objects to load as they are (copied). */
  readonly objects?: readonly object[];
  /** gitVersion for /version; default: the dump's, else the scale generator's, else v1.30.0. */
  readonly serverVersion?: string;
  /** Generate a large realistic cluster, as `--scale nodes=N,pods=M[,seed=S]`. */
  readonly scale?: ScaleOptions;
  /** Default 'token'. */
  readonly auth?: AuthMode;
  /** Fault specs, as `--fault` (see README.md). */
  readonly faults?: readonly string[];
  /** Forbid rules, as `--forbid` (see README.md). */
  readonly forbid?: readonly string[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Where to write the kubeconfig; default: a private temp dir removed by close(). */
  readonly kubeconfigOut?: string;
  /** 'legacy' answers the aggregated-discovery Accept with plain APIGroupList, as servers before 1.26 do. */
  readonly discovery?: 'aggregated' | 'legacy';
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK (default 60 s, as real servers). */
  readonly bookmarkIntervalMs?: number;
  /** Watch events kept for resuming (default 10000); older resourceVersions get 410. */
  readonly historySize?: number;
}

/** The cluster's contents, for tests: every mutation emits the watch events a real server would. */
export interface SimStore {
  /** The latest resourceVersion. */
  readonly resourceVersion: number;
  /** Create from a full object (apiVersion, kind, metadata.name); throws on AlreadyExists. */
  create(object: object): KubeObject;
  /** Replace an object; a stale metadata.resourceVersion throws Conflict, none means unconditional. */
  update(object: object): KubeObject;
  /** Merge-patch an object. */
  patch(kind: string, namespace: string | undefined, name: string, patch: object): KubeObject;
  delete(kind: string, namespace: string | undefined, name: string): KubeObject;
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** All objects of a kind (Pod, pods, po, deployments.apps …) in key order, optionally in one namespace. */
  list(kind: string, namespace?: string): KubeObject[];
  /** How many objects of a kind exist (cheap, unlike list). */
  count(kind: string): number;
  /** Drop the watch history: older continue tokens and watch resourceVersions get 410 from now on. */
  compact(): void;
}

export interface RunningSimulator {
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly kubeconfigPath: string;
  /** The bearer token, when auth is token or exec. */
  readonly token?: string;
  readonly auth: AuthMode;
  readonly serverVersion: string;
  /** PEM of the CA that signed the serving certificate. */
  readonly caPem: string;
  readonly store: SimStore;
  /** Requests seen so far (method, path, query, user, status), oldest first. */
  readonly requests: readonly RequestRecord[];
  close(): Promise<void>;
}

interface Scenario {
  readonly store: Store;
  readonly serverVersion: string;
  readonly kubelet: Map<string, SavedKubeletAnswers>;
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Build the store from every source in the options. */
export async function loadScenario(options: SimOptions): Promise<Scenario> {
  const store = new Store(new ResourceRegistry(), options.historySize !== undefined ? { historySize: options.historySize } : {});
  let dumpVersion: string | undefined;
  const objects: KubeObject[] = [];
  const kubelet = new Map<string, SavedKubeletAnswers>();
  if (options.sample !== undefined) {
    const sample = await loadSample(options.sample);
    objects.push(...sample.objects.map((o) => o.object));
    dumpVersion = sample.serverVersion ?? dumpVersion;
  }
  if (options.from && options.from.length > 0) {
    const dump = await loadDumps(options.from, { keepKubeletText: true });
    objects.push(...dump.objects.map((o) => o.object));
    for (const saved of dump.kubeletText) {
      const answers = kubelet.get(saved.node) ?? {};
      answers[saved.answer] = saved.text;
      kubelet.set(saved.node, answers);
    }
    dumpVersion = dump.serverVersion ?? dumpVersion;
  }
  if (options.objects) objects.push(...(structuredClone(options.objects) as KubeObject[]));
  store.load(withBothEventVersions(objects));
  let scaleVersion: string | undefined;
  if (options.scale) {
    const generated = generateScaleCluster(options.scale);
    scaleVersion = generated.serverVersion;
    store.load(generated.objects);
  }
  synthesizeNamespaces(store);
  return { store, kubelet, serverVersion: options.serverVersion ?? dumpVersion ?? scaleVersion ?? DEFAULT_SERVER_VERSION };
}

/** Dumps of pods rarely include their Namespace objects; a real cluster always has them. */
function synthesizeNamespaces(store: Store): void {
  const info = store.registry.forPath('', 'v1', 'namespaces');
  if (!info) return;
  const missing = [...new Set([...SYSTEM_NAMESPACES, ...store.namespacesInUse()])].filter((ns) => !store.entry(info, '', ns)).sort();
  store.load(
    missing.map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })),
  );
}

function resolveKind(store: Store, kind: string): ResourceInfo {
  const info = store.registry.find(kind) ?? store.registry.list().find((r) => `${r.plural}.${r.group}` === kind);
  if (!info) throw new Error(`the simulator serves no resource "${kind}"`);
  return info;
}

function storeApi(store: Store): SimStore {
  const infoOf = (object: object): ResourceInfo => {
    const o = object as KubeObject;
    const info = store.registry.forKind(String(o['apiVersion'] ?? ''), String(o['kind'] ?? ''));
    if (!info) throw badRequest(`the simulator serves no ${String(o['apiVersion'])} ${String(o['kind'])}`);
    return info;
  };
  const ensureNamespace = (info: ResourceInfo, object: object): void => {
    const ns = ((object as KubeObject)['metadata'] as KubeObject | undefined)?.['namespace'];
    if (info.namespaced && typeof ns === 'string' && ns !== '') {
      const namespaces = store.registry.forPath('', 'v1', 'namespaces');
      if (namespaces && !store.entry(namespaces, '', ns)) {
        store.createObject(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, status: { phase: 'Active' } });
      }
    }
  };
  return {
    get resourceVersion() {
      return store.resourceVersion;
    },
    create(object) {
      const info = infoOf(object);
      ensureNamespace(info, object);
      return store.object(store.createObject(info, object as KubeObject));
    },
    update(object) {
      return store.object(store.updateObject(infoOf(object), object as KubeObject));
    },
    patch(kind, namespace, name, patch) {
      const info = resolveKind(store, kind);
      const current = store.entry(info, namespace ?? '', name);
      if (!current) throw notFound(info, name);
      const merged = mergePatch(store.object(current), patch) as KubeObject;
      return store.object(store.updateObject(info, merged));
    },
    delete(kind, namespace, name) {
      return store.object(store.deleteObject(resolveKind(store, kind), namespace ?? '', name));
    },
    get(kind, namespace, name) {
      const entry = store.entry(resolveKind(store, kind), namespace ?? '', name);
      return entry ? store.object(entry) : undefined;
    },
    list(kind, namespace) {
      return [...store.entries(resolveKind(store, kind), namespace)].map((e) => store.object(e));
    },
    count(kind) {
      return store.count(resolveKind(store, kind));
    },
    compact() {
      store.compact();
    },
  };
}

export async function startSimulator(options: SimOptions = {}): Promise<RunningSimulator> {
  const auth = options.auth ?? 'token';
  const forbid = (options.forbid ?? []).map(parseForbid);
  const faults = new Faults(options.faults ?? []);
  const scenario = await loadScenario(options);
  const certificates = await generateCertificates(SIM_USER, 'sim-users');
  // Only a kubeconfig (and the exec script) ever goes to disk: where kubeconfigOut says, else in a
  // private temp dir that close() removes.
  const workDir = options.kubeconfigOut === undefined ? await mkdtemp(join(tmpdir(), 'k8s-anatomy-sim-')) : undefined;
  const kubeconfigPath = workDir !== undefined ? join(workDir, 'kubeconfig') : (options.kubeconfigOut as string);
  let server: Server | undefined;
  try {
    const token = randomBytes(24).toString('base64url');
    const config: ApiConfig = {
      store: scenario.store,
      authorizer: new Authorizer(forbid, scenario.store.registry),
      faults,
      authMode: auth,
      token,
      serverVersion: scenario.serverVersion,
      discovery: options.discovery ?? 'aggregated',
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      serverAddress: '127.0.0.1:0',
      kubelet: scenario.kubelet,
    };
    const handler = new ApiHandler(config);
    const sockets = new Set<Socket>();
    server = createServer(
      {
        key: certificates.serverKeyPem,
        cert: certificates.serverCertPem,
        ca: certificates.clientCaPem,
        requestCert: true,
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      },
      handler.handle,
    );
    server.keepAliveTimeout = 60_000;
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.on('tlsClientError', () => {
      // A client that gave up during the handshake (or a probe): nothing to answer.
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, '127.0.0.1', () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const url = `https://127.0.0.1:${port}`;
    config.serverAddress = `127.0.0.1:${port}`;
    await writeKubeconfig({ path: kubeconfigPath, url, auth, token, certificates, user: SIM_USER });

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        handler.close();
        const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        listening.closeAllConnections();
        await closed;
        if (workDir) await rm(workDir, { recursive: true, force: true });
      })();
      return closing;
    };

    return {
      url,
      port,
      kubeconfigPath,
      ...(auth === 'cert' ? {} : { token }),
      auth,
      serverVersion: scenario.serverVersion,
      caPem: certificates.caPem,
      store: storeApi(scenario.store),
      requests: handler.records,
      close,
    };
  } catch (error) {
    server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}
