import { scrubFreeText, type RedactionKind } from '../../../src/privacy/scrub';

describe('scrubFreeText', () => {
  const replaced: Array<[string, string, string, RedactionKind]> = [
    ['Dutch mobile with dash', 'Bel 06-12345678 terug', 'Bel [phone] terug', 'phone'],
    ['Dutch mobile plain', 'nummer 0612345678.', 'nummer [phone].', 'phone'],
    ['Dutch mobile grouped', 'bel 06 12 34 56 78', 'bel [phone]', 'phone'],
    ['Dutch landline', 'kantoor 020-1234567', 'kantoor [phone]', 'phone'],
    ['Dutch landline in brackets', 'kantoor (020) 123 45 67', 'kantoor [phone]', 'phone'],
    ['Dutch in E.164', 'mobiel +31612345678', 'mobiel [phone]', 'phone'],
    ['Dutch with trunk zero', 'mobiel +31 (0)6 12345678', 'mobiel [phone]', 'phone'],
    ['Dutch with 00 prefix', 'mobiel 0031 6 12345678', 'mobiel [phone]', 'phone'],
    ['British number', 'call +44 20 7946 0958 now', 'call [phone] now', 'phone'],
    ['American number', 'call +1 (415) 555-2671', 'call [phone]', 'phone'],
    ['phone then score', '06 12345678 7', '[phone] 7', 'phone'],
    ['e-mail address', 'mail jan.jansen@example.nl!', 'mail [email]!', 'email'],
    ['e-mail with plus', 'a+b@sub.example.co.uk', '[email]', 'email'],
    ['IBAN compact', 'rekening NL91ABNA0417164300.', 'rekening [iban].', 'iban'],
    ['IBAN grouped', 'NL91 ABNA 0417 1643 00 is het', '[iban] is het', 'iban'],
    ['IBAN lower case', 'nl91abna0417164300', '[iban]', 'iban'],
    ['German IBAN', 'DE89 3704 0044 0532 0130 00', '[iban]', 'iban'],
    ['BSN plain', 'bsn 111222333', 'bsn [bsn]', 'bsn'],
    ['BSN with dots', 'bsn 1234.56.782', 'bsn [bsn]', 'bsn'],
    ['postcode with space', 'in 1234 AB Utrecht', 'in [postcode] Utrecht', 'postcode'],
    ['postcode compact', 'in 1234AB', 'in [postcode]', 'postcode'],
    ['postcode lower case', 'in 1234ab', 'in [postcode]', 'postcode'],
  ];

  it.each(replaced)('replaces %s', (_case, input, expected, kind) => {
    const result = scrubFreeText(input);

    expect(result.text).toBe(expected);
    expect(result.redactions[kind]).toBe(1);
  });

  const kept: Array<[string, string]> = [
    ['a score', 'Ik geef een 6'],
    ['a year', 'In 2026 ging het beter'],
    ['a score and a year', 'score 7 in 2026'],
    ['a date with a time', 'op 06-05-2026 10:30 gebeld'],
    ['an order number', 'order 20260512'],
    ['a percentage', '12.5% korting'],
    ['an IBAN failing mod-97', 'NL91ABNA0417164301'],
    ['nine digits failing the 11-test', 'klantnummer 123456789'],
    ['a year and an ordinary word', 'sinds 2026 en later'],
    ['a postcode with unused letters', '1234 SS'],
    ['a postcode starting with zero', '0123 AB'],
    ['a short national number', 'toestel 06-1234'],
  ];

  it.each(kept)('keeps %s', (_case, input) => {
    const result = scrubFreeText(input);

    expect(result.text).toBe(input);
    expect(Object.values(result.redactions).every((count) => count === 0)).toBe(true);
  });

  it('counts each kind separately', () => {
    const input = 'Jan, 06-12345678 of 020-1234567, jan@example.nl, 1234 AB, bsn 111222333';

    const result = scrubFreeText(input);

    expect(result.text).toBe('Jan, [phone] of [phone], [email], [postcode], bsn [bsn]');
    expect(result.redactions).toEqual({ email: 1, iban: 0, phone: 2, bsn: 1, postcode: 1 });
  });

  const longInputs: Array<[string, string]> = [
    ['digit groups', '1 '.repeat(20_000)],
    ['zero groups', '0 '.repeat(20_000)],
    ['one long word', 'a'.repeat(40_000)],
    ['IBAN-like words', 'NL91 '.repeat(8_000)],
  ];

  it.each(longInputs)('scrubs 40,000 characters of %s in linear time', (_case, input) => {
    const started = Date.now();

    scrubFreeText(input);

    // Linear passes take well under a second; one that retries from every start position does not.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
