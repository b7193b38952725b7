import type { Browser } from 'playwright-core';

import { AnswerModel } from '../../src/storage/models';

import { launchChromium } from '../support/browser';
import { rawDump, useTestDatabase } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

useTestDatabase();

describe('web chat page in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('takes the survey with buttons and the text box', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${server.url}/webchat`);
    const log = page.getByRole('log');
    await expect(log).toBeDefined();
    await page.getByRole('button', { name: /yes/i }).first().click();

    await page.getByRole('group').getByRole('button', { name: /^6/ }).click();
    const input = page.getByRole('textbox', { name: /answer/i });
    await input.fill('The engineer Jorrit was quick');
    await input.press('Enter');
    await page.getByRole('log').getByText(/thank/i).waitFor();

    const answers = await AnswerModel.find({ channel: 'webchat' }).lean();
    expect(answers).toHaveLength(1);
    expect(answers[0]?.score).toBe(6);
    expect(answers[0]?.locale).toBe('en');
    expect(await rawDump()).not.toContain('Jorrit');
    await page.close();
  });

  test('typed score works without buttons', async () => {
    const page = await browser.newPage({ locale: 'nl-NL' });
    await page.goto(`${server.url}/webchat`);
    const input = page.getByRole('textbox');

    await input.fill('ja');
    await input.press('Enter');
    await page.getByRole('group').getByRole('button').first().waitFor();
    await input.fill('zes');
    await input.press('Enter');
    await page
      .getByRole('log')
      .getByText(/wat ging er goed/i)
      .waitFor();

    const texts = await page.getByRole('log').locator('li').allTextContents();
    expect(texts).toContain('zes');
    expect(await page.getByRole('group').getByRole('button').count()).toBe(0);
    await page.close();
  });
});
