import { countSmsSegments } from '../../../src/surveys/sms-segments';

describe('countSmsSegments', () => {
  it.each([
    // [case, text, encoding, units, segments]
    ['empty text', '', 'GSM-7', 0, 0],
    ['one septet', 'a', 'GSM-7', 1, 1],
    ['160 septets in one segment', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 septets in two segments', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 septets in two segments', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 septets in three segments', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['Dutch without diaeresis', 'Hoe ging het bezoek? Antwoord 1 tot 7.', 'GSM-7', 38, 1],
    ['basic set accents', 'é É è à ù ì ò Ç ä ö ü ñ Ø å Æ ß', 'GSM-7', 31, 1],
    ['basic set symbols', '@£$¥¤§¡¿_!"#%&\'()*+,-./:;<=>?', 'GSM-7', 29, 1],
    ['Greek capitals', 'ΔΦΓΛΩΠΨΣΘΞ', 'GSM-7', 10, 1],
    ['line breaks', 'a\nb\r\nc', 'GSM-7', 6, 1],
    ['extension characters count two', '^{}\\[]~|€', 'GSM-7', 18, 1],
    ['80 euro signs fill one segment', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 euro signs need two', '€'.repeat(81), 'GSM-7', 162, 2],
    ['diaeresis forces UCS-2', 'geëvalueerd', 'UCS-2', 11, 1],
    ['70 UCS-2 units in one segment', 'ë'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 units in two segments', 'ë'.repeat(71), 'UCS-2', 71, 2],
    ['134 UCS-2 units in two segments', 'ë'.repeat(134), 'UCS-2', 134, 2],
    ['135 UCS-2 units in three segments', 'ë'.repeat(135), 'UCS-2', 135, 3],
    ['emoji count two units', '😀', 'UCS-2', 2, 1],
    ['35 emoji fill one segment', '😀'.repeat(35), 'UCS-2', 70, 1],
    ['lowercase Greek is not GSM', 'α', 'UCS-2', 1, 1],
  ])('counts %s', (_name, text, encoding, units, segments) => {
    const count = countSmsSegments(text);

    expect(count.encoding).toBe(encoding);
    expect(count.units).toBe(units);
    expect(count.segments).toBe(segments);
  });

  it.each([
    ['diaeresis', 'Is het geëvalueerd?', ['ë']],
    ['curly apostrophe', 'We’re done', ['’']],
    ['each character once', 'ë’ë’ï', ['ë', '’', 'ï']],
    ['emoji', 'Top 👍', ['👍']],
    ['nothing for GSM-7', 'café €5 [ok]', []],
  ])('lists the non-GSM characters: %s', (_name, text, characters) => {
    const count = countSmsSegments(text);

    expect(count.nonGsmCharacters).toEqual(characters);
  });

  it('keeps an extension character in one part', () => {
    // 152 septets, then a two-septet euro sign that would straddle the first part's boundary.
    const text = `${'a'.repeat(152)}€${'a'.repeat(10)}`;

    const count = countSmsSegments(text);

    expect(count.units).toBe(164);
    expect(count.segments).toBe(2);
  });

  it('moves a split extension character to the next part', () => {
    // 306 septets would fit two parts of 153, but the euro sign cannot end part one. Part one
    // carries 152 septets, part two the euro sign and 151 more, and the last septet a third.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;

    const count = countSmsSegments(text);

    expect(count.units).toBe(306);
    expect(count.segments).toBe(3);
  });

  it('keeps a surrogate pair in one part', () => {
    // 66 units, an emoji of two, then 66 more: the emoji starts part two.
    const text = `${'ë'.repeat(66)}😀${'ë'.repeat(66)}`;

    const count = countSmsSegments(text);

    expect(count.units).toBe(134);
    expect(count.segments).toBe(3);
  });
});
