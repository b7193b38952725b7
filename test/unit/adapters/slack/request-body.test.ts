import { parseSlackBody } from '../../../../adapters/slack/request-body';
import { ValidationError } from '../../../../src/errors';

describe('parseSlackBody', () => {
  test('parses an Events API JSON body', () => {
    const body = parseSlackBody('{"type":"event_callback","event_id":"Ev1"}', 'application/json');

    expect(body).toEqual({ type: 'event_callback', event_id: 'Ev1' });
  });

  test('parses the payload field of an interaction form', () => {
    const raw = new URLSearchParams({
      payload: JSON.stringify({ type: 'block_actions', text: 'a&b=c' }),
    }).toString();

    const body = parseSlackBody(raw, 'application/x-www-form-urlencoded');

    expect(body).toEqual({ type: 'block_actions', text: 'a&b=c' });
  });

  test('rejects a form without payload', () => {
    expect(() => parseSlackBody('command=%2Fces', 'application/x-www-form-urlencoded')).toThrow(
      ValidationError,
    );
  });

  test('rejects invalid JSON', () => {
    expect(() => parseSlackBody('{"type":', 'application/json')).toThrow(/not valid JSON/);
  });

  test('rejects a JSON array', () => {
    expect(() => parseSlackBody('[1,2]', 'application/json')).toThrow(/JSON object/);
  });
});
