import { evaluateCondition, type ConditionContext } from '../../../src/engine/conditions';
import type { Condition } from '../../../src/surveys/schema';

const CONTEXT: ConditionContext = {
  answers: { ces: 4, channel: 'phone', again: true },
  metadata: { segment: 'business' },
};

describe('evaluateCondition', () => {
  test.each<[string, Condition | undefined, boolean]>([
    ['no condition', undefined, true],
    ['between low edge', { answer: 'ces', between: [4, 7] }, true],
    ['between high edge', { answer: 'ces', between: [1, 4] }, true],
    ['between outside', { answer: 'ces', between: [5, 7] }, false],
    ['between on text', { answer: 'channel', between: [1, 7] }, false],
    ['between on missing', { answer: 'missing', between: [1, 7] }, false],
    ['oneOf string', { answer: 'channel', oneOf: ['phone', 'email'] }, true],
    ['oneOf boolean', { answer: 'again', oneOf: [true] }, true],
    ['oneOf strict', { answer: 'ces', oneOf: ['4'] }, false],
    ['metadata match', { metadata: 'segment', oneOf: ['business'] }, true],
    ['metadata missing', { metadata: 'region', oneOf: ['north'] }, false],
    ['metadata prototype key', { metadata: 'constructor', oneOf: ['x'] }, false],
    [
      'all',
      {
        all: [
          { answer: 'ces', between: [4, 4] },
          { answer: 'again', oneOf: [true] },
        ],
      },
      true,
    ],
    [
      'any',
      {
        any: [
          { answer: 'ces', between: [1, 2] },
          { answer: 'again', oneOf: [true] },
        ],
      },
      true,
    ],
    ['not', { not: { answer: 'ces', between: [1, 3] } }, true],
  ])('%s', (_name, condition, expected) => {
    const holds = evaluateCondition(condition, CONTEXT);

    expect(holds).toBe(expected);
  });
});
