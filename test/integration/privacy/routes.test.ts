import type { AddressInfo } from 'node:net';

import restify, { type Server } from 'restify';

import { CesBotError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import { pseudonymize } from '../../../src/privacy/pseudonym';
import { RightsService } from '../../../src/privacy/rights';
import type { SurveySource } from '../../../src/privacy/survey-source';
import { requireAdmin } from '../../../src/server/admin-auth';
import { registerPrivacyRoutes } from '../../../src/server/routes/privacy';
import { AnswerModel } from '../../../src/storage/models';
import { clearCollections, useTestDatabase } from '../../support/db';
import { fixtureSurvey } from '../../unit/privacy/fixtures/survey';
import { createTestKeys, seedRespondent } from './seed';

useTestDatabase();

const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
const PHONE = '+31612345678';
const TEXT = 'De monteur kwam drie uur te laat';
const { keyRing, pseudonymKey } = createTestKeys();
const rights = new RightsService({
  keyRing,
  pseudonymKey,
  log: createLogger({ level: 'silent' }),
  surveys: [fixtureSurvey()],
});

/** Starts a restify server with only the privacy routes, which renders errors as the app does. */
async function startServer(surveys?: SurveySource): Promise<{ server: Server; url: string }> {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.on('restifyError', (_req, _res, error, callback) => {
    if (error instanceof CesBotError) {
      Object.assign(error, {
        statusCode: error.status,
        toJSON: () => ({ code: error.code, message: error.message }),
      });
    }
    return callback();
  });
  registerPrivacyRoutes(server, {
    rights,
    pseudonymKey,
    requireAdmin: requireAdmin(ADMIN_KEY),
    ...(surveys && { surveys }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function post(url: string, body: unknown, key = ADMIN_KEY): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

describe('registerPrivacyRoutes', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await startServer([fixtureSurvey()]));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(clearCollections);

  it('exports by phone number', async () => {
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const response = await post(`${url}/api/v1/privacy/export`, { phone: '06-12345678' });

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.collections.answers[0].text.answers.reason).toBe(TEXT);
  });

  it('exports by pseudonym', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const response = await post(`${url}/api/v1/privacy/export`, { pseudonym: seeded.respondent });

    const body = await response.json();
    expect(body.respondent).toBe(seeded.respondent);
    expect(body.collections.conversations).toHaveLength(1);
  });

  it('erases by phone number', async () => {
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const response = await post(`${url}/api/v1/privacy/erase`, { phone: PHONE });

    expect(response.status).toBe(200);
    expect((await response.json()).erased).toMatchObject({ answers: 1, conversations: 1 });
    expect(await AnswerModel.countDocuments({})).toBe(0);
  });

  it('erases by Slack user and team', async () => {
    const respondent = pseudonymize(pseudonymKey, { kind: 'slack', team: 'T0001', user: 'U0001' });
    await AnswerModel.create({
      surveyId: 'service-visit',
      channel: 'slack',
      conversationId: 'c1',
      respondent,
      locale: 'en',
      completedAt: new Date(),
    });

    const response = await post(`${url}/api/v1/privacy/erase`, {
      slackUser: 'U0001',
      slackTeam: 'T0001',
    });

    expect((await response.json()).erased.answers).toBe(1);
  });

  it('rejects a body naming two respondents', async () => {
    const response = await post(`${url}/api/v1/privacy/erase`, {
      phone: PHONE,
      pseudonym: 'a'.repeat(64),
    });

    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe('invalid_input');
    expect(body.message).toContain('expected exactly one of');
  });

  it('rejects a malformed pseudonym', async () => {
    const response = await post(`${url}/api/v1/privacy/export`, { pseudonym: 'abc' });

    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain(
      'pseudonym: expected 64 lowercase hexadecimal characters',
    );
  });

  it('rejects an invalid phone number', async () => {
    const response = await post(`${url}/api/v1/privacy/export`, { phone: '12' });

    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain('invalid phone number');
  });

  it('requires the admin key', async () => {
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const response = await post(`${url}/api/v1/privacy/erase`, { phone: PHONE }, 'wrong-key');

    expect(response.status).toBe(401);
    expect(await AnswerModel.countDocuments({})).toBe(1);
  });

  it('rectifies a score', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const response = await post(`${url}/api/v1/privacy/rectify`, {
      answerId: seeded.answerId,
      score: 2,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ previousScore: 6, score: 2, band: 'high' });
    expect((await AnswerModel.findById(seeded.answerId).lean())?.score).toBe(2);
  });

  it('rejects a rectification without a whole score', async () => {
    const response = await post(`${url}/api/v1/privacy/rectify`, { answerId: 'x', score: 2.5 });

    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain('score: ');
  });

  it('answers 404 for an unknown answer', async () => {
    const response = await post(`${url}/api/v1/privacy/rectify`, {
      answerId: '0123456789abcdef01234567',
      score: 2,
    });

    expect(response.status).toBe(404);
  });

  it('returns the record of processing', async () => {
    const response = await fetch(`${url}/api/v1/privacy/record`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.records[0].surveyId).toBe('service-visit');
    expect(body.records[0].processors).toContain('database host');
  });
});

describe('registerPrivacyRoutes without surveys', () => {
  it('answers the record route with 503', async () => {
    const { server, url } = await startServer();

    const response = await fetch(`${url}/api/v1/privacy/record`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });

    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('record_unavailable');
  });
});
