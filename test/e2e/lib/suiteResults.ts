// The extension-host suite (test/vscode, mocha inside VS Code's Node extension host) writes its
// results as JSON to $K8S_ANATOMY_TEST_RESULTS. This reads the shapes it may take: mocha's JSON
// reporter (`stats` + `tests[]` with `err`), or a plain `{ passed, failed, tests[] }`.

export interface SuiteTest {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly error?: string;
}

export interface SuiteResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly SuiteTest[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function testOf(raw: unknown): SuiteTest | null {
  if (!isObject(raw)) return null;
  const title = String(raw['fullTitle'] ?? raw['title'] ?? raw['name'] ?? '(untitled)');
  const err = raw['err'] ?? raw['error'];
  const errorText = isObject(err) ? (typeof err['message'] === 'string' ? err['message'] + (typeof err['stack'] === 'string' ? `\n${err['stack']}` : '') : '') : typeof err === 'string' ? err : '';
  const state = raw['state'] ?? raw['status'];
  if (raw['pending'] === true || state === 'pending' || state === 'skipped') return { title, state: 'pending' };
  if (state === 'failed' || raw['passed'] === false || errorText !== '') return { title, state: 'failed', error: errorText || 'failed' };
  if (state === 'passed' || raw['passed'] === true || (isObject(err) && Object.keys(err).length === 0) || err === undefined) return { title, state: 'passed' };
  return null;
}

export function parseSuiteResults(raw: unknown): SuiteResults {
  if (!isObject(raw)) throw new Error('the results file does not hold a JSON object');
  const tests = (Array.isArray(raw['tests']) ? raw['tests'] : []).map(testOf).filter((t): t is SuiteTest => t !== null);
  const stats = isObject(raw['stats']) ? raw['stats'] : raw;
  const num = (...keys: string[]) => {
    for (const key of keys) if (typeof stats[key] === 'number') return stats[key] as number;
    return undefined;
  };
  const passed = num('passes', 'passed') ?? tests.filter((t) => t.state === 'passed').length;
  const failed = num('failures', 'failed') ?? tests.filter((t) => t.state === 'failed').length;
  const pending = num('pending', 'skipped') ?? tests.filter((t) => t.state === 'pending').length;
  if (tests.length === 0 && num('passes', 'passed') === undefined) {
    throw new Error(`the results file has neither tests[] nor pass counts: ${JSON.stringify(raw).slice(0, 300)}`);
  }
  return { passed, failed, pending, tests };
}
