// Type-checks every side with its own tsconfig (DESIGN.md §3): src without DOM or Node, src/db with DOM,
// the renderer with DOM, the Node side with Node types, and every test.
import { spawnSync } from 'node:child_process';

const projects = ['src/tsconfig.json', 'src/db/tsconfig.json', 'renderer/tsconfig.json', 'tsconfig.node.json', 'tsconfig.tests.json'];
let failed = 0;
for (const project of projects) {
  const started = Date.now();
  const run = spawnSync('tsc', ['-p', project], { stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(`typecheck ${project}: ${run.status === 0 ? 'ok' : 'FAILED'} (${Date.now() - started} ms)`);
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
