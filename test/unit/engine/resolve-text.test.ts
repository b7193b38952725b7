import { hashText, resolveText } from '../../../src/engine/resolve-text';
import { cesSurvey } from '../../support/fixtures/engine-surveys';

describe('resolveText', () => {
  test('fills survey and privacy placeholders', () => {
    const text = { nl: '{company} / {controller} / {retentionDays} / {noticeUrl} / {purpose}' };

    const resolved = resolveText(cesSurvey, text, 'nl');

    expect(resolved).toBe(
      'Acme / Acme Service B.V. / 365 / https://acme.example.test/privacy / ' +
        'onze service te verbeteren',
    );
  });

  test('retention is the longest personal-data term', () => {
    const resolved = resolveText(cesSurvey, { en: '{retentionDays}' }, 'en');

    expect(resolved).toBe('365');
  });

  test('falls back to default locale', () => {
    const resolved = resolveText(cesSurvey, { nl: 'Hallo {company}' }, 'en');

    expect(resolved).toBe('Hallo Acme');
  });

  test('extra values win', () => {
    const resolved = resolveText(cesSurvey, { en: '{min}-{max} {company}' }, 'en', {
      min: 1,
      max: 7,
      company: 'Other',
    });

    expect(resolved).toBe('1-7 Other');
  });

  test('unknown placeholder stays', () => {
    const resolved = resolveText(cesSurvey, { en: 'Hi {name}' }, 'en');

    expect(resolved).toBe('Hi {name}');
  });
});

describe('hashText', () => {
  test('is SHA-256 hex of UTF-8', () => {
    const hash = hashText('abc');

    expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
