import { parseChoice, type ChoiceParse } from '../../../src/engine/parse-choice';

const OPTIONS = [
  { value: 'phone', labels: ['Telefoon', 'Phone'], synonyms: ['bellen', 'called'] },
  { value: 'email', labels: ['E-mail', 'Email'], synonyms: ['mail'] },
  { value: 'walk-in', labels: ['Langs geweest', 'Visited a shop'] },
];

describe('parseChoice', () => {
  test.each<[string, ChoiceParse]>([
    ['1', { ok: true, value: 'phone' }],
    ['2.', { ok: true, value: 'email' }],
    ['２', { ok: true, value: 'email' }],
    ['3️⃣', { ok: true, value: 'walk-in' }],
    ['optie 3', { ok: true, value: 'walk-in' }],
    ['twee', { ok: true, value: 'email' }],
    ['Telefoon', { ok: true, value: 'phone' }],
    ['phone', { ok: true, value: 'phone' }],
    ['e-mail', { ok: true, value: 'email' }],
    ['walk in', { ok: true, value: 'walk-in' }],
    ['Ik heb gebeld', { ok: false, reason: 'no-match' }],
    ['I called twice', { ok: true, value: 'phone' }],
    ['langs geweest!', { ok: true, value: 'walk-in' }],
    ['mail en bellen', { ok: false, reason: 'ambiguous' }],
    ['4', { ok: false, reason: 'no-match' }],
    ['0', { ok: false, reason: 'no-match' }],
    ['fax', { ok: false, reason: 'no-match' }],
    ['📞', { ok: false, reason: 'no-match' }],
    ['', { ok: false, reason: 'empty' }],
  ])('%j gives %o', (reply, expected) => {
    const parsed = parseChoice(reply, OPTIONS);

    expect(parsed).toEqual(expected);
  });
});
