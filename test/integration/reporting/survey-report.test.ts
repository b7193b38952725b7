import { randomUUID } from 'node:crypto';

import { useTestDatabase } from '../../support/db';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../support/server';

useTestDatabase();

/** Takes the service-visit survey over web chat with one score. */
async function answerWithScore(url: string, score: number): Promise<void> {
  const post = async (path: string, body: object) => {
    const response = await fetch(url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const { session } = await post('/webchat/api/sessions', { locale: 'en' });
  for (const text of ['yes', String(score), 'It was fine']) {
    await post('/webchat/api/messages', { session, messageId: randomUUID(), text });
  }
}

describe('GET /api/v1/surveys/:id/report', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    for (const score of [1, 2, 4, 5, 6, 7, 7]) await answerWithScore(server.url, score);
  });

  afterAll(async () => {
    await server.stop();
  });

  test('returns n, net, mean and distribution', async () => {
    const response = await fetch(`${server.url}/api/v1/surveys/service-visit/report`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      surveyId: 'service-visit',
      n: 7,
      net: 29,
      mean: 4.6,
      distribution: { '1': 1, '2': 1, '3': 0, '4': 1, '5': 1, '6': 1, '7': 2 },
    });
  });

  test('rejects a missing key with 401', async () => {
    const response = await fetch(`${server.url}/api/v1/surveys/service-visit/report`);

    expect(response.status).toBe(401);
  });

  test('rejects a wrong key with 401', async () => {
    const response = await fetch(`${server.url}/api/v1/surveys/service-visit/report`, {
      headers: { Authorization: 'Bearer wrong' },
    });

    expect(response.status).toBe(401);
  });

  test('answers 404 for an unknown survey', async () => {
    const response = await fetch(`${server.url}/api/v1/surveys/no-such-survey/report`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });

    expect(response.status).toBe(404);
  });

  test('filters by channel', async () => {
    const response = await fetch(`${server.url}/api/v1/surveys/service-visit/report?channel=sms`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });

    expect((await response.json()).n).toBe(0);
  });
});

describe('report filter validation', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  test.each([
    'from=2026-13-45',
    'from=2026-02-30',
    'to=yesterday',
    'from=2026-02-01&to=2026-01-01',
  ])('rejects %s with 400', async (query) => {
    const response = await fetch(`${server.url}/api/v1/surveys/service-visit/report?${query}`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });

    expect(response.status).toBe(400);
  });
});
