// Opens <frontend>/platform-health in Debian's headless Chromium and checks
// that the plugin's page renders, not only the app's HTML shell: the
// "Platform health" heading, the organisation view, and a successful
// GET /api/platform-metrics/org/summary made by the page itself.
//
// Usage: node scripts/check-platform-health-page.mjs <frontend-url> [screenshot.png]
import { chromium } from 'playwright-core';

const [frontendUrl, screenshot] = process.argv.slice(2);
if (!frontendUrl) {
  console.error(
    'usage: check-platform-health-page.mjs <frontend-url> [screenshot.png]',
  );
  process.exit(2);
}
const timeout = Number(process.env.PM_PAGE_TIMEOUT_MS ?? 120_000);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

let failed = false;
try {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error.message));

  // Without a configured baseline the page asks for compare=baseline, gets a
  // 400 naming platformMetrics.baseline, says how to set it and asks for the
  // previous period instead: the answer that counts is the one after that.
  const summaryResponse = page.waitForResponse(
    response => {
      const url = new URL(response.url());
      if (url.pathname !== '/api/platform-metrics/org/summary') return false;
      return !(response.status() === 400 && url.searchParams.get('compare') === 'baseline');
    },
    { timeout },
  );
  summaryResponse.catch(() => {}); // awaited below
  await page.goto(`${frontendUrl}/platform-health`, { timeout });

  // create-app's app signs in through the guest provider first.
  const guest = page.getByRole('button', { name: 'Enter' });
  const heading = page.getByRole('heading', {
    name: 'Platform health',
    level: 1,
  });
  await Promise.race([
    guest.waitFor({ timeout }),
    heading.waitFor({ timeout }),
  ]);
  if (await guest.isVisible()) {
    await guest.click();
  }

  await heading.waitFor({ timeout });
  console.log('  heading "Platform health" shown');
  await page
    .getByRole('heading', { name: 'Whole organisation' })
    .waitFor({ timeout });
  console.log('  organisation view shown');

  const response = await summaryResponse;
  if (response.status() !== 200) {
    throw new Error(
      `the page's org summary request answered ${response.status()}`,
    );
  }
  console.log('  the page fetched /api/platform-metrics/org/summary: 200');
  await page.getByText('No baseline is configured').first().waitFor({ timeout });
  console.log('  no baseline configured: the page says how to set one');

  // Loaded: either the figures or the empty state, never the error state.
  await page
    .getByText(/^(Trends|No platform metrics yet)$/)
    .first()
    .waitFor({ timeout });
  if (await page.getByText('Could not load platform health').isVisible()) {
    throw new Error('the page shows "Could not load platform health"');
  }
  console.log('  the page shows the loaded summary');
  if (pageErrors.length > 0) {
    throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
} catch (error) {
  failed = true;
  console.error(`  ${error.message}`);
  if (screenshot) {
    const [page] = browser.contexts().flatMap(c => c.pages());
    await page
      ?.screenshot({ path: screenshot, fullPage: true })
      .catch(() => {});
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
