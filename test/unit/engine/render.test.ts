import { startConversation, step } from '../../../src/engine/engine';
import { renderMessage } from '../../../src/engine/render';
import type { OutboundMessage } from '../../../src/engine/types';
import type { Channel } from '../../../src/surveys/schema';
import { cesSurvey, mixedSurvey } from '../../support/fixtures/engine-surveys';

function cesQuestion(locale: 'nl' | 'en' = 'nl'): OutboundMessage {
  const started = startConversation(cesSurvey, { channel: 'sms', locale, now: 0 });
  const question = step(cesSurvey, started.state, { kind: 'text', text: 'ja' }, 1).outbound[0];
  if (!question) throw new Error('the fixture survey asks no CES question after consent');
  return question;
}

function ratingQuestion(): OutboundMessage {
  const question = startConversation(mixedSurvey, { channel: 'webchat', now: 0 }).outbound[0];
  if (!question) throw new Error('the mixed fixture survey asks no first question');
  return question;
}

describe('renderMessage', () => {
  test.each<[Channel, number]>([
    ['slack', 7],
    ['webchat', 7],
  ])('CES question on %s gets %i buttons', (channel, count) => {
    const rendered = renderMessage(cesQuestion(), channel);

    expect(rendered.buttons).toHaveLength(count);
    expect(rendered.text).not.toContain('Antwoord met');
  });

  test.each<Channel>(['sms', 'whatsapp', 'console', 'botframework'])(
    'CES question on %s carries reply hint',
    (channel) => {
      const rendered = renderMessage(cesQuestion(), channel);

      expect(rendered.buttons).toBeUndefined();
      expect(rendered.text).toContain('Antwoord met 1 t/m 7');
    },
  );

  test('English hint names the end labels', () => {
    const rendered = renderMessage(cesQuestion('en'), 'sms');

    expect(rendered.text).toContain('Reply 1 to 7 (1 = Strongly disagree, 7 = Strongly agree).');
  });

  test('end buttons carry labels', () => {
    const rendered = renderMessage(cesQuestion('en'), 'slack');

    expect(rendered.buttons?.[0]).toEqual({ value: '1', label: '1 – Strongly disagree' });
    expect(rendered.buttons?.[3]).toEqual({ value: '4', label: '4' });
    expect(rendered.buttons?.[6]).toEqual({ value: '7', label: '7 – Strongly agree' });
  });

  test('consent fits Bot Framework suggested actions', () => {
    const consent = startConversation(cesSurvey, { channel: 'botframework', now: 0 }).outbound[0];

    const rendered = renderMessage(consent ?? { text: '' }, 'botframework');

    expect(rendered.buttons?.map((button) => button.value)).toEqual(['yes', 'no']);
  });

  test('0-10 rating gets eleven buttons', () => {
    const webchat = renderMessage(ratingQuestion(), 'webchat');
    const slack = renderMessage(ratingQuestion(), 'slack');

    expect(webchat.buttons).toHaveLength(11);
    expect(slack.buttons).toHaveLength(11);
  });

  test('choice on console lists numbered options', () => {
    const started = startConversation(mixedSurvey, { channel: 'console', now: 0 });
    const choice = step(mixedSurvey, started.state, { kind: 'text', text: '8' }, 1).outbound[0];

    const rendered = renderMessage(choice ?? { text: '' }, 'console');

    expect(rendered.text).toBe(
      'How did you contact us?\n1. Phone\n2. Email\n3. Chat\nReply with the number of your choice.',
    );
  });

  test('SMS replaces typographic punctuation', () => {
    const message = { text: '‘Quick’ – “really”… done' };

    const rendered = renderMessage(message, 'sms');

    expect(rendered.text).toBe('\'Quick\' - "really"... done');
  });

  test('SMS keeps letters outside GSM-7', () => {
    const rendered = renderMessage({ text: 'geïnteresseerd in één enquête' }, 'sms');

    expect(rendered.text).toBe('geïnteresseerd in één enquête');
  });

  test('SMS text is cut at 1600 characters', () => {
    const rendered = renderMessage({ text: 'a'.repeat(2000) }, 'sms');

    expect(rendered.text).toHaveLength(1600);
    expect(rendered.text.endsWith('...')).toBe(true);
  });

  test('Slack button label is cut at 75', () => {
    const long = { value: 'x', label: 'l'.repeat(100) };
    const message = { text: 'Pick', stepId: 's', choices: [long], replyHint: '1. long' };

    const rendered = renderMessage(message, 'slack');

    expect([...(rendered.buttons?.[0]?.label ?? '')]).toHaveLength(75);
  });

  test('message without choices is plain text', () => {
    const rendered = renderMessage({ text: 'Bedankt!' }, 'slack');

    expect(rendered).toEqual({ text: 'Bedankt!' });
  });
});
