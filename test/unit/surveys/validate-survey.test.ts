import { SurveyDefinitionError } from '../../../src/errors';
import { validateSurvey } from '../../../src/surveys/validate-survey';
import { stepOf, validDraft, type Draft } from './survey-drafts';

/** Returns the problems that validating the draft raises, or fails the test if none. */
function problemsOf(draft: Draft): string[] {
  try {
    validateSurvey(draft);
  } catch (error) {
    if (error instanceof SurveyDefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected the draft to be invalid');
}

function broken(change: (draft: Draft) => void): Draft {
  const draft = validDraft();
  change(draft);
  return draft;
}

const S = 'survey "service-visit"';

const cases: Array<[string, Draft, string]> = [
  [
    'step text without a locale',
    broken((d) => delete stepOf(d, 'ces').text.en),
    `${S}, step "ces" (index 1), field text.en: missing; the survey's locales are nl, en`,
  ],
  [
    'option label without a locale',
    broken((d) => delete stepOf(d, 'topic').options[1].label.nl),
    `${S}, step "topic" (index 2), field options[1].label.nl: missing; ` +
      "the survey's locales are nl, en",
  ],
  [
    'scale label without a locale',
    broken((d) => {
      stepOf(d, 'rating').labels = { min: { nl: 'slecht' }, max: { nl: 'goed', en: 'good' } };
    }),
    `${S}, step "rating" (index 4), field labels.min.en: missing; ` +
      "the survey's locales are nl, en",
  ],
  [
    'purpose without a locale',
    broken((d) => delete d.privacy.purpose.en),
    `${S}, field privacy.purpose.en: missing; the survey's locales are nl, en`,
  ],
  [
    'localised placeholder without a locale',
    broken((d) => {
      d.placeholders.company = { nl: 'Jansen' };
    }),
    `${S}, field placeholders.company.en: missing; the survey's locales are nl, en`,
  ],
  [
    'default locale outside locales',
    broken((d) => {
      d.defaultLocale = 'en';
      d.locales = ['nl'];
    }),
    `${S}, field defaultLocale: "en" is not one of the survey's locales (nl)`,
  ],
  [
    'locale listed twice',
    broken((d) => d.locales.push('nl')),
    `${S}, field locales[2]: "nl" is listed twice`,
  ],
  [
    'undefined placeholder',
    broken((d) => {
      stepOf(d, 'ces').text.nl = 'Was {compnay} gemakkelijk?';
    }),
    `${S}, step "ces" (index 1), field text.nl: placeholder {compnay} is not defined; ` +
      'defined placeholders: company',
  ],
  [
    'privacy placeholder outside consent',
    broken((d) => {
      stepOf(d, 'thanks').text.en = 'Thank you from {controller}!';
    }),
    `${S}, step "thanks" (index 6), field text.en: placeholder {controller} is not defined; ` +
      'defined placeholders: company',
  ],
  [
    'consent text without notice link',
    broken((d) => {
      stepOf(d, 'consent').text.en = '{controller}: {purpose}, {retentionDays} days. Join?';
    }),
    `${S}, step "consent" (index 0), field text.en: missing {noticeUrl}; a consent text must ` +
      'contain {controller}, {purpose}, {retentionDays}, {noticeUrl}',
  ],
  [
    'placeholder named after a privacy field',
    broken((d) => {
      d.placeholders.controller = 'Someone else';
    }),
    `${S}, field placeholders.controller: reserved; controller, purpose, retentionDays, ` +
      'noticeUrl are filled from the privacy block',
  ],
  [
    'placeholder inside the purpose',
    broken((d) => {
      d.privacy.purpose.nl = 'de service van {company} verbeteren';
    }),
    `${S}, field privacy.purpose.nl: {company} is not filled in this text; write the value out`,
  ],
  [
    'duplicate step id',
    broken((d) => {
      stepOf(d, 'resolved').id = 'topic';
    }),
    `${S}, step "topic" (index 3), field id: "topic" is already the id of the step at index 2; ` +
      'step ids must be unique',
  ],
  [
    'consent step after a question',
    broken((d) => d.steps.splice(1, 0, d.steps.shift())),
    `${S}, step "consent" (index 1), field kind: a consent step must be the first step, ` +
      'and a survey has at most one',
  ],
  [
    'second consent step',
    broken((d) => d.steps.splice(1, 0, { ...d.steps[0], id: 'consent-again' })),
    `${S}, step "consent-again" (index 1), field kind: a consent step must be the first step, ` +
      'and a survey has at most one',
  ],
  [
    'conditional consent step',
    broken((d) => {
      stepOf(d, 'consent').when = { metadata: 'region', oneOf: ['north'] };
    }),
    `${S}, step "consent" (index 0), field when: a consent step is always asked`,
  ],
  [
    'survey without consent step',
    broken((d) => d.steps.shift()),
    `${S}, field steps: the first step must be a consent step that states the controller, ` +
      'purpose and retention',
  ],
  [
    'closing step before the end',
    broken((d) => d.steps.splice(2, 0, d.steps.pop())),
    `${S}, step "thanks" (index 2), field kind: a closing step must be the last step (index 6)`,
  ],
  [
    'survey without a question',
    broken((d) => {
      d.steps = [d.steps[0], d.steps[6]];
    }),
    `${S}, field steps: no question; add at least one step of kind ces, rating, choice, ` +
      'yesno, text',
  ],
  [
    'saveAs equal to a ces step id',
    broken((d) => {
      stepOf(d, 'why').saveAs = 'ces';
    }),
    `${S}, step "why" (index 5), field saveAs: "ces" is the id of the ces step at index 1; ` +
      'a saveAs key may only equal the id of a text step',
  ],
  [
    'condition on a misspelt answer',
    broken((d) => {
      stepOf(d, 'why').when = { answer: 'cesx', between: [1, 3] };
    }),
    `${S}, step "why" (index 5), field when.answer: "cesx" is not the answer of an earlier ` +
      'step; earlier answers: ces, topic, resolved, rating',
  ],
  [
    'condition on a later answer',
    broken((d) => {
      stepOf(d, 'topic').when = { answer: 'rating', between: [0, 5] };
    }),
    `${S}, step "topic" (index 2), field when.answer: "rating" is answered at index 4; ` +
      'a condition may only use earlier answers',
  ],
  [
    'condition on a text step stored under saveAs',
    broken((d) => {
      stepOf(d, 'thanks').when = { answer: 'why', oneOf: ['nothing'] };
    }),
    `${S}, step "thanks" (index 6), field when.answer: the answer to "why" is stored as ` +
      '"followUp"; use that key',
  ],
  [
    'condition on a consent step',
    broken((d) => {
      stepOf(d, 'ces').when = { answer: 'consent', oneOf: [true] };
    }),
    `${S}, step "ces" (index 1), field when.answer: "consent" is a consent step, ` +
      'which has no answer',
  ],
  [
    'condition on undeclared metadata',
    broken((d) => {
      stepOf(d, 'why').when = {
        all: [
          { answer: 'ces', between: [1, 3] },
          { metadata: 'engineerId', oneOf: ['e1'] },
        ],
      };
    }),
    `${S}, step "why" (index 5), field when.all[1].metadata: "engineerId" is not declared in ` +
      'privacy.metadata (declared: region); declare it there with the reason it is needed',
  ],
  [
    'between outside the scale',
    broken((d) => {
      stepOf(d, 'why').when = { not: { answer: 'ces', between: [5, 9] } };
    }),
    `${S}, step "why" (index 5), field when.not.between: [5, 9] is outside the scale of "ces" ` +
      '(1 to 7)',
  ],
  [
    'between with reversed bounds',
    broken((d) => {
      stepOf(d, 'why').when = { answer: 'ces', between: [3, 1] };
    }),
    `${S}, step "why" (index 5), field when.between: [3, 1] is empty; ` +
      'write the lower bound first',
  ],
  [
    'between on a choice',
    broken((d) => {
      stepOf(d, 'why').when = { any: [{ answer: 'topic', between: [1, 2] }] };
    }),
    `${S}, step "why" (index 5), field when.any[0].between: "topic" is a choice step; ` +
      'between needs a ces or rating answer',
  ],
  [
    'oneOf with an unknown option',
    broken((d) => {
      stepOf(d, 'why').when = { answer: 'topic', oneOf: ['repair', 'refund'] };
    }),
    `${S}, step "why" (index 5), field when.oneOf[1]: "refund" is not an option of "topic" ` +
      '(options: billing, repair)',
  ],
  [
    'oneOf with a word for yes',
    broken((d) => {
      stepOf(d, 'why').when = { answer: 'resolved', oneOf: ['yes'] };
    }),
    `${S}, step "why" (index 5), field when.oneOf[0]: "yes" is not an answer to "resolved"; ` +
      'use true or false',
  ],
  [
    'oneOf outside a rating',
    broken((d) => {
      stepOf(d, 'why').when = { answer: 'rating', oneOf: [11] };
    }),
    `${S}, step "why" (index 5), field when.oneOf[0]: 11 is not a value of "rating" (0 to 10)`,
  ],
  [
    'ces band outside the scale',
    broken((d) => {
      stepOf(d, 'ces').bands = { lowEffort: [5, 8], highEffort: [1, 3] };
    }),
    `${S}, step "ces" (index 1), field bands.lowEffort: [5, 8] is outside the ces2 scale ` +
      '(1 to 7)',
  ],
  [
    'ces1 band outside the scale',
    broken((d) => {
      Object.assign(stepOf(d, 'ces'), {
        scale: 'ces1',
        bands: { lowEffort: [1, 2], highEffort: [4, 6] },
      });
    }),
    `${S}, step "ces" (index 1), field bands.highEffort: [4, 6] is outside the ces1 scale ` +
      '(1 to 5)',
  ],
  [
    'overlapping ces bands',
    broken((d) => {
      stepOf(d, 'ces').bands = { lowEffort: [3, 7], highEffort: [1, 3] };
    }),
    `${S}, step "ces" (index 1), field bands: lowEffort [3, 7] and highEffort [1, 3] overlap; ` +
      'a score can be in one band only',
  ],
  [
    'reversed ces2 bands',
    broken((d) => {
      stepOf(d, 'ces').bands = { lowEffort: [1, 3], highEffort: [5, 7] };
    }),
    `${S}, step "ces" (index 1), field bands: lowEffort [1, 3] and highEffort [5, 7] are ` +
      'reversed; on ces2, 7 means the least effort',
  ],
  [
    'reversed ces1 bands',
    broken((d) => {
      Object.assign(stepOf(d, 'ces'), {
        scale: 'ces1',
        bands: { lowEffort: [4, 5], highEffort: [1, 2] },
      });
    }),
    `${S}, step "ces" (index 1), field bands: lowEffort [4, 5] and highEffort [1, 2] are ` +
      'reversed; on ces1, 1 means the least effort',
  ],
  [
    'rating without range',
    broken((d) => {
      Object.assign(stepOf(d, 'rating'), { min: 5, max: 5 });
    }),
    `${S}, step "rating" (index 4), field max: 5 must be above min (5)`,
  ],
  [
    'rating with too many values',
    broken((d) => {
      Object.assign(stepOf(d, 'rating'), { min: 0, max: 20 });
    }),
    `${S}, step "rating" (index 4), field max: min 0 and max 20 give 21 values; ` +
      'a rating has at most 11 (for example 0 to 10)',
  ],
  [
    'emoji outside the scale',
    broken((d) => {
      stepOf(d, 'ces').emoji = { '😀': 7, '🤩': 9 };
    }),
    `${S}, step "ces" (index 1), field emoji.🤩: 9 is outside the scale (1 to 7)`,
  ],
  [
    'synonym that selects two options',
    broken((d) => {
      stepOf(d, 'topic').options[1].synonyms = ['Billing'];
    }),
    `${S}, step "topic" (index 2), field options[1]: "billing" already selects options[0] ` +
      '("billing"); each value and synonym may select one option only',
  ],
  [
    'unknown step field',
    broken((d) => {
      stepOf(d, 'ces').colour = 'blue';
    }),
    `${S}, step "ces" (index 1), field colour: unknown field; allowed fields are id, text, ` +
      'when, retries, kind, scale, labels, bands, emoji',
  ],
  [
    'unknown step kind',
    broken((d) => {
      stepOf(d, 'resolved').kind = 'boolean';
    }),
    `${S}, step "resolved" (index 3), field kind: invalid discriminator value. Expected ` +
      "'consent' | 'ces' | 'rating' | 'choice' | 'yesno' | 'text' | 'closing'",
  ],
  [
    'between with one bound',
    broken((d) => {
      stepOf(d, 'why').when = { answer: 'ces', between: [1] };
    }),
    `${S}, step "why" (index 5), field when.between: too small: expected array to have >=2 items`,
  ],
  [
    'missing notice link',
    broken((d) => delete d.privacy.noticeUrl),
    `${S}, field privacy.noticeUrl: missing; expected string`,
  ],
  [
    'step id with capitals',
    broken((d) => {
      stepOf(d, 'rating').id = 'Rating';
    }),
    `${S}, step "Rating" (index 4), field id: use lowercase letters, digits and dashes, ` +
      'starting with a letter (received "Rating")',
  ],
];

describe('validateSurvey', () => {
  it('accepts the valid draft', () => {
    const { survey, warnings } = validateSurvey(validDraft());

    expect(survey.id).toBe('service-visit');
    expect(warnings).toEqual([]);
  });

  it('applies schema defaults', () => {
    const { survey } = validateSurvey(validDraft());

    expect(survey.maxRetries).toBe(3);
    expect(survey.sms).toEqual({ maxSegments: 2, strict: false });
  });

  it.each(cases)('rejects %s', (_name, draft, expected) => {
    const problems = problemsOf(draft);

    expect(problems).toContain(expected);
  });

  it('lists every problem in one error', () => {
    const draft = broken((d) => {
      delete stepOf(d, 'ces').text.en;
      stepOf(d, 'why').when = { answer: 'cesx', between: [1, 3] };
    });

    const problems = problemsOf(draft);

    expect(problems).toHaveLength(2);
    expect(() => validateSurvey(draft)).toThrow(/2 problems:\n  - .*text\.en: missing/);
  });

  it('starts every problem with the source', () => {
    const draft = broken((d) => delete stepOf(d, 'ces').text.en);

    const problems = (() => {
      try {
        validateSurvey(draft, { source: 'dialogs/service-visit.ts' });
        return [];
      } catch (error) {
        return (error as SurveyDefinitionError).problems;
      }
    })();

    expect(problems[0]).toMatch(/^dialogs\/service-visit\.ts: survey "service-visit", step "ces"/);
  });

  it('names a survey without an id', () => {
    const draft = broken((d) => delete d.id);

    expect(problemsOf(draft)).toContain(
      'survey (without an id), field id: missing; expected string',
    );
  });

  it('rejects a value that is no object', () => {
    expect(problemsOf('service-visit')).toEqual([
      'survey (without an id): invalid input: expected object, received string',
    ]);
  });
});

describe('validateSurvey warnings', () => {
  it('warns about an unused placeholder', () => {
    const draft = broken((d) => {
      d.placeholders.city = 'Utrecht';
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings).toEqual([`${S}, field placeholders.city: not used in any text`]);
  });

  it('warns about a text in an unoffered locale', () => {
    const draft = broken((d) => {
      d.locales = ['nl'];
      d.privacy.purpose = { nl: 'verbeteren' };
      d.steps = d.steps.map((step: Draft) => ({ ...step, text: { nl: step.text.nl } }));
      stepOf(d, 'topic').options.forEach((option: Draft) => (option.label = { nl: 'x' }));
      stepOf(d, 'thanks').text.en = 'Thank you!';
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings).toEqual([
      `${S}, step "thanks" (index 6), field text.en: never shown, because the survey's locales are nl`,
    ]);
  });
});

describe('validateSurvey SMS length', () => {
  const longText = 'Hoe gemakkelijk was het? '.repeat(14);

  it('warns about too many segments', () => {
    const draft = broken((d) => {
      stepOf(d, 'ces').text.nl = longText;
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings).toEqual([
      `${S}, step "ces" (index 1), field text.nl: 3 SMS segments (GSM-7, 350 septets) ` +
        'with placeholders filled; the maximum is 2 (sms.maxSegments)',
    ]);
  });

  it('rejects too many segments when strict', () => {
    const draft = broken((d) => {
      stepOf(d, 'ces').text.nl = longText;
      d.sms = { maxSegments: 2, strict: true };
    });

    expect(problemsOf(draft)).toHaveLength(1);
  });

  it('names the characters that force UCS-2', () => {
    const draft = broken((d) => {
      stepOf(d, 'ces').text.nl = 'Is uw installatie geëvalueerd? ’'.repeat(5);
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings[0]).toContain(
      '3 SMS segments (UCS-2, 160 UTF-16 code units; UCS-2 because of "ë" "’")',
    );
  });

  it('fills placeholders before counting', () => {
    const draft = broken((d) => {
      d.placeholders.company = 'J'.repeat(300);
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('field text.nl: 3 SMS segments (GSM-7, 317 septets)');
  });

  it('skips surveys without SMS or WhatsApp', () => {
    const draft = broken((d) => {
      d.channels = ['webchat', 'slack'];
      stepOf(d, 'ces').text.nl = longText;
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings).toEqual([]);
  });

  it('checks WhatsApp-only surveys', () => {
    const draft = broken((d) => {
      d.channels = ['whatsapp'];
      stepOf(d, 'ces').text.nl = longText;
    });

    const { warnings } = validateSurvey(draft);

    expect(warnings).toHaveLength(1);
  });
});
