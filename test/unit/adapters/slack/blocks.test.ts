import {
  askedStepId,
  parseAnswerActionId,
  toSlackMessage,
} from '../../../../adapters/slack/blocks';
import type { OutboundMessage } from '../../../../src/engine/types';

const SCALE_QUESTION: OutboundMessage = {
  text: 'How much effort did it take?',
  stepId: 'ces',
  choices: [
    { value: '1', label: '1 – very low effort' },
    { value: '2', label: '2' },
    { value: '3', label: '3 – very high effort' },
  ],
  replyHint: 'Reply 1 to 3',
};

describe('toSlackMessage', () => {
  test('scale question gets one button per choice', () => {
    const message = toSlackMessage(SCALE_QUESTION);

    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(actions).toBeDefined();
    const elements = actions && 'elements' in actions ? actions.elements : [];
    expect(elements.map((element) => 'action_id' in element && element.action_id)).toEqual([
      'ces:ces:1',
      'ces:ces:2',
      'ces:ces:3',
    ]);
    expect(elements.map((element) => 'value' in element && element.value)).toEqual(['1', '2', '3']);
  });

  test('buttons replace the reply hint', () => {
    const message = toSlackMessage(SCALE_QUESTION);

    expect(message.text).toBe('How much effort did it take?');
  });

  test('question section carries its step id', () => {
    const message = toSlackMessage({ text: 'What would help?', stepId: 'improvement' });

    expect(message.blocks).toHaveLength(1);
    expect(message.blocks[0]?.block_id).toBe('ces-step:improvement');
  });

  test('statement has no block id and no buttons', () => {
    const message = toSlackMessage({ text: 'Thank you!' });

    expect(message.blocks).toHaveLength(1);
    expect(message.blocks[0]?.block_id).toBeUndefined();
  });

  test('mrkdwn control characters are escaped', () => {
    const message = toSlackMessage({ text: 'Tom & Jerry <@U123> > all' });

    const section = message.blocks[0];
    const text = section?.type === 'section' ? section.text?.text : undefined;
    expect(text).toBe('Tom &amp; Jerry &lt;@U123&gt; &gt; all');
    expect(message.text).toBe('Tom & Jerry <@U123> > all');
  });
});

describe('parseAnswerActionId', () => {
  test.each([
    ['ces:ces:4', { stepId: 'ces', value: '4' }],
    ['ces:hardest-part:waiting', { stepId: 'hardest-part', value: 'waiting' }],
    ['ces:consent:yes', { stepId: 'consent', value: 'yes' }],
  ])('reads %s', (actionId, expected) => {
    expect(parseAnswerActionId(actionId)).toEqual(expected);
  });

  test.each(['ces-start', 'ces:', 'ces::4', 'other:ces:4', ''])('ignores %p', (actionId) => {
    expect(parseAnswerActionId(actionId)).toBeUndefined();
  });
});

describe('askedStepId', () => {
  test('reads the step from the question block', () => {
    const blocks = [
      { block_id: 'abc' },
      { block_id: 'ces-step:hardest-part' },
      { block_id: 'ces-answers:x' },
    ];

    expect(askedStepId(blocks)).toBe('hardest-part');
  });

  test('returns undefined without a question block', () => {
    expect(askedStepId([{ block_id: 'abc' }])).toBeUndefined();
    expect(askedStepId(undefined)).toBeUndefined();
  });
});
