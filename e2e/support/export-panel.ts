import { expect, type Page } from '@playwright/test';
import { downloadOf, type Downloaded } from './downloads';

export type ExportScope = 'This view' | 'Open ports' | 'The whole scan';
export type ExportChoice = 'CSV' | 'CSV for Excel' | 'JSON' | 'NDJSON';

/**
 * Exports from the Results tab through the window's own panel ("Export…", what, format, Export)
 * and resolves the downloaded file.
 */
export async function exportFromResults(
  page: Page,
  scope: ExportScope,
  format: ExportChoice,
): Promise<Downloaded> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const panel = page.getByRole('dialog', { name: 'Export results' });
  await expect(panel).toBeVisible();
  const what = scope === 'This view' ? /^This view/ : scope;
  await panel.getByRole('radio', { name: what, exact: true }).check();
  await panel.getByRole('radio', { name: format, exact: true }).check();
  const file = await downloadOf(page, () =>
    panel.getByRole('button', { name: 'Export', exact: true }).click(),
  );
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: file.name })).toBeVisible();
  return file;
}
