// Waiting for the flags board to show what a filter asked for. The count line keeps its old
// text until the new page answers, so reading it (or the rows) right after a filter change can
// see the rows of the previous filter. While a page is asked for, the board's table is aria-busy.
import { expect, type Page } from '@playwright/test';

export async function boardSettled(page: Page): Promise<void> {
  await expect(page.locator('table.flags-board[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Flags' }).getByRole('status').first()).toHaveText(/^[\d,.]+ (of|von) [\d,.]+ (flags|Hinweisen)$/);
}
