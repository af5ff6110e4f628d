import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Before the end-to-end tests: wait until the demo backend is ready, load the
 * demo history through the public ingestion API (the same loader
 * `scripts/demo.sh` runs; idempotent), wait until the catalog sync has
 * recorded the demo organisation and the survey history is published.
 */
const BACKEND = 'http://localhost:7007';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

export default async function globalSetup() {
  await waitFor(
    'the backend readiness check',
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
    300_000,
  );

  execFileSync('yarn', ['workspace', '@platform-metrics/demo-data', 'seed'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });

  await waitFor(
    'the catalog sync to record the demo teams',
    async () => {
      const auth = await fetch(`${BACKEND}/api/auth/guest/refresh`);
      const token = (await auth.json()).backstageIdentity.token;
      const res = await fetch(`${BACKEND}/api/platform-metrics/org/summary`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = await res.json();
      return res.ok && body.teams.length >= 6;
    },
    300_000,
  );

  // NPS shows publications only, and the imports trigger the backend's
  // publication task: wait until the demo history is published and two reads
  // agree, so that no publication of the history lands during the survey test
  let last = '';
  await waitFor(
    'the survey publication of the demo history',
    async () => {
      const nps = JSON.stringify((await orgSummary()).nps);
      const settled = nps === last && JSON.parse(nps).trend.length > 0;
      last = nps;
      return settled;
    },
    300_000,
  );
}

async function orgSummary() {
  const auth = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  const token = (await auth.json()).backstageIdentity.token;
  const res = await fetch(`${BACKEND}/api/platform-metrics/org/summary`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`org summary answered ${res.status}`);
  return res.json();
}
