import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Browser, Page } from 'playwright-core';

import { AnswerModel } from '../../src/storage/models';
import { launchChromium } from '../support/browser';
import { useTestDatabase } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

useTestDatabase();

/**
 * Starts a customer's own site on another origin, which embeds the widget with one script tag.
 * Its page `/linked` also links the widget's stylesheet itself.
 */
function startHostSite(botUrl: string): Promise<Server> {
  const stylesheet = `<link rel="stylesheet" href="${botUrl}/webchat/widget.css">`;
  const page = (head: string) => `<!doctype html><html lang="en"><head><title>Shop</title>
${head}</head><body>
<h1>Your order</h1>
<script src="${botUrl}/webchat/widget.js" data-survey="support-chat" data-locale="en" defer></script>
</body></html>`;
  const site = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(req.url === '/linked' ? stylesheet : ''));
  });
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(site)));
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent ?? '');
}

async function stylesheetLinks(page: Page): Promise<string[]> {
  return page
    .locator('link[rel="stylesheet"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
}

/** Waits until the widget's stylesheet has hidden the input's label, or gives up after 5 s. */
async function labelPosition(page: Page): Promise<string> {
  const hidden = () =>
    getComputedStyle(document.querySelector('.ces-visually-hidden')!).position === 'absolute';
  await page.waitForFunction(hidden, undefined, { timeout: 5000 }).catch(() => undefined);
  return page.locator('.ces-visually-hidden').evaluate((label) => getComputedStyle(label).position);
}

describe('embedded web chat widget', () => {
  let server: TestServer;
  let site: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    site = await startHostSite(server.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.stop();
  });

  test('survey can be taken by keyboard from another origin', async () => {
    const page = await browser.newPage();
    const { port } = site.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('group').getByRole('button').first().waitFor();

    expect(await focusedText(page)).toMatch(/yes/i);
    await page.keyboard.press('Enter');
    await page.getByRole('group').getByRole('button', { name: /^6/ }).waitFor();
    for (let press = 0; press < 5; press++) await page.keyboard.press('Tab');
    expect(await focusedText(page)).toMatch(/^6/);
    await page.keyboard.press('Enter');
    await page.getByRole('group').getByRole('button', { name: /^no/i }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page
      .getByRole('log')
      .getByText(/easier/i)
      .waitFor();
    await page.keyboard.type('Shorter waiting times');
    await page.keyboard.press('Enter');
    await page
      .getByRole('log')
      .getByText(/thank you/i)
      .waitFor();

    const answer = await AnswerModel.findOne({ surveyId: 'support-chat' }).lean();
    expect(answer?.channel).toBe('webchat');
    expect(answer?.values).toMatchObject({ ces: 6, resolved: false });
    await page.close();
  });

  test('widget links its stylesheet', async () => {
    const page = await browser.newPage();
    const { port } = site.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('group').getByRole('button').first().waitFor();

    expect(await stylesheetLinks(page)).toEqual([`${server.url}/webchat/widget.css`]);
    expect(await labelPosition(page)).toBe('absolute');
    await page.close();
  });

  test('linked stylesheet is not added twice', async () => {
    const page = await browser.newPage();
    const { port } = site.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/linked`);
    await page.getByRole('group').getByRole('button').first().waitFor();

    expect(await stylesheetLinks(page)).toEqual([`${server.url}/webchat/widget.css`]);
    expect(await labelPosition(page)).toBe('absolute');
    await page.close();
  });

  test('widget is labelled for screen readers', async () => {
    const page = await browser.newPage();
    const { port } = site.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('group').getByRole('button').first().waitFor();

    const log = page.getByRole('log');
    const group = page.getByRole('group');
    const input = page.getByRole('textbox', { name: 'Your answer' });

    expect(await log.getAttribute('aria-live')).toBe('polite');
    expect(await group.getAttribute('aria-label')).toMatch(/take part/i);
    expect(await input.count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Conversation' }).count()).toBe(1);
    await page.close();
  });
});
