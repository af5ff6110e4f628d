/** What the end-to-end tests share: the demo's addresses, the guest's token, the UI's formatters and axe. */
import { APIRequestContext, Page, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
// The expected screen text is the API's number in the UI's own format; the
// plugin's `exports` map keeps this helper private, hence the source path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  formatDuration as formatDurationIn,
  formatFrequency as formatFrequencyIn,
  formatPercent as formatPercentIn,
} from '../../../plugins/platform-metrics/src/components/common/format';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { platformMetricsTranslationRef } from '../../../plugins/platform-metrics/src/translation';
import i18next from 'i18next';

// the UI's formatters with the UI's default (English) messages, interpolated
// by i18next as Backstage's translation API does
const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  initImmediate: false,
  keySeparator: false,
  interpolation: { escapeValue: false },
  resources: { en: { messages: (platformMetricsTranslationRef as any).getDefaultMessages() } },
  defaultNS: 'messages',
});
const t = i18n.t.bind(i18n) as any;
export const formatDuration = (seconds: number | null) => formatDurationIn(t, seconds);
export const formatFrequency = (perDay: number | null) => formatFrequencyIn(t, perDay);
export const formatPercent = (fraction: number | null) => formatPercentIn(t, fraction);

/** Where the suite's pages are checked against the backend's own answers; screenshots land in docs/screenshots for the README. */
export const BACKEND = 'http://localhost:7007/api/platform-metrics';
export const SHOTS = path.resolve(__dirname, '../../../docs/screenshots');

export async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('http://localhost:7007/api/auth/guest/refresh');
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

export async function api<T>(request: APIRequestContext, p: string): Promise<T> {
  const res = await request.get(`${BACKEND}${p}`, {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

export function sidebarLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', { name, exact: true });
}

/** The serious and critical accessibility violations axe finds on the page, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(sidebarLink(page, 'Catalog')).toBeVisible();
}

