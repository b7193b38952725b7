import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';

import { runConsoleChat } from '../../adapters/console/console-chat';
import { TurnService } from '../../src/conversations/turn-service';
import { createLogger } from '../../src/log';
import { KeyRing } from '../../src/privacy/key-ring';
import { RightsService } from '../../src/privacy/rights';
import { AnswerModel, ConsentModel } from '../../src/storage/models';
import { loadSurveys } from '../../src/surveys/registry';
import { rawDump, useTestDatabase } from '../support/db';

useTestDatabase();

interface ScriptResult {
  status: string | undefined;
  /** Each bot message, in order. */
  replies: string[];
}

/** Types each line into a console chat of the real example dialog and collects the replies. */
async function runScript(
  surveyId: string,
  lines: string[],
  locale?: string,
): Promise<ScriptResult> {
  const log = createLogger({ level: 'silent' });
  const keyRing = new KeyRing([{ id: 'k1', key: randomBytes(32) }]);
  const pseudonymKey = randomBytes(32);
  const surveys = await loadSurveys({ log });
  const rights = new RightsService({ keyRing, pseudonymKey, log, surveys });
  const turns = new TurnService({ surveys, keyRing, pseudonymKey, rights, log });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += String(chunk)));

  input.end(lines.map((line) => `${line}\n`).join(''));
  const status = await runConsoleChat({
    turns,
    surveyId,
    input,
    output,
    ...(locale && { locale }),
  });

  const replies = printed
    .split(/^bot> /m)
    .filter(Boolean)
    .map((reply) => reply.trim());
  return { status, replies };
}

describe('example dialogs through the console adapter', () => {
  test('service-visit in Dutch with a high score', async () => {
    const result = await runScript('service-visit', [
      'ja',
      'zes!',
      'Snelle en vriendelijke monteur',
    ]);

    expect(result.status).toBe('completed');
    expect(result.replies[0]).toMatch(/Doet u mee\?/);
    expect(result.replies[1]).toMatch(/1 t\/m 7/);
    expect(result.replies[2]).toMatch(/goed/i);
    expect(result.replies).toHaveLength(4);
    const answer = await AnswerModel.findOne({ surveyId: 'service-visit' }).lean();
    expect(answer?.score).toBe(6);
    expect(answer?.band).toBe('low');
  });

  test('service-visit re-prompts then asks what made it hard', async () => {
    const result = await runScript(
      'service-visit',
      ['yes', '3-4', '2', 'I had to call three times'],
      'en',
    );

    expect(result.status).toBe('completed');
    expect(result.replies[2]).toMatch(/one number from 1 to 7/i);
    expect(result.replies[3]).toMatch(/hard|difficult/i);
  });

  test('it-helpdesk with CES 1.0 and a choice', async () => {
    const result = await runScript('it-helpdesk', ['yes', '4', '3', 'Fix it the first time']);

    expect(result.status).toBe('completed');
    expect(result.replies[1]).toMatch(/1 to 5/);
    expect(result.replies[2]).toMatch(/Waiting for a fix/);
    const answer = await AnswerModel.findOne({ surveyId: 'it-helpdesk' }).lean();
    expect(answer?.score).toBe(4);
    expect(answer?.band).toBe('high');
    expect(answer?.values).toMatchObject({ 'hardest-part': 'waiting' });
  });

  test('it-helpdesk skips the follow-up when nothing was hard', async () => {
    const result = await runScript('it-helpdesk', ['yes', '1', 'nothing']);

    expect(result.status).toBe('completed');
    expect(result.replies.at(-1)).toMatch(/Thank you/);
  });

  test('support-chat in Dutch with the rating branch', async () => {
    const result = await runScript('support-chat', ['ja', '7', 'ja', '9', 'Niets'], 'nl');

    expect(result.status).toBe('completed');
    expect(result.replies[3]).toMatch(/0 t\/m 10/);
    const answer = await AnswerModel.findOne({ surveyId: 'support-chat', locale: 'nl' }).lean();
    expect(answer?.values).toMatchObject({ ces: 7, resolved: true, agent: 9 });
  });

  test('support-chat without the rating when unresolved', async () => {
    const result = await runScript('support-chat', ['yes', '2', 'no', 'Answer the first time']);

    expect(result.status).toBe('completed');
    const answer = await AnswerModel.findOne({ surveyId: 'support-chat', locale: 'en' }).lean();
    expect(answer?.values).toMatchObject({ ces: 2, resolved: false });
    expect(answer?.values).not.toHaveProperty('agent');
  });

  test('stop keyword ends any dialog without an answer', async () => {
    const before = await AnswerModel.countDocuments();

    const result = await runScript('support-chat', ['yes', 'STOP']);

    expect(result.status).toBe('stopped');
    expect(await AnswerModel.countDocuments()).toBe(before);
  });

  test('consents are stored and free text is not readable', async () => {
    const consents = await ConsentModel.countDocuments({ granted: true });
    const dump = await rawDump();

    expect(consents).toBe(7);
    expect(dump).not.toContain('vriendelijke monteur');
    expect(dump).not.toContain('three times');
    expect(dump).not.toContain('first time');
  });
});
