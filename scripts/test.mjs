#!/usr/bin/env node
// `npm test`: the whole suite. Unit and HTTP tests (Vitest) on the embedded database, or on the
// PostgreSQL server named by DATABASE_URL; then the browser tests (playwright-core driving
// Debian's Chromium) when a Chromium is available. Ends with one summary line
// "tests: N passed, N failed[, N skipped]" that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
  return candidates.find((p) => p && fs.existsSync(p));
}

function runVitest(name, cwd, extraEnv = {}, extraArgs = []) {
  const report = path.join(os.tmpdir(), `lianxin-${name}-${process.pid}.json`);
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
    { cwd, stdio: 'inherit', env: { ...process.env, ...extraEnv } },
  );
  if (fs.existsSync(report)) {
    const j = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + j.numTodoTests;
    fs.rmSync(report);
  }
  if (r.status !== 0) ok = false;
}

runVitest('api (unit + HTTP)', path.join(root, 'apps/api'));
runVitest('contracts (unit)', path.join(root, 'packages/contracts'));
runVitest('web (unit)', path.join(root, 'apps/web'), {}, ['--passWithNoTests']);

const chromium = findChromium();
if (chromium) {
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html')) || process.env.E2E_BUILD !== '0') {
    console.log('\n=== building the web app for the browser tests ===');
    const b = spawnSync('npm', ['run', 'build', '-w', '@lianxin/web'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) ok = false;
  }
  runVitest('browser (e2e)', path.join(root, 'e2e'), { CHROMIUM_PATH: chromium });
} else {
  const msg =
    "Browser tests SKIPPED: no Chromium found. Install Debian's chromium and fonts-noto-cjk " +
    '(apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH, then run npm test again.';
  console.log(`\n${msg}`);
  if (process.env.E2E_REQUIRED === '1') {
    console.error('E2E_REQUIRED=1 but no Chromium: failing.');
    ok = false;
  }
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
