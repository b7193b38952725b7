import fc from 'fast-check';

import { startConversation, step } from '../../../src/engine/engine';
import { detectKeyword, KEYWORD_PHRASES, type Keyword } from '../../../src/engine/keywords';
import { parseChoice } from '../../../src/engine/parse-choice';
import { parseScale } from '../../../src/engine/parse-scale';
import { parseText } from '../../../src/engine/parse-text';
import { parseYesNo } from '../../../src/engine/parse-yes-no';
import { renderMessage } from '../../../src/engine/render';
import type { ConversationState, InboundEvent, TurnResult } from '../../../src/engine/types';
import { CHANNELS, type Survey } from '../../../src/surveys/schema';
import { cesSurvey, mixedSurvey } from '../../support/fixtures/engine-surveys';

const T0 = Date.UTC(2024, 4, 1, 9, 0);
const HOUR = 3_600_000;
const RUNS = { numRuns: 300 };

/** Pieces that real replies are made of, so that random joins reach deep into conversations. */
const REPLY_PIECES = [
  'ja',
  'nee',
  'yes',
  'no',
  '6',
  '９',
  '3️⃣',
  '🔟',
  '7/10',
  '3-4',
  'een',
  'zes',
  'seven',
  'of',
  'van de',
  '😀',
  '👍',
  '!',
  '?',
  '-',
  '/',
  ',',
  'phone',
  'de wachttijd',
  'help',
  'stop',
  'wijzig',
  'delete my data',
  '\u0000',
  '\uD800',
  '\u200B',
];

const replyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.constantFrom(...REPLY_PIECES), { maxLength: 5 }).map((pieces) => pieces.join(' ')),
);

const STEP_IDS = [...cesSurvey.steps, ...mixedSurvey.steps].map((each) => each.id);

const event: fc.Arbitrary<InboundEvent> = fc.oneof(
  { weight: 4, arbitrary: replyText.map((text) => ({ kind: 'text' as const, text })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('action' as const),
      stepId: fc.oneof(fc.constantFrom(...STEP_IDS), fc.string({ maxLength: 8 })),
      value: fc.oneof(fc.constantFrom('1', '7', '11', 'yes', 'no', 'phone'), fc.string()),
    }),
  },
);

/** A turn: what arrives and how long after the previous turn, up to 30 hours. */
const turn = fc.record({ event, gap: fc.integer({ min: 0, max: 30 * HOUR }) });

const survey = fc.constantFrom(cesSurvey, mixedSurvey);

const withMetadata = fc.constantFrom<Record<string, string>>({}, { segment: 'business' });

interface Played {
  before: ConversationState;
  event: InboundEvent;
  now: number;
  result: TurnResult;
}

/** Plays a script of turns and returns every turn with the state it started from. */
function play(
  chosen: Survey,
  metadata: Record<string, string>,
  turns: Array<{ event: InboundEvent; gap: number }>,
): Played[] {
  let state = startConversation(chosen, { channel: 'sms', metadata, now: T0 }).state;
  let now = T0;
  const played: Played[] = [];
  for (const { event: inbound, gap } of turns) {
    now += gap;
    const result = step(chosen, state, inbound, now);
    played.push({ before: state, event: inbound, now, result });
    state = result.state;
  }
  return played;
}

function isReadAsAnswer({ before, event: inbound, now }: Played): boolean {
  const isKeyword = inbound.kind === 'text' && detectKeyword(inbound.text) !== undefined;
  const isActive = before.status === 'open' || before.status === 'consent';
  return !isKeyword && isActive && !before.pendingConfirmation && now <= before.expiresAt;
}

/** Writes a keyword phrase the way people type it: random case, punctuation, filler. */
const decoratedKeyword = fc
  .record({
    keyword: fc.constantFrom(...(Object.keys(KEYWORD_PHRASES) as Keyword[])),
    index: fc.nat(),
    upper: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    before: fc.constantFrom('', ' ', '  ', '"'),
    after: fc.constantFrom('', '!', '?', '.', '!!!', ' 🙏', ' aub', ' please', ' graag.'),
  })
  .map(({ keyword, index, upper, before, after }) => {
    const phrases = KEYWORD_PHRASES[keyword];
    const phrase = phrases[index % phrases.length] ?? '';
    const cased = [...phrase].map((char, at) => (upper[at] ? char.toUpperCase() : char)).join('');
    return { keyword, text: `${before}${cased}${after}` };
  });

describe('engine properties', () => {
  test('parsers accept any text', () => {
    fc.assert(
      fc.property(replyText, (text) => {
        const scale = parseScale(text, { min: 1, max: 7, emoji: { '😀': 7 } });
        parseYesNo(text);
        parseText(text, { maxLength: 10 });
        parseChoice(text, [
          { value: 'phone', labels: ['Telefoon'] },
          { value: 'mail', labels: [] },
        ]);
        detectKeyword(text);

        if (scale.ok) {
          expect(Number.isInteger(scale.value)).toBe(true);
          expect(scale.value).toBeGreaterThanOrEqual(1);
          expect(scale.value).toBeLessThanOrEqual(7);
        }
      }),
      RUNS,
    );
  });

  test('conversations never throw', () => {
    fc.assert(
      fc.property(
        survey,
        withMetadata,
        fc.array(turn, { maxLength: 12 }),
        (chosen, meta, turns) => {
          const played = play(chosen, meta, turns);

          for (const { result } of played) {
            for (const channel of CHANNELS) {
              for (const message of result.outbound) renderMessage(message, channel);
            }
          }
        },
      ),
      RUNS,
    );
  });

  test('conversations move forward or re-prompt', () => {
    fc.assert(
      fc.property(
        survey,
        withMetadata,
        fc.array(turn, { maxLength: 12 }),
        (chosen, meta, turns) => {
          for (const played of play(chosen, meta, turns)) {
            const { before, result } = played;
            const rectified = result.effects.some((effect) => effect.kind === 'rectify');
            if (!rectified) expect(result.state.stepIndex).toBeGreaterThanOrEqual(before.stepIndex);
            if (!isReadAsAnswer(played)) continue;

            const stayed =
              result.state.stepIndex === before.stepIndex && result.state.status === before.status;
            if (stayed) {
              expect(result.state.retries).toBe(before.retries + 1);
              expect(result.state.answers).toEqual(before.answers);
            }
          }
        },
      ),
      RUNS,
    );
  });

  test('keywords always win', () => {
    fc.assert(
      fc.property(
        survey,
        withMetadata,
        fc.array(turn, { maxLength: 8 }),
        decoratedKeyword,
        (chosen, meta, turns, { keyword, text }) => {
          const last = play(chosen, meta, turns).at(-1);
          const state =
            last?.result.state ?? startConversation(chosen, { channel: 'sms', now: T0 }).state;

          const result = step(chosen, state, { kind: 'text', text }, (last?.now ?? T0) + 1000);

          expect(detectKeyword(text)).toBe(keyword);
          expect(result.effects).not.toContainEqual(expect.objectContaining({ kind: 'answer' }));
          for (const [key, value] of Object.entries(result.state.answers)) {
            expect(state.answers[key]).toEqual(value);
          }
          expectKeywordOutcome(keyword, state, result);
        },
      ),
      RUNS,
    );
  });
});

function expectKeywordOutcome(keyword: Keyword, before: ConversationState, result: TurnResult) {
  switch (keyword) {
    case 'stop':
      expect(result.effects).toEqual([{ kind: 'suppress', reason: 'stopped' }]);
      break;
    case 'start':
      expect(result.effects).toEqual([{ kind: 'lift-suppression' }]);
      expect(result.state).toEqual(before);
      break;
    case 'help':
      expect(result.effects).toEqual([]);
      expect(result.state).toEqual(before);
      break;
    case 'access':
      expect(result.effects).toEqual([{ kind: 'access' }]);
      expect(result.state).toEqual(before);
      break;
    case 'erase':
      expect(result.state.pendingConfirmation).toBe('erase');
      break;
    case 'rectify':
      expect(result.effects.every((effect) => effect.kind === 'rectify')).toBe(true);
      if (result.effects.length > 0) expect(result.state.retries).toBe(0);
      break;
  }
}
