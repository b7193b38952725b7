import {
  fillPlaceholders,
  findPlaceholders,
  privacyPlaceholderValues,
} from '../../../src/surveys/placeholders';
import { validateSurvey } from '../../../src/surveys/validate-survey';
import { validDraft } from './survey-drafts';

describe('findPlaceholders', () => {
  it('returns each name once in order', () => {
    expect(findPlaceholders('{b} and {a}, then {b}')).toEqual(['b', 'a']);
  });

  it('ignores braces that hold no name', () => {
    expect(findPlaceholders('{ spaced } {1st} {} {ok_2}')).toEqual(['ok_2']);
  });
});

describe('fillPlaceholders', () => {
  it('replaces known names', () => {
    expect(fillPlaceholders('Hi {name}, {name}!', { name: 'Ann' })).toBe('Hi Ann, Ann!');
  });

  it('leaves unknown names as written', () => {
    expect(fillPlaceholders('{name} at {company}', { name: 'Ann' })).toBe('Ann at {company}');
  });

  it('ignores inherited properties', () => {
    expect(fillPlaceholders('{toString}', {})).toBe('{toString}');
  });
});

describe('privacyPlaceholderValues', () => {
  it('fills the privacy fields for a locale', () => {
    const { survey } = validateSurvey(validDraft());

    const values = privacyPlaceholderValues(survey, 'en');

    expect(values).toEqual({
      controller: 'Jansen B.V.',
      purpose: 'improving our service',
      noticeUrl: 'https://jansen.example/privacy',
      retentionDays: '730',
    });
  });

  it('takes the longest term of contact, free text and scores', () => {
    const draft = validDraft();
    draft.privacy.retentionDays = {
      contact: 400,
      freeText: 90,
      scores: 365,
      consent: 900,
      audit: 900,
    };
    const { survey } = validateSurvey(draft);

    const values = privacyPlaceholderValues(survey, 'nl');

    expect(values.retentionDays).toBe('400');
  });
});
