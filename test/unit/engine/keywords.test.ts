import { detectKeyword, KEYWORD_PHRASES, type Keyword } from '../../../src/engine/keywords';
import { ENGINE_TEXTS } from '../../../src/engine/texts';

describe('detectKeyword', () => {
  test.each<[string, Keyword]>([
    ['STOP', 'stop'],
    ['stop', 'stop'],
    ['Stop!', 'stop'],
    ['stop aub', 'stop'],
    ['Stop a.u.b.', 'stop'],
    ['please stop', 'stop'],
    ['stop stop stop!!!', 'stop'],
    ['STOPPEN', 'stop'],
    ['stöp', 'stop'],
    ['afmelden', 'stop'],
    ['Uitschrijven graag', 'stop'],
    ['unsubscribe', 'stop'],
    ['Cancel', 'stop'],
    ['end', 'stop'],
    ['quit', 'stop'],
    ['stopall', 'stop'],
    ['STOP ALL', 'stop'],
    ['stop 🛑', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['aanmelden', 'start'],
    ['HELP', 'help'],
    ['help?', 'help'],
    ['hulp', 'help'],
    ['info', 'help'],
    ['my data', 'access'],
    ['My data?', 'access'],
    ['what do you store', 'access'],
    ['What do you store about me?', 'access'],
    ['mijn gegevens', 'access'],
    ['inzage', 'access'],
    ['delete my data', 'erase'],
    ['Delete my data please', 'erase'],
    ['erase', 'erase'],
    ['forget me', 'erase'],
    ['verwijder mijn gegevens', 'erase'],
    ['Wis mijn gegevens!', 'erase'],
    ['change my answer', 'rectify'],
    ['correction', 'rectify'],
    ['wijzig', 'rectify'],
    ['Wijzigen', 'rectify'],
    ['corrigeer', 'rectify'],
  ])('%j is %s', (message, expected) => {
    const keyword = detectKeyword(message);

    expect(keyword).toBe(expected);
  });

  test.each([
    'the engineer did not stop talking',
    'Stop met die wachtmuziek, verder prima',
    'I needed help with my router',
    'Start was slow but it ended well',
    'de monteur wilde mijn gegevens niet',
    'please delete the old ticket',
    'not correct at all',
    'correct',
    'Correct!',
    'stopcontact kapot',
    'ja',
    '6',
    '',
    '!!!',
    'please',
  ])('%j is no keyword', (message) => {
    const keyword = detectKeyword(message);

    expect(keyword).toBeUndefined();
  });

  test('every phrase in the table is detected', () => {
    const entries = Object.entries(KEYWORD_PHRASES).flatMap(([keyword, phrases]) =>
      phrases.map((phrase) => [phrase, keyword] as const),
    );

    for (const [phrase, keyword] of entries) {
      expect([phrase, detectKeyword(phrase)]).toEqual([phrase, keyword]);
    }
  });

  test.each([
    ['en', ['STOP', 'MY DATA', 'DELETE MY DATA', 'CHANGE MY ANSWER']],
    ['nl', ['STOP', 'MIJN GEGEVENS', 'VERWIJDER MIJN GEGEVENS', 'WIJZIG']],
  ] as const)('help text in %s names working keywords', (locale, named) => {
    const help = ENGINE_TEXTS[locale].help;

    for (const phrase of named) {
      expect(help).toContain(phrase);
      expect(detectKeyword(phrase)).toBeDefined();
    }
  });
});
