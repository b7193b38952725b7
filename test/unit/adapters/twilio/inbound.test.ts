import { channelOf, phoneOf, toTurn, type InboundSms } from '../../../../adapters/twilio/inbound';

const SMS: InboundSms = {
  MessageSid: `SM${'b'.repeat(32)}`,
  From: '+31612345678',
  To: '+3197010000000',
  Body: 'Stop please',
};

describe('toTurn', () => {
  test('passes an SMS body as text', () => {
    const turn = toTurn(SMS, 'service-visit');

    expect(turn.channel).toBe('sms');
    expect(turn.address).toEqual({ kind: 'phone', value: '+31612345678' });
    expect(turn.event).toEqual({ kind: 'text', text: 'Stop please' });
    expect(turn.deliveryId).toBe(SMS.MessageSid);
    expect(turn.surveyId).toBe('service-visit');
  });

  test.each([
    ['STOP', 'ARRET'],
    ['START', 'UNSTOP'],
    ['HELP', 'INFO'],
  ] as const)('maps OptOutType %s to its keyword', (optOutType, body) => {
    const turn = toTurn({ ...SMS, Body: body, OptOutType: optOutType }, 'service-visit');

    expect(turn.event).toEqual({ kind: 'text', text: optOutType });
  });

  test('reads WhatsApp from the address prefix', () => {
    const turn = toTurn({ ...SMS, From: 'whatsapp:+31612345678' }, 'service-visit');

    expect(turn.channel).toBe('whatsapp');
    expect(turn.address).toEqual({ kind: 'phone', value: '+31612345678' });
  });
});

describe('channelOf', () => {
  test('tells SMS from WhatsApp', () => {
    expect(channelOf('+31612345678')).toBe('sms');
    expect(channelOf('whatsapp:+31612345678')).toBe('whatsapp');
  });
});

describe('phoneOf', () => {
  test('strips the WhatsApp prefix only', () => {
    expect(phoneOf('whatsapp:+31612345678')).toBe('+31612345678');
    expect(phoneOf('+31612345678')).toBe('+31612345678');
  });
});
