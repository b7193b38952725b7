import { toBotReplies } from '../../../../adapters/botframework/reply';
import type { OutboundMessage } from '../../../../src/engine/types';

const SCALE: OutboundMessage = {
  text: 'How easy was it?',
  stepId: 'ces',
  choices: ['1', '2', '3', '4', '5', '6', '7'].map((value) => ({ value, label: value })),
  replyHint: 'Reply 1 to 7.',
};

const YES_NO: OutboundMessage = {
  text: 'Will you take part?',
  stepId: 'consent',
  choices: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
  replyHint: 'Reply YES or NO.',
};

describe('toBotReplies', () => {
  test('Emulator gets the whole scale as actions', () => {
    const [reply] = toBotReplies([SCALE], 'emulator');

    expect(reply?.actions.map((action) => action.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(reply?.text).toBe('How easy was it?');
  });

  test('Teams gets a scale of seven as text with the hint', () => {
    const [reply] = toBotReplies([SCALE], 'msteams');

    expect(reply?.actions).toEqual([]);
    expect(reply?.text).toBe('How easy was it?\nReply 1 to 7.');
  });

  test('Teams gets yes and no as actions', () => {
    const [reply] = toBotReplies([YES_NO], 'msteams');

    expect(reply?.actions).toEqual(YES_NO.choices);
    expect(reply?.text).toBe('Will you take part?');
  });

  test('channel without suggested actions gets the hint', () => {
    const [reply] = toBotReplies([YES_NO], 'email');

    expect(reply?.actions).toEqual([]);
    expect(reply?.text).toBe('Will you take part?\nReply YES or NO.');
  });

  test('channel id is matched without case', () => {
    const [reply] = toBotReplies([YES_NO], 'WebChat');

    expect(reply?.actions).toHaveLength(2);
  });

  test('message without choices is sent as text', () => {
    const [reply] = toBotReplies([{ text: 'Thank you.' }], 'emulator');

    expect(reply).toEqual({ text: 'Thank you.', actions: [] });
  });

  test('long label is cut to 50 characters', () => {
    const long = { value: 'x', label: 'a'.repeat(80) };

    const [reply] = toBotReplies([{ ...YES_NO, choices: [long] }], 'emulator');

    expect([...(reply?.actions[0]?.label ?? '')]).toHaveLength(50);
    expect(reply?.actions[0]?.label.endsWith('…')).toBe(true);
  });

  test('replies keep their order', () => {
    const replies = toBotReplies([{ text: 'first' }, { text: 'second' }], 'emulator');

    expect(replies.map((reply) => reply.text)).toEqual(['first', 'second']);
  });
});
