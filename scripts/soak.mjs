// `npm run soak`: the live-view load test for 10 minutes (SOAK_SECONDS overrides).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, SOAK_SECONDS: process.env.SOAK_SECONDS ?? '600' };
console.log(`soak: ${env.SOAK_SECONDS} s of 50 node changes per second against the simulator`);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/k8s/soak.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
