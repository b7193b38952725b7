import { cesBands, scaleRange } from '../../../src/surveys/define-survey';

describe('scaleRange', () => {
  it.each([
    ['ces2', { kind: 'ces', scale: 'ces2' } as const, [1, 7]],
    ['ces1', { kind: 'ces', scale: 'ces1' } as const, [1, 5]],
    ['ces without scale', { kind: 'ces' } as const, [1, 7]],
    ['rating', { kind: 'rating', min: 0, max: 10 } as const, [0, 10]],
  ])('returns the range of %s', (_name, step, expected) => {
    expect(scaleRange(step)).toEqual(expected);
  });
});

describe('cesBands', () => {
  it('defaults ces2 to 5-7 and 1-3', () => {
    expect(cesBands({ scale: 'ces2' })).toEqual({ lowEffort: [5, 7], highEffort: [1, 3] });
  });

  it('defaults ces1 to 1-2 and 4-5', () => {
    expect(cesBands({ scale: 'ces1' })).toEqual({ lowEffort: [1, 2], highEffort: [4, 5] });
  });

  it('treats a missing scale as ces2', () => {
    expect(cesBands({})).toEqual({ lowEffort: [5, 7], highEffort: [1, 3] });
  });

  it('returns bands the step sets', () => {
    const bands = { lowEffort: [6, 7] as [number, number], highEffort: [1, 2] as [number, number] };

    expect(cesBands({ scale: 'ces2', bands })).toEqual(bands);
  });

  it('returns copies of the defaults', () => {
    const first = cesBands({ scale: 'ces2' });
    first.lowEffort[0] = 1;

    const second = cesBands({ scale: 'ces2' });

    expect(second.lowEffort).toEqual([5, 7]);
  });
});
