import { createHash } from 'node:crypto';

import { startConversation, step, type StartOptions } from '../../../src/engine/engine';
import type { InboundEvent, TurnResult } from '../../../src/engine/types';
import type { Survey } from '../../../src/surveys/schema';
import { cesSurvey, mixedSurvey } from '../../support/fixtures/engine-surveys';

const T0 = Date.UTC(2024, 4, 1, 9, 0);
const HOUR = 3_600_000;

/** A conversation driven as a script: each call sends one message and keeps the last turn. */
class Chat {
  last: TurnResult;

  constructor(
    readonly survey: Survey,
    options: Partial<StartOptions> = {},
  ) {
    this.last = startConversation(survey, { channel: 'sms', now: T0, ...options });
  }

  get state() {
    return this.last.state;
  }

  /** Every outbound text of the last turn, joined, for `toContain` checks. */
  get reply(): string {
    return this.last.outbound.map((message) => message.text).join('\n');
  }

  send(text: string, at = T0 + 60_000): this {
    return this.receive({ kind: 'text', text }, at);
  }

  press(stepId: string, value: string, at = T0 + 60_000): this {
    return this.receive({ kind: 'action', stepId, value }, at);
  }

  private receive(event: InboundEvent, at: number): this {
    this.last = step(this.survey, this.last.state, event, at);
    return this;
  }
}

/** Starts a CES survey conversation and consents, so that it waits for the score. */
function atScore(): Chat {
  return new Chat(cesSurvey).send('ja');
}

/** Starts a CES survey conversation and scores 6, so that it waits for the follow-up. */
function atFollowUp(): Chat {
  return atScore().send('6');
}

describe('startConversation', () => {
  test('opens with consent question', () => {
    const chat = new Chat(cesSurvey);

    expect(chat.state.status).toBe('consent');
    expect(chat.state.stepIndex).toBe(0);
    expect(chat.reply).toContain('Acme Service B.V. stelt u 2 korte vragen');
    expect(chat.reply).toContain('365 dagen');
    expect(chat.last.outbound[0]?.replyHint).toContain('STOP');
    expect(chat.last.effects).toEqual([]);
  });

  test('sets times from now', () => {
    const chat = new Chat(cesSurvey);

    expect(chat.state.startedAt).toBe(T0);
    expect(chat.state.lastActivityAt).toBe(T0);
    expect(chat.state.expiresAt).toBe(T0 + 24 * HOUR);
  });

  test('survey without consent opens at first question', () => {
    const chat = new Chat(mixedSurvey);

    expect(chat.state.status).toBe('open');
    expect(chat.reply).toBe('How likely are you to recommend us?');
  });

  test.each([
    [{ metadata: { locale: 'en' } }, 'en'],
    [{ locale: 'en-GB' }, 'en'],
    [{ locale: 'de' }, 'nl'],
    [{ locale: 'en', metadata: { locale: 'nl' } }, 'nl'],
    [{}, 'nl'],
  ] as const)('locale from %o is %s', (options, expected) => {
    const chat = new Chat(cesSurvey, options);

    expect(chat.state.locale).toBe(expected);
  });

  test('drops undeclared metadata', () => {
    const chat = new Chat(cesSurvey, { metadata: { segment: 'business', phone: '+31612345678' } });

    expect(chat.state.metadata).toEqual({ segment: 'business' });
  });
});

describe('step', () => {
  describe('consent', () => {
    test('yes records consent and asks score', () => {
      const chat = new Chat(cesSurvey);
      const shown = chat.last.outbound[0]?.text ?? '';

      chat.send('Ja, prima');

      expect(chat.state.status).toBe('open');
      expect(chat.state.stepIndex).toBe(1);
      expect(chat.reply).toContain('makkelijk om mijn probleem op te lossen');
      expect(chat.last.effects).toEqual([
        {
          kind: 'consent',
          granted: true,
          noticeVersion: '2024-05',
          textHash: createHash('sha256').update(shown).digest('hex'),
        },
      ]);
      expect(chat.state.answers).toEqual({});
      expect(chat.state.raw).toEqual({});
    });

    test('no declines and suppresses', () => {
      const chat = new Chat(cesSurvey, { metadata: { segment: 'business' } });

      chat.send('nee dank je');

      expect(chat.state.status).toBe('declined');
      expect(chat.reply).toContain('bewaren niets');
      expect(chat.last.effects).toEqual([
        expect.objectContaining({ kind: 'consent', granted: false, noticeVersion: '2024-05' }),
        { kind: 'suppress', reason: 'declined' },
      ]);
      expect(chat.state.answers).toEqual({});
      expect(chat.state.metadata).toEqual({});
    });

    test('yes button grants consent', () => {
      const chat = new Chat(cesSurvey).press('consent', 'yes');

      expect(chat.state.status).toBe('open');
      expect(chat.last.effects[0]).toEqual(expect.objectContaining({ granted: true }));
    });

    test('unclear reply re-prompts', () => {
      const chat = new Chat(cesSurvey).send('wat is dit?');

      expect(chat.state.status).toBe('consent');
      expect(chat.state.retries).toBe(1);
      expect(chat.reply).toContain('JA of NEE');
      expect(chat.last.effects).toEqual([]);
    });

    test('score before consent is not recorded', () => {
      const chat = new Chat(cesSurvey).send('6');

      expect(chat.state.status).toBe('consent');
      expect(chat.state.answers).toEqual({});
      expect(chat.state.raw).toEqual({});
    });

    test('hash follows the locale shown', () => {
      const dutch = new Chat(cesSurvey).send('ja');
      const english = new Chat(cesSurvey, { locale: 'en' }).send('yes');

      expect(dutch.last.effects[0]).not.toEqual(english.last.effects[0]);
    });
  });

  describe('CES bands', () => {
    test.each([
      ['1', 1, 'Wat maakte het lastig?'],
      ['3', 3, 'Wat maakte het lastig?'],
      ['vier', 4, 'Wat had het makkelijker gemaakt?'],
      ['Een 6!', 6, 'Wat ging er goed?'],
      ['7/7', 7, 'Wat ging er goed?'],
    ])('%j asks %s band follow-up', (reply, value, followUp) => {
      const chat = atScore().send(reply);

      expect(chat.reply).toBe(followUp);
      expect(chat.state.answers).toEqual({ ces: value });
      expect(chat.state.raw).toEqual({ ces: reply });
    });

    test('follow-up completes with all answers', () => {
      const chat = atScore().send('2').send('  De wachttijd was lang ');

      expect(chat.state.status).toBe('completed');
      expect(chat.reply).toBe('Bedankt voor uw tijd!');
      expect(chat.last.effects).toEqual([
        {
          kind: 'answer',
          answers: { ces: 2, followUp: 'De wachttijd was lang' },
          raw: { ces: '2', followUp: '  De wachttijd was lang ' },
        },
      ]);
    });

    test('score button is accepted', () => {
      const chat = atScore().press('ces', '5');

      expect(chat.state.answers).toEqual({ ces: 5 });
      expect(chat.reply).toBe('Wat ging er goed?');
    });

    test('English conversation uses English texts', () => {
      const chat = new Chat(cesSurvey, { locale: 'en' }).send('yes').send('6 out of 7');

      expect(chat.state.answers).toEqual({ ces: 6 });
      expect(chat.reply).toBe('What went well?');
    });
  });

  describe('re-prompts', () => {
    test.each([
      ['9', 'buiten de schaal'],
      ['3-4', 'Kies één cijfer'],
      ['7/10', 'schaal van 1 t/m 7'],
      ['6 of misschien 7', 'niet duidelijk'],
      ['goed', 'cijfer van 1 t/m 7'],
    ])('%j re-prompts with the range', (reply, expected) => {
      const chat = atScore().send(reply);

      expect(chat.state.stepIndex).toBe(1);
      expect(chat.state.retries).toBe(1);
      expect(chat.state.answers).toEqual({});
      expect(chat.reply).toContain(expected);
      expect(chat.reply).toContain('1');
      expect(chat.reply).toContain('7');
    });

    test('re-prompt keeps buttons and hint', () => {
      const chat = atScore().send('9');

      expect(chat.last.outbound[0]?.stepId).toBe('ces');
      expect(chat.last.outbound[0]?.choices).toHaveLength(7);
      expect(chat.last.outbound[0]?.replyHint).toContain('Antwoord met 1 t/m 7');
    });

    test('valid reply resets retries', () => {
      const chat = atScore().send('9').send('8').send('6');

      expect(chat.state.retries).toBe(0);
      expect(chat.state.answers).toEqual({ ces: 6 });
    });

    test('third invalid reply abandons', () => {
      const chat = atScore().send('9').send('weet niet').send('3 of 4');

      expect(chat.state.status).toBe('abandoned');
      expect(chat.state.retries).toBe(3);
      expect(chat.reply).toContain('afgesloten');
      expect(chat.last.effects).toEqual([]);
    });

    test('step retries override survey maximum', () => {
      const chat = new Chat(mixedSurvey).send('8').send('phone').send('maybe');

      expect(chat.state.status).toBe('abandoned');
    });

    test('rejected reply keeps expiry', () => {
      const chat = atScore();
      const expiresAt = chat.state.expiresAt;

      chat.send('9', T0 + 2 * HOUR);

      expect(chat.state.expiresAt).toBe(expiresAt);
    });

    test('too long text states maximum', () => {
      const business = new Chat(mixedSurvey, { metadata: { segment: 'business' } });

      business.send('8').send('2').send('yes').send('This is far more than twenty characters');

      expect(business.state.status).toBe('open');
      expect(business.reply).toContain('maximum of 20 characters');
    });

    test('empty text asks for an answer', () => {
      const chat = atFollowUp().send('   ');

      expect(chat.state.retries).toBe(1);
      expect(chat.reply).toContain('Typ alstublieft uw antwoord');
    });
  });

  describe('buttons', () => {
    test('forged value is rejected', () => {
      const chat = atScore().press('ces', '9');

      expect(chat.state.answers).toEqual({});
      expect(chat.state.retries).toBe(1);
      expect(chat.reply).toContain('1 t/m 7');
    });

    test.each(['6.5', '', ' 6', '0x6', '1e1', 'yes'])('value %j is rejected', (value) => {
      const chat = atScore().press('ces', value);

      expect(chat.state.answers).toEqual({});
    });

    test('stale step is rejected', () => {
      const chat = atFollowUp().press('ces', '2');

      expect(chat.state.answers).toEqual({ ces: 6 });
      expect(chat.state.stepIndex).toBe(4);
      expect(chat.state.retries).toBe(1);
    });

    test('valid value for other step is rejected', () => {
      const chat = new Chat(mixedSurvey).send('8').press('recommend', 'phone');

      expect(chat.state.answers).toEqual({ recommend: 8 });
      expect(chat.state.retries).toBe(1);
    });

    test('text step takes no button', () => {
      const chat = atFollowUp().press('good', 'great');

      expect(chat.state.answers).toEqual({ ces: 6 });
    });

    test('choice value outside options is rejected', () => {
      const chat = new Chat(mixedSurvey).send('8').press('contact-channel', 'fax');

      expect(chat.state.answers).toEqual({ recommend: 8 });
      expect(chat.state.retries).toBe(1);
    });
  });

  describe('choices and conditions', () => {
    test.each([
      ['2', 'email'],
      ['bellen', 'phone'],
      ['Telefoon', 'phone'],
      ['via de chat', 'chat'],
    ])('choice %j selects %s', (reply, value) => {
      const chat = new Chat(mixedSurvey).send('8').send(reply);

      expect(chat.state.answers['contact-channel']).toBe(value);
    });

    test('two options re-prompt', () => {
      const chat = new Chat(mixedSurvey).send('8').send('phone and email');

      expect(chat.state.retries).toBe(1);
      expect(chat.reply).toContain('more than one option');
    });

    test('no closing step completes with thanks', () => {
      const chat = new Chat(mixedSurvey).send('😀').send('3').send('no');

      expect(chat.state.status).toBe('completed');
      expect(chat.reply).toBe('Thank you for your answers.');
      expect(chat.last.effects).toEqual([
        {
          kind: 'answer',
          answers: { recommend: 10, 'contact-channel': 'chat', 'contact-again': false },
          raw: { recommend: '😀', 'contact-channel': '3', 'contact-again': 'no' },
        },
      ]);
    });

    test('metadata condition asks extra question', () => {
      const chat = new Chat(mixedSurvey, { metadata: { segment: 'business' } });

      chat.send('8').send('1').send('yes');

      expect(chat.state.status).toBe('open');
      expect(chat.reply).toBe('Anything else?');
    });
  });

  describe('expiry', () => {
    test('late message gets closed', () => {
      const chat = atScore();

      chat.send('6', chat.state.expiresAt + 1);

      expect(chat.state.status).toBe('expired');
      expect(chat.reply).toContain('gesloten');
      expect(chat.state.answers).toEqual({});
    });

    test('message at expiry is accepted', () => {
      const chat = atScore();

      chat.send('6', chat.state.expiresAt);

      expect(chat.state.answers).toEqual({ ces: 6 });
    });

    test('accepted turn moves expiry', () => {
      const later = T0 + 5 * HOUR;

      const chat = atScore().send('6', later);

      expect(chat.state.lastActivityAt).toBe(later);
      expect(chat.state.expiresAt).toBe(later + 24 * HOUR);
    });

    test.each(['completed', 'declined', 'stopped', 'abandoned', 'expired'] as const)(
      '%s conversation gets closed',
      (status) => {
        const chat = atScore();
        chat.last = { ...chat.last, state: { ...chat.state, status } };
        const before = chat.state;

        chat.send('6');

        expect(chat.reply).toContain('gesloten');
        expect(chat.state).toEqual(before);
        expect(chat.last.effects).toEqual([]);
      },
    );
  });

  describe('keywords', () => {
    const states: Array<[string, () => Chat]> = [
      ['consent', () => new Chat(cesSurvey)],
      ['score', atScore],
      ['follow-up', atFollowUp],
      ['pending erasure', () => atFollowUp().send('delete my data')],
      ['completed', () => atFollowUp().send('Snel geholpen')],
      ['expired', () => atScore().send('6', T0 + 48 * HOUR)],
    ];

    test.each(states)('stop in %s suppresses', (_name, begin) => {
      const chat = begin();
      const answers = chat.state.answers;

      chat.send('Stop!');

      expect(chat.last.effects).toEqual([{ kind: 'suppress', reason: 'stopped' }]);
      expect(chat.reply).toContain('START');
      expect(chat.state.answers).toEqual(answers);
      expect(chat.state.pendingConfirmation).toBeUndefined();
    });

    test('stop ends active conversation', () => {
      const chat = atFollowUp().send('STOP aub');

      expect(chat.state.status).toBe('stopped');
    });

    test('stop keeps completed status', () => {
      const chat = atFollowUp().send('Snel geholpen').send('stop');

      expect(chat.state.status).toBe('completed');
    });

    test.each(states)('help in %s changes nothing', (_name, begin) => {
      const chat = begin();
      const before = chat.state;

      chat.send('help?');

      expect(chat.state).toEqual(before);
      expect(chat.last.outbound).toHaveLength(1);
      expect(chat.reply).toContain('Acme Service B.V.');
      expect(chat.reply).toContain('https://acme.example.test/privacy');
    });

    test.each(states)('access in %s asks service', (_name, begin) => {
      const chat = begin();
      const before = chat.state;

      chat.send('mijn gegevens');

      expect(chat.last.effects).toEqual([{ kind: 'access' }]);
      expect(chat.last.outbound).toEqual([]);
      expect(chat.state).toEqual(before);
    });

    test.each(states)('start in %s lifts suppression', (_name, begin) => {
      const chat = begin();
      const before = chat.state;

      chat.send('START');

      expect(chat.last.effects).toEqual([{ kind: 'lift-suppression' }]);
      expect(chat.state).toEqual(before);
    });

    test('keyword is not an answer to text', () => {
      const chat = atFollowUp().send('stop');

      expect(chat.state.answers).toEqual({ ces: 6 });
      expect(chat.last.effects).not.toContainEqual(expect.objectContaining({ kind: 'answer' }));
    });

    test('sentence with keyword is an answer', () => {
      const chat = atFollowUp().send('the engineer did not stop talking');

      expect(chat.state.status).toBe('completed');
      expect(chat.state.answers.followUp).toBe('the engineer did not stop talking');
    });

    test('help does not count retries', () => {
      const chat = atScore().send('9').send('help');

      expect(chat.state.retries).toBe(1);
    });
  });

  describe('erasure', () => {
    test('request asks for confirmation', () => {
      const chat = atFollowUp().send('delete my data');

      expect(chat.state.pendingConfirmation).toBe('erase');
      expect(chat.reply).toContain('JA');
      expect(chat.last.effects).toEqual([]);
      expect(chat.state.answers).toEqual({ ces: 6 });
    });

    test('yes erases and stops', () => {
      const chat = atFollowUp().send('verwijder mijn gegevens').send('ja');

      expect(chat.last.effects).toEqual([{ kind: 'erase' }]);
      expect(chat.state.status).toBe('stopped');
      expect(chat.state.answers).toEqual({});
      expect(chat.state.raw).toEqual({});
      expect(chat.state.pendingConfirmation).toBeUndefined();
      expect(chat.reply).toContain('gewist');
    });

    test('other reply cancels and re-asks', () => {
      const chat = atFollowUp().send('delete my data').send('De monteur was snel');

      expect(chat.last.effects).toEqual([]);
      expect(chat.state.pendingConfirmation).toBeUndefined();
      expect(chat.state.status).toBe('open');
      expect(chat.state.answers).toEqual({ ces: 6 });
      expect(chat.last.outbound.map((message) => message.text)).toEqual([
        'Er is niets gewist.',
        'Wat ging er goed?',
      ]);
    });

    test('button press cancels', () => {
      const chat = atScore().send('erase').press('ces', '6');

      expect(chat.state.pendingConfirmation).toBeUndefined();
      expect(chat.state.answers).toEqual({});
    });

    test('completed conversation can be erased', () => {
      const chat = atFollowUp().send('Snel geholpen').send('forget me').send('yes');

      expect(chat.last.effects).toEqual([{ kind: 'erase' }]);
      expect(chat.state.status).toBe('completed');
      expect(chat.state.answers).toEqual({});
    });

    test('cancel on completed sends only cancellation', () => {
      const chat = atFollowUp().send('Snel geholpen').send('erase').send('nee');

      expect(chat.reply).toBe('Er is niets gewist.');
      expect(chat.state.status).toBe('completed');
    });

    test('expired conversation still confirms erasure', () => {
      const chat = atFollowUp()
        .send('erase', T0 + 47 * HOUR)
        .send('ja', T0 + 48 * HOUR);

      expect(chat.last.effects).toEqual([{ kind: 'erase' }]);
    });
  });

  describe('rectify', () => {
    test('goes back to the score', () => {
      const chat = atFollowUp().send('wijzig');

      expect(chat.state.stepIndex).toBe(1);
      expect(chat.state.answers).toEqual({});
      expect(chat.state.raw).toEqual({});
      expect(chat.last.effects).toEqual([{ kind: 'rectify', key: 'ces' }]);
      expect(chat.last.outbound[1]?.stepId).toBe('ces');
    });

    test('new score picks new follow-up', () => {
      const chat = atFollowUp().send('change my answer').send('2');

      expect(chat.reply).toBe('Wat maakte het lastig?');
      expect(chat.state.answers).toEqual({ ces: 2 });
    });

    test('clears saveAs key of asked variant', () => {
      const chat = new Chat(mixedSurvey, { metadata: { segment: 'business' } });
      chat.send('8').send('1').send('correction');

      expect(chat.last.effects).toEqual([{ kind: 'rectify', key: 'contact-channel' }]);
      expect(chat.state.answers).toEqual({ recommend: 8 });
      expect(chat.state.stepIndex).toBe(1);
    });

    test('twice walks back further', () => {
      const chat = new Chat(mixedSurvey).send('8').send('1').send('correction').send('correction');

      expect(chat.state.stepIndex).toBe(0);
      expect(chat.state.answers).toEqual({});
    });

    test('nothing to change at first question', () => {
      const chat = atScore().send('wijzigen');

      expect(chat.last.effects).toEqual([]);
      expect(chat.state.stepIndex).toBe(1);
      expect(chat.reply).toContain('nog geen antwoord');
      expect(chat.last.outbound[1]?.stepId).toBe('ces');
    });

    test('never returns to consent', () => {
      const chat = new Chat(cesSurvey).send('corrigeer');

      expect(chat.state.status).toBe('consent');
      expect(chat.last.effects).toEqual([]);
    });

    test('closed conversation cannot change', () => {
      const chat = atFollowUp().send('Snel geholpen').send('wijzig');

      expect(chat.state.status).toBe('completed');
      expect(chat.reply).toContain('gesloten');
      expect(chat.last.effects).toEqual([]);
    });
  });
});
