import { computeCesStatistics } from '../../../src/reporting/ces-statistics';

const CES2 = { scale: [1, 7], lowEffort: [5, 7], highEffort: [1, 3] } as const;
const CES1 = { scale: [1, 5], lowEffort: [1, 2], highEffort: [4, 5] } as const;

describe('computeCesStatistics', () => {
  test('CES 2.0 net, mean and distribution', () => {
    const counts = { '1': 1, '2': 1, '4': 1, '5': 1, '6': 1, '7': 2 };

    const statistics = computeCesStatistics({ counts, ...CES2 });

    expect(statistics.n).toBe(7);
    expect(statistics.net).toBe(29); // (4 - 2) / 7 = 28.6%
    expect(statistics.mean).toBe(4.6); // 32 / 7 = 4.57
    expect(statistics.distribution).toEqual({
      '1': 1,
      '2': 1,
      '3': 0,
      '4': 1,
      '5': 1,
      '6': 1,
      '7': 2,
    });
  });

  test('CES 1.0 counts low scores as low effort', () => {
    const counts = { '1': 3, '5': 1 };

    const statistics = computeCesStatistics({ counts, ...CES1 });

    expect(statistics.net).toBe(50);
    expect(statistics.mean).toBe(2);
  });

  test('all high effort gives -100', () => {
    const statistics = computeCesStatistics({ counts: { '1': 2, '3': 2 }, ...CES2 });

    expect(statistics.net).toBe(-100);
  });

  test('no answers gives nulls and zero counts', () => {
    const statistics = computeCesStatistics({ counts: {}, ...CES2 });

    expect(statistics.n).toBe(0);
    expect(statistics.net).toBeNull();
    expect(statistics.mean).toBeNull();
    expect(Object.values(statistics.distribution)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  test('values outside the scale are not counted', () => {
    const statistics = computeCesStatistics({ counts: { '9': 4, '6': 1 }, ...CES2 });

    expect(statistics.n).toBe(1);
  });
});
