import { test, expect } from '@playwright/test';

test('guest signs in, opens a demo service and sees the Scorecard tab', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();

  await page.getByPlaceholder('Search').fill('payments-api');
  await page.getByRole('link', { name: 'payments-api', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'payments-api' })).toBeVisible();

  // the 1.55 entity header renders its tabs as a list of links
  const tab = page.getByRole('link', { name: 'Scorecard', exact: true });
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-api\/scorecard$/);
  await expect(page.getByText('Deployment frequency').first()).toBeVisible();
});
