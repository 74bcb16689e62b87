// `npm run screenshots`: drives a realistic session in the built window (e2e/readme-screenshots)
// and writes its pictures to docs/screenshots, where the README shows them.
import { spawnSync } from 'node:child_process';

const run = spawnSync(
  process.execPath,
  ['scripts/run-e2e.mjs', 'e2e/readme-screenshots.spec.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, PORTHOLE_SCREENSHOTS_DIR: 'docs/screenshots' } },
);
process.exit(run.status ?? 1);
