import { Writable } from 'node:stream';

import serviceVisit from '../../../dialogs/service-visit';
import { parseInvitationCsv } from '../../../src/conversations/invitations-csv';
import { ValidationError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import { surveySchema } from '../../../src/surveys/schema';

const survey = surveySchema.parse(serviceVisit);

function captureLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

const silent = createLogger({ level: 'silent' });

describe('parseInvitationCsv', () => {
  test('reads invitations with declared metadata', () => {
    const csv = 'channel,to,locale,region,engineerId\nsms,+31612345678,en,north,E17\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows).toEqual([
      {
        row: 1,
        request: {
          channel: 'sms',
          to: '+31612345678',
          locale: 'en',
          metadata: { region: 'north', engineerId: 'E17' },
        },
      },
    ]);
  });

  test('drops undeclared columns and logs only their names', () => {
    const { log, lines } = captureLog();
    const csv = 'channel,to,region,customerName\nsms,0612345678,north,Pieterbaas\n';

    const rows = parseInvitationCsv(csv, survey, log);

    expect(rows[0]).toEqual({
      row: 1,
      request: { channel: 'sms', to: '0612345678', metadata: { region: 'north' } },
    });
    const logged = lines.join('\n');
    expect(logged).toContain('customerName');
    expect(logged).not.toContain('Pieterbaas');
  });

  test('counts header cells that are no field names', () => {
    const { log, lines } = captureLog();
    const csv = 'channel,to,+31687654321\nsms,0612345678,x\n';

    parseInvitationCsv(csv, survey, log);

    const logged = lines.join('\n');
    expect(logged).not.toContain('687654321');
    expect(logged).toContain('"unnamed":1');
  });

  test('reads quoted fields as RFC 4180 writes them', () => {
    const csv = 'channel,to,region\r\nsms,"+31 6 1234 5678","Noord, ""oost""\nen zuid"\r\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows).toEqual([
      {
        row: 1,
        request: {
          channel: 'sms',
          to: '+31 6 1234 5678',
          metadata: { region: 'Noord, "oost"\nen zuid' },
        },
      },
    ]);
  });

  test('reads semicolons and a byte order mark', () => {
    const csv = '\uFEFFchannel;to;locale\nsms;0612345678;nl\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows).toEqual([
      { row: 1, request: { channel: 'sms', to: '0612345678', locale: 'nl', metadata: {} } },
    ]);
  });

  test('skips blank and empty rows', () => {
    const csv = 'channel,to\n\nsms,0612345678\n,\n\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows).toHaveLength(1);
  });

  test('reports a row with a wrong field count', () => {
    const csv = 'channel,to,locale\nsms,0612345678\nsms,0687654321,nl\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows[0]).toEqual({ row: 1, error: 'expected 3 fields, got 2' });
    expect(rows[1]).toMatchObject({ row: 2, request: { to: '0687654321' } });
  });

  test('reports an unknown channel and a missing recipient', () => {
    const csv = 'channel,to\nfax,0612345678\nsms,\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows[0]).toMatchObject({ row: 1, error: expect.stringContaining('channel') });
    expect(rows[1]).toMatchObject({ row: 2, error: expect.stringContaining('missing recipient') });
  });

  test('reports text after a closing quote and goes on', () => {
    const csv = 'channel,to\nsms,"0612"345678\nsms,0687654321\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows[0]).toMatchObject({ row: 1, error: expect.stringContaining('closing quote') });
    expect(rows[1]).toMatchObject({ row: 2, request: { to: '0687654321' } });
  });

  test('reports an unclosed quote and stops', () => {
    const csv = 'channel,to\nsms,0612345678\nsms,"0687654321\nsms,0611112222\n';

    const rows = parseInvitationCsv(csv, survey, silent);

    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ row: 2, error: expect.stringContaining('not closed') });
  });

  test.each([
    ['a missing to column', 'channel,phone\nsms,0612345678\n', 'missing column "to"'],
    ['a repeated column', 'channel,to,to\nsms,1,2\n', 'appears twice'],
    ['an empty body', '', 'missing header row'],
  ])('rejects %s', (_case, csv, message) => {
    const parse = () => parseInvitationCsv(csv, survey, silent);

    expect(parse).toThrow(ValidationError);
    expect(parse).toThrow(message);
  });
});
