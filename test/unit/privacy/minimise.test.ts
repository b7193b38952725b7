import { Writable } from 'node:stream';

import { createLogger } from '../../../src/log';
import { MAX_METADATA_VALUE_LENGTH, pickDeclaredMetadata } from '../../../src/privacy/minimise';
import { fixtureSurvey } from './fixtures/survey';

/** Creates a logger at debug level that collects its lines as parsed JSON. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)));
      callback();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

describe('pickDeclaredMetadata', () => {
  const survey = fixtureSurvey();

  it('keeps declared fields', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(survey, { storeId: 'ams-01', visitType: 'repair' }, log);

    expect(kept).toEqual({ storeId: 'ams-01', visitType: 'repair' });
  });

  it('drops undeclared fields', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(
      survey,
      { storeId: 'ams-01', customerName: 'Jan Jansen', email: 'jan@example.nl' },
      log,
    );

    expect(kept).toEqual({ storeId: 'ams-01' });
  });

  it('logs dropped field names without values', () => {
    const { log, lines } = capturedLogger();

    pickDeclaredMetadata(survey, { customerName: 'Jan Jansen', phone: '+31612345678' }, log);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 20, surveyId: 'service-visit', unnamed: 0 });
    expect(lines[0]?.fields).toEqual(['customerName', 'phone']);
    expect(JSON.stringify(lines)).not.toContain('Jan Jansen');
    expect(JSON.stringify(lines)).not.toContain('+31612345678');
  });

  it('counts keys that are no field names', () => {
    const { log, lines } = capturedLogger();

    pickDeclaredMetadata(survey, { 'jan@example.nl': 'yes' }, log);

    expect(lines[0]?.fields).toEqual([]);
    expect(lines[0]?.unnamed).toBe(1);
    expect(JSON.stringify(lines)).not.toContain('jan@example.nl');
  });

  it('logs nothing when nothing is dropped', () => {
    const { log, lines } = capturedLogger();

    pickDeclaredMetadata(survey, { storeId: 'ams-01' }, log);

    expect(lines).toHaveLength(0);
  });

  it('trims values and drops empty ones', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(survey, { storeId: '  ams-01 ', visitType: '   ' }, log);

    expect(kept).toEqual({ storeId: 'ams-01' });
  });

  it('turns numbers and booleans into strings', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(survey, { storeId: 42, visitType: true }, log);

    expect(kept).toEqual({ storeId: '42', visitType: 'true' });
  });

  it('drops objects, arrays, null and NaN', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(survey, { storeId: { id: 1 }, visitType: ['a'] }, log);
    const more = pickDeclaredMetadata(survey, { storeId: null, visitType: Number.NaN }, log);

    expect(kept).toEqual({});
    expect(more).toEqual({});
  });

  it('cuts long values to the maximum length', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(survey, { storeId: 'x'.repeat(500) }, log);

    expect(kept.storeId).toHaveLength(MAX_METADATA_VALUE_LENGTH);
  });

  it('ignores inherited property names', () => {
    const { log } = capturedLogger();

    const kept = pickDeclaredMetadata(survey, { toString: 'x', constructor: 'y' }, log);

    expect(kept).toEqual({});
  });
});
