import type { Browser, Page } from 'playwright-core';

import { AnswerModel, DeliveryModel } from '../../src/storage/models';

import { launchChromium } from '../support/browser';
import { rawDump, useTestDatabase } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

useTestDatabase();

/** Milliseconds each message request is held back, so a test can act while it is in flight. */
const REPLY_DELAY_MS = 300;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function startSession(): Promise<string> {
  const started = await postJson('/webchat/api/sessions', { locale: 'en' });
  return String(started.session);
}

/** Holds back each message request and returns the bodies of those sent. */
async function delayMessages(page: Page): Promise<string[]> {
  const bodies: string[] = [];
  await page.route('**/webchat/api/messages', async (route) => {
    bodies.push(route.request().postData() ?? '');
    await new Promise((resolve) => setTimeout(resolve, REPLY_DELAY_MS));
    await route.continue();
  });
  return bodies;
}

describe('web chat API', () => {
  test('reply is closed after a decline', async () => {
    const session = await startSession();

    const reply = await postJson('/webchat/api/messages', {
      session,
      messageId: 'decline-0001',
      text: 'no',
    });

    expect(reply.closed).toBe(true);
  });

  test('reply is open while questions remain', async () => {
    const session = await startSession();

    const reply = await postJson('/webchat/api/messages', {
      session,
      messageId: 'consent-0001',
      text: 'yes',
    });

    expect(reply.closed).toBe(false);
  });

  test('deliveries hold no session id', async () => {
    const session = await startSession();

    await postJson('/webchat/api/messages', { session, messageId: 'stored-0001', text: 'yes' });

    expect(await DeliveryModel.countDocuments()).toBeGreaterThan(0);
    expect(await rawDump()).not.toContain(session);
  });

  test('repeated message id is a duplicate', async () => {
    const session = await startSession();
    const message = { session, messageId: 'repeat-0001', text: 'yes' };

    const first = await postJson('/webchat/api/messages', message);
    const again = await postJson('/webchat/api/messages', message);

    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
  });
});

describe('web chat page in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('takes the survey with buttons and the text box', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${server.url}/webchat`);
    const log = page.getByRole('log');
    await expect(log).toBeDefined();
    await page.getByRole('button', { name: /yes/i }).first().click();

    await page.getByRole('group').getByRole('button', { name: /^6/ }).click();
    await page
      .getByRole('log')
      .getByText(/went well/i)
      .waitFor();
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

  test('second click before the reply sends nothing', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${server.url}/webchat`);
    await page.getByRole('group').getByRole('button', { name: /yes/i }).click();
    await page.getByRole('group').getByRole('button', { name: /^2/ }).waitFor();
    const sent = await delayMessages(page);

    // Both clicks land within one task, long before the held-back reply.
    await page.evaluate(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>('.ces-chat__choice');
      buttons[1]?.click();
      buttons[5]?.click();
    });
    await page
      .getByRole('log')
      .getByText(/difficult/i)
      .waitFor();

    expect(sent).toHaveLength(1);
    expect(await page.locator('.ces-chat__message--me').allTextContents()).toEqual(['Yes', '2']);
    await page.close();
  });

  test('send button waits for the reply', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${server.url}/webchat`);
    await page.getByRole('group').getByRole('button').first().waitFor();
    const sent = await delayMessages(page);
    const input = page.getByRole('textbox', { name: /answer/i });

    await input.fill('yes');
    await input.press('Enter');
    const disabledInFlight = await page.getByRole('button', { name: 'Send' }).isDisabled();
    await input.fill('yes');
    await input.press('Enter');
    await page.getByRole('group').getByRole('button', { name: /^6/ }).waitFor();

    expect(disabledInFlight).toBe(true);
    expect(sent).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    await page.close();
  });

  test('data request works after the survey closes', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${server.url}/webchat`);
    await page.getByRole('group').getByRole('button', { name: /^yes/i }).click();
    await page.getByRole('group').getByRole('button', { name: /^7/ }).click();
    const input = page.getByRole('textbox', { name: /answer/i });
    await page
      .getByRole('log')
      .getByText(/went well/i)
      .waitFor();
    await input.fill('All good');
    await input.press('Enter');
    await page.getByRole('log').getByText(/thank/i).waitFor();

    await input.fill('my data');
    await input.press('Enter');
    await page
      .getByRole('log')
      .getByText(/we store this/i)
      .waitFor();

    expect(await input.isDisabled()).toBe(false);
    expect(await page.getByRole('group').getByRole('button').count()).toBe(0);
    await page.close();
  });

  test('long word wraps inside its bubble', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${server.url}/webchat`);
    await page.getByRole('group').getByRole('button').first().waitFor();
    const input = page.getByRole('textbox', { name: /answer/i });

    await input.fill('x'.repeat(300));
    await input.press('Enter');
    const bubble = page.locator('.ces-chat__message--me');
    await bubble.waitFor();

    const overflow = await bubble.evaluate((item) => item.scrollWidth - item.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
