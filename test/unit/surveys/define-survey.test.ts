import { SurveyDefinitionError } from '../../../src/errors';
import { defineSurvey, validateSurvey } from '../../../src/surveys/define-survey';
import type { SurveyInput } from '../../../src/surveys/schema';

const privacy = {
  controller: 'Jansen B.V.',
  purpose: { en: 'improving our service' },
  legalBasis: 'legitimate-interests',
  noticeUrl: 'https://jansen.example/privacy',
  noticeVersion: '1',
  retentionDays: { contact: 30, freeText: 180, scores: 730, consent: 730, audit: 365 },
  metadata: { region: { reason: 'to compare regions' } },
} as const;

describe('defineSurvey', () => {
  it('returns the definition unchanged', () => {
    const definition = {
      id: 'visit',
      title: 'Visit',
      defaultLocale: 'en',
      locales: ['en'],
      channels: ['console'],
      privacy,
      steps: [
        { id: 'ces', kind: 'ces', text: { en: 'Was it easy?' } },
        { id: 'thanks', kind: 'closing', text: { en: 'Thanks!' } },
      ],
    } satisfies SurveyInput;

    const defined = defineSurvey(definition);

    expect(defined).toBe(definition);
  });

  it('accepts known keys in conditions', () => {
    const survey = defineSurvey({
      id: 'visit',
      title: 'Visit',
      defaultLocale: 'en',
      locales: ['en'],
      channels: ['console'],
      privacy,
      steps: [
        {
          id: 'consent',
          kind: 'consent',
          text: { en: '{controller}, {purpose}, {retentionDays} days, {noticeUrl}. OK?' },
        },
        { id: 'ces', kind: 'ces', text: { en: 'Was it easy?' } },
        {
          id: 'why',
          kind: 'text',
          saveAs: 'followUp',
          when: {
            all: [
              { answer: 'ces', between: [1, 3] },
              { metadata: 'region', oneOf: ['n'] },
            ],
          },
          text: { en: 'Why?' },
        },
        { id: 'more', kind: 'text', when: { answer: 'followUp', oneOf: ['x'] }, text: { en: '?' } },
      ],
    });

    const { warnings } = validateSurvey(survey);

    expect(warnings).toEqual([]);
  });

  it('rejects a misspelt answer key', () => {
    const survey = defineSurvey({
      id: 'visit',
      title: 'Visit',
      defaultLocale: 'en',
      locales: ['en'],
      channels: ['console'],
      privacy,
      // @ts-expect-error -- "cesx" is no answer key of this survey, which the compiler checks.
      steps: [
        { id: 'ces', kind: 'ces', text: { en: 'Was it easy?' } },
        { id: 'why', kind: 'text', when: { answer: 'cesx', between: [1, 3] }, text: { en: '?' } },
      ],
    });

    const validate = () => validateSurvey(survey);

    expect(validate).toThrow(SurveyDefinitionError);
    expect(validate).toThrow(/field when\.answer: "cesx" is not the answer of an earlier step/);
  });

  it('rejects an undeclared metadata field', () => {
    const survey = defineSurvey({
      id: 'visit',
      title: 'Visit',
      defaultLocale: 'en',
      locales: ['en'],
      channels: ['console'],
      privacy,
      // @ts-expect-error -- "engineerId" is not declared in privacy.metadata.
      steps: [
        {
          id: 'consent',
          kind: 'consent',
          text: { en: '{controller}, {purpose}, {retentionDays} days, {noticeUrl}. OK?' },
        },
        { id: 'ces', kind: 'ces', text: { en: 'Was it easy?' } },
        {
          id: 'why',
          kind: 'text',
          when: { metadata: 'engineerId', oneOf: ['e1'] },
          text: { en: 'Why?' },
        },
      ],
    });

    const validate = () => validateSurvey(survey);

    expect(validate).toThrow(/field when\.metadata: "engineerId" is not declared/);
  });
});
