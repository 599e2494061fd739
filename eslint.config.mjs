// Lint rules that keep the layers of docs/architecture.md apart: src/core and src/protocol stay pure (no
// vscode, no client-node, no file system, no network, no processes); only src/k8s talks to
// client-node.
import tseslint from 'typescript-eslint';

const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'tls', 'node:tls', 'child_process', 'node:child_process'];

const CLIENT_NODE_ONLY_IN_K8S = { name: '@kubernetes/client-node', message: 'Only src/k8s imports client-node.' };

const pure = (layer) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      paths: [
        { name: 'vscode', message: `src/${layer} is pure: no vscode. Adapt it in src/extension.` },
        { name: '@kubernetes/client-node', message: `src/${layer} is pure: only src/k8s talks to client-node.` },
        ...NODE_IO.map((name) => ({ name, message: `src/${layer} is pure: no file system, network or processes.` })),
      ],
    }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  pure('core'),
  pure('protocol'),
  // A later block's rule options replace an earlier block's (flat config does not merge them), so
  // the webview's block repeats the client-node ban next to its own.
  {
    files: ['src/extension/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [CLIENT_NODE_ONLY_IN_K8S] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [CLIENT_NODE_ONLY_IN_K8S, { name: 'vscode', message: 'The webview runs in a browser; talk to the host through src/protocol messages.' }] }],
    },
  },
);
