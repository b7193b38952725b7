import { parseScale, type ScaleOptions, type ScaleParse } from '../../../src/engine/parse-scale';

const CES2: ScaleOptions = { min: 1, max: 7, locale: 'nl' };
const CES2_EN: ScaleOptions = { min: 1, max: 7, locale: 'en' };
const CES1: ScaleOptions = { min: 1, max: 5, locale: 'nl' };
const RATING: ScaleOptions = { min: 0, max: 10, locale: 'en' };

const score = (value: number): ScaleParse => ({ ok: true, value });
const failure = (reason: Extract<ScaleParse, { ok: false }>['reason']): ScaleParse => ({
  ok: false,
  reason,
});

describe('parseScale', () => {
  test.each<[string, ScaleOptions, ScaleParse]>([
    // Plain and decorated digits on CES 2.0.
    ['6', CES2, score(6)],
    ['6!', CES2, score(6)],
    [' 7 ', CES2, score(7)],
    ['1.', CES2, score(1)],
    ['7+', CES2, score(7)],
    ['６', CES2, score(6)],
    ['6️⃣', CES2, score(6)],
    ['5⃣', CES2, score(5)],
    ['(4)', CES2, score(4)],
    ['6 - great engineer', CES2_EN, score(6)],
    ["I'd give it a 6", CES2_EN, score(6)],
    ['I would say 5, the engineer was quick', CES2_EN, score(5)],
    ['Een 6!', CES2, score(6)],
    ['een 6', CES2, score(6)],
    ['een zes', CES2, score(6)],
    ['een dikke 7', CES2, score(7)],
    ['cijfer 6', CES2, score(6)],
    ['Ik geef het een 5', CES2, score(5)],
    ['score: 3', CES2, score(3)],
    ['7 = helemaal eens', CES2, score(7)],
    ['zes', CES2, score(6)],
    ['Zeven', CES2, score(7)],
    ['seven', CES2_EN, score(7)],
    ['two', CES2_EN, score(2)],
    ['een', CES2, score(1)],
    ['één', CES2, score(1)],
    ['Een! Heel slecht.', CES2, score(1)],
    ['one', CES2_EN, score(1)],
    ['I give it one', CES2_EN, score(1)],
    ['6/7', CES2, score(6)],
    ['６／７', CES2, score(6)],
    ['6 van de 7', CES2, score(6)],
    ['een 6 van de 7', CES2, score(6)],
    ['6 out of 7', CES2_EN, score(6)],
    ['six out of seven', CES2_EN, score(6)],
    ['6 of 7', CES2_EN, score(6)],
    ['7/7', CES2, score(7)],
    ['zes (6)', CES2, score(6)],
    ['20 minuten gewacht, maar een 5', CES2, score(5)],
    ['3 keer gebeld. 2', CES2, score(2)],
    ['Helemaal eens', { ...CES2, labels: { max: ['Helemaal eens'] } }, score(7)],
    ['😀', { ...CES2, emoji: { '😀': 7 } }, score(7)],
    ['👍🏽', { ...CES2, emoji: { '👍': 6 } }, score(6)],
    // Replies that must be clarified rather than guessed.
    ['', CES2, failure('empty')],
    ['   ', CES2, failure('empty')],
    ['9', CES2, failure('out-of-range')],
    ['0', CES2, failure('out-of-range')],
    ['10', CES2, failure('out-of-range')],
    ['tien', CES2, failure('out-of-range')],
    ['🔟', CES2, failure('out-of-range')],
    ['3-4', CES2, failure('range')],
    ['3 - 4', CES2, failure('range')],
    ['3 of 4', CES2, failure('range')],
    ['6 of 7', CES2, failure('range')],
    ['3 or 4', CES2_EN, failure('range')],
    ['5 à 6', CES2, failure('range')],
    ['tussen 5 en 6', CES2, failure('range')],
    ['between 5 and 6', CES2_EN, failure('range')],
    ['3 t/m 4', CES2, failure('range')],
    ['een of twee', CES2, failure('range')],
    ['7/10', CES2, failure('other-scale')],
    ['8 van de 10', CES2, failure('other-scale')],
    ['8 out of 10', CES2_EN, failure('other-scale')],
    ['ten out of ten', CES2_EN, failure('other-scale')],
    ['6 maybe 7', CES2_EN, failure('ambiguous')],
    ['6, nee 7', CES2, failure('ambiguous')],
    ['6,5', CES2, failure('ambiguous')],
    ['not a 7', CES2_EN, failure('ambiguous')],
    ['geen 7', CES2, failure('ambiguous')],
    ['één 6', CES2, failure('ambiguous')],
    ['😀', CES2, failure('no-number')],
    ['👍', CES2, failure('no-number')],
    ['😀 😞', { ...CES2, emoji: { '😀': 7, '😞': 1 } }, failure('ambiguous')],
    ['goed', CES2, failure('no-number')],
    ['een beetje lastig', CES2, failure('no-number')],
    ['ten eerste duurde het lang', CES2, failure('no-number')],
    ['no one helped me', CES2_EN, failure('no-number')],
    ['one of the worst visits', CES2_EN, failure('no-number')],
    ['3 keer gebeld', CES2, failure('no-number')],
    ['de 2e keer ging het goed', CES2, failure('no-number')],
    ['€50 betaald', CES2, failure('no-number')],
    ['?', CES2, failure('no-number')],
    // CES 1.0 runs from 1 to 5.
    ['4', CES1, score(4)],
    ['vier', CES1, score(4)],
    ['4/5', CES1, score(4)],
    ['5 van de 5', CES1, score(5)],
    ['6', CES1, failure('out-of-range')],
    ['6/7', CES1, failure('other-scale')],
    ['2-3', CES1, failure('range')],
    // A 0-10 rating takes zero and ten.
    ['0', RATING, score(0)],
    ['zero', RATING, score(0)],
    ['nul', RATING, score(0)],
    ['10', RATING, score(10)],
    ['ten', RATING, score(10)],
    ['a ten!', RATING, score(10)],
    ['🔟', RATING, score(10)],
    ['7/10', RATING, score(7)],
    ['8 van de 10', RATING, score(8)],
    ['11', RATING, failure('out-of-range')],
    ['4/5', RATING, failure('other-scale')],
    ['7 or 8', RATING, failure('range')],
    ['-3', RATING, failure('out-of-range')],
  ])('%j with %o', (reply, options, expected) => {
    const parsed = parseScale(reply, options);

    expect(parsed).toEqual(expected);
  });

  test('negative numbers on a scale below zero', () => {
    const parsed = parseScale('-2', { min: -3, max: 3 });

    expect(parsed).toEqual(score(-2));
  });

  test('dash before a score is no sign above zero', () => {
    const parsed = parseScale('Goed -5', CES2);

    expect(parsed).toEqual(score(5));
  });
});
