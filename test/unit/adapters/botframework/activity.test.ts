import {
  addedUsers,
  deliveryId,
  inboundActivitySchema,
  toMessageTurn,
  type InboundActivity,
} from '../../../../adapters/botframework/activity';

function activity(fields: Record<string, unknown> = {}): InboundActivity {
  return inboundActivitySchema.parse({
    type: 'message',
    id: 'activity-1',
    channelId: 'emulator',
    serviceUrl: 'http://localhost:51234',
    conversation: { id: 'conversation-1' },
    from: { id: 'user-1', name: 'Test user' },
    recipient: { id: 'bot-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...fields,
  });
}

describe('inboundActivitySchema', () => {
  test('keeps fields it does not read', () => {
    expect(activity().channelData).toEqual({ tenant: { id: 'tenant-1' } });
  });

  test('rejects a serviceUrl that is not http', () => {
    const parsed = inboundActivitySchema.safeParse({
      ...activity(),
      serviceUrl: 'file:///etc/passwd',
    });

    expect(parsed.success).toBe(false);
  });

  test('rejects an empty user id', () => {
    const parsed = inboundActivitySchema.safeParse({ ...activity(), from: { id: '  ' } });

    expect(parsed.success).toBe(false);
  });
});

describe('toMessageTurn', () => {
  test('typed text becomes a text event', () => {
    const turn = toMessageTurn(activity({ text: 'Een 6', locale: 'nl-NL' }), 'support-chat');

    expect(turn).toEqual({
      channel: 'botframework',
      address: { kind: 'botframework', channelId: 'emulator', userId: 'user-1' },
      deliveryId: deliveryId('conversation-1', 'activity-1'),
      event: { kind: 'text', text: 'Een 6' },
      surveyId: 'support-chat',
      locale: 'nl-NL',
    });
  });

  test('value with stepId becomes an action event', () => {
    const turn = toMessageTurn(activity({ value: { stepId: 'ces', value: '6' } }), 'support-chat');

    expect(turn.event).toEqual({ kind: 'action', stepId: 'ces', value: '6' });
  });

  test('value without stepId falls back to the text', () => {
    const turn = toMessageTurn(activity({ text: '6', value: { score: 6 } }), 'support-chat');

    expect(turn.event).toEqual({ kind: 'text', text: '6' });
  });

  test('message without text is empty text', () => {
    const turn = toMessageTurn(activity(), 'support-chat');

    expect(turn.event).toEqual({ kind: 'text', text: '' });
  });

  test('activity without id has no delivery id', () => {
    const turn = toMessageTurn(activity({ id: undefined }), 'support-chat');

    expect(turn).not.toHaveProperty('deliveryId');
  });
});

describe('deliveryId', () => {
  test('same activity id in two conversations differs', () => {
    expect(deliveryId('conversation-1', 'a')).not.toBe(deliveryId('conversation-2', 'a'));
  });

  test('ids that join to the same text differ', () => {
    expect(deliveryId('a:b', 'c')).not.toBe(deliveryId('a', 'b:c'));
  });

  test('does not contain the conversation id', () => {
    expect(deliveryId('a:1personal-conversation', 'x')).not.toContain('personal');
  });

  test('is stable', () => {
    expect(deliveryId('conversation-1', 'a')).toBe(deliveryId('conversation-1', 'a'));
  });
});

describe('addedUsers', () => {
  test('leaves out the bot itself', () => {
    const update = activity({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user-1' }, { id: 'bot-1' }],
    });

    expect(addedUsers(update)).toEqual(['user-1']);
  });

  test('update that adds only the bot adds no user', () => {
    const update = activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }] });

    expect(addedUsers(update)).toEqual([]);
  });

  test('update without membersAdded adds no user', () => {
    expect(addedUsers(activity({ type: 'conversationUpdate' }))).toEqual([]);
  });
});
