import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthscoreApi } from '../../core/api.ts';
import { importDataset } from '../../db/import.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';
import {
  EVENTUALLY,
  REPO_ROOT,
  loadClient,
  openSampleSession,
  publishScreenshot,
  screenshot,
  type SampleSession,
} from './harness.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ui-import');

interface PageGlobals {
  HealthscoreClient: { api: HealthscoreApi };
}

/** The rows of the AG Grid inside `region`, in display order, as [file, row, column, value, reason]. */
async function gridRows(page: Page, region: string): Promise<string[][]> {
  const grid = page.getByRole('region', { name: region });
  await grid.locator('.ag-row').first().waitFor();
  return grid.evaluate((element) => {
    const rows = [...element.querySelectorAll('.ag-row')];
    rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')));
    return rows.map((row) =>
      ['file', 'row', 'column', 'value', 'reason'].map(
        (column) => row.querySelector(`[col-id="${column}"]`)?.textContent?.trim() ?? '',
      ),
    );
  });
}

async function tableRows(workspace: Workspace, sql: string): Promise<unknown[][]> {
  return (await workspace.connection.runAndReadAll(sql)).getRowsJson();
}

describe('the Import view in the browser mode', () => {
  let session: SampleSession;
  let workspace: Workspace;
  let page: Page;

  beforeAll(async () => {
    session = await openSampleSession({
      prefix: 'import',
      viewport: { width: 1360, height: 900 },
      workspace: async () => {
        const opened = await openWorkspace(':memory:');
        const loaded = await importDataset(opened, join(FIXTURES, 'good'));
        if (loaded.ok) return opened;
        opened.close();
        throw new Error(`the good fixture did not import: ${JSON.stringify(loaded)}`);
      },
    });
    ({ workspace, page } = session);
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.locator('.import-view').waitFor();
    await loadClient(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  /** The account count the app's header shows for the open workspace. */
  function headerAccounts() {
    return page.getByTitle('The open workspace').textContent();
  }

  function getWorkspace() {
    return page.evaluate(() =>
      (globalThis as unknown as PageGlobals).HealthscoreClient.api.getWorkspace(),
    );
  }

  it('lists every rejected row of a broken dataset, and leaves the data as it was', async () => {
    const before = await getWorkspace();
    expect(before).toMatchObject({
      ok: true,
      value: {
        accountCount: 4,
        tables: [
          { table: 'accounts', file: 'accounts.csv', rows: 4 },
          { table: 'usage', file: 'usage.csv', rows: 7 },
        ],
      },
    });
    const accountsBefore = await tableRows(workspace, 'SELECT * FROM accounts ORDER BY account_id');

    await page.setInputFiles('#import-files-input', [
      join(FIXTURES, 'broken', 'accounts.csv'),
      join(FIXTURES, 'broken', 'usage.csv'),
    ]);
    const accountsCard = page.getByRole('article', { name: 'accounts.csv' });
    await expect
      .poll(() => accountsCard.locator('.import-state').textContent(), EVENTUALLY)
      .toBe('Ready');
    await expect
      .poll(
        () =>
          page.getByRole('article', { name: 'usage.csv' }).locator('.import-state').textContent(),
        EVENTUALLY,
      )
      .toBe('Ready');
    await screenshot(page, 'import-broken-preview');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Import refused' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'The workspace was left exactly as it was before the import began.',
    );

    // broken/accounts.csv: row 3 (the header is row 1) starts on 30 February; row 5 repeats row 2's A-2001.
    const rows = await gridRows(page, 'Rejected rows');
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ['accounts.csv', '3', 'contract_start', '2023-02-30'],
      ['accounts.csv', '5', 'account_id', 'A-2001'],
    ]);
    expect(rows[0]![4]).toMatch(/date/);
    expect(rows[1]![4]).toMatch(/duplicate.*row 2/);

    expect(await getWorkspace()).toEqual(before);
    expect(await tableRows(workspace, 'SELECT * FROM accounts ORDER BY account_id')).toEqual(
      accountsBefore,
    );
    expect(await headerAccounts()).toContain('4 accounts');

    await publishScreenshot(await screenshot(page, 'import-refused'), 'import');
  });

  it('maps renamed columns, settles an ambiguous date order, and imports a folder', async () => {
    await page.setInputFiles('#import-folder-input', join(FIXTURES, 'renamed'));
    const accountsCard = page.getByRole('article', { name: 'accounts.csv' });
    await expect
      .poll(() => accountsCard.locator('.import-state').textContent(), EVENTUALLY)
      .toBe('2 required columns missing');
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);

    await page.getByLabel('File column for accounts.account_id').selectOption('Customer ID');
    await page.getByLabel('File column for accounts.contract_start').selectOption('Start Date');
    await page.getByLabel('File column for usage.account_id').selectOption('Customer ID');
    await expect
      .poll(() => accountsCard.locator('.import-state').textContent(), EVENTUALLY)
      .toBe('Ready');
    const accountIdRow = accountsCard.locator('tr', { hasText: 'account_id' }).first();
    expect(await accountIdRow.locator('.import-status').textContent()).toBe('Mapped');

    // Every Start Date (01/02/2023, 03/04/2023, 05/06/2023) reads either way.
    const dates = page.getByRole('region', { name: 'Choose how to read dates written year-last' });
    await page.locator('.import-dates').waitFor();
    expect(await page.locator('.import-dates').textContent()).toContain(
      '01/02/2023 → 1 February 2023',
    );
    expect(await importButton.isDisabled()).toBe(true);
    expect(await dates.count()).toBe(1);
    await page.getByRole('radio', { name: /Day first/ }).check();
    await screenshot(page, 'import-mapping');

    await importButton.click();
    const done = page.getByRole('status').filter({ hasText: 'Imported 2 tables' });
    await done.waitFor();
    // onImported made the app read the workspace again.
    await expect.poll(headerAccounts, EVENTUALLY).toContain('3 accounts');
    expect(await done.locator('tbody tr').allTextContents()).toEqual([
      'accountsaccounts.csv3',
      'usageusage.csv3',
    ]);

    const after = await getWorkspace();
    expect(after).toMatchObject({ ok: true, value: { accountCount: 3, dataStart: '2024-05-01' } });
    // Day first: 01/02/2023 is 1 February, 03/04/2023 is 3 April, 05/06/2023 is 5 June.
    expect(
      await tableRows(
        workspace,
        'SELECT account_id, CAST(contract_start AS VARCHAR) FROM accounts ORDER BY account_id',
      ),
    ).toEqual([
      ['B-01', '2023-02-01'],
      ['B-02', '2023-04-03'],
      ['B-03', '2023-06-05'],
    ]);
    const saved = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).HealthscoreClient.api.getSavedMapping(),
    );
    expect(saved).toMatchObject({
      ok: true,
      value: {
        accounts: { 'Customer ID': 'account_id', 'Start Date': 'contract_start' },
        usage: { 'Customer ID': 'account_id' },
      },
    });
    await screenshot(page, 'import-done');
    expect(session.problems).toEqual([]);
  });
});
