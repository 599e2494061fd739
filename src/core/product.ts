// The product's identity, from one place: its version (package.json's, set by esbuild at build
// time; `0.0.0-dev` when run from sources, as the tests do), its name and its home page. Pure.

declare const K8S_ANATOMY_VERSION: string | undefined;

/** The package version, set by esbuild (`define` in esbuild.mjs); `0.0.0-dev` when run from sources. */
export const VERSION = typeof K8S_ANATOMY_VERSION === 'string' ? K8S_ANATOMY_VERSION : '0.0.0-dev';

/** The command's name, also the tool name in SARIF logs. */
export const PRODUCT_ID = 'k8s-anatomy';

export const PROJECT_URL = 'https://github.com/k8s-anatomy/k8s-anatomy';

/** The SARIF `tool.driver` fields both surfaces (CLI, Export Report) write. */
export const SARIF_TOOL = { name: PRODUCT_ID, version: VERSION, informationUri: PROJECT_URL } as const;
