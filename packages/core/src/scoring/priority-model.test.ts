import { describe, expect, it } from 'vitest';
import { SIGNAL_KEYS } from './evidence.ts';
import {
  ADOPTION_MARGIN,
  accuracy,
  evaluateModel,
  MIN_EXAMPLES,
  type PriorityExample,
  predictRank,
} from './priority-model.ts';
import { DEFAULT_WEIGHTS } from './severity.ts';

/** A deterministic pseudo-random stream, so the examples are the same on every run. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function examples(n: number, label: (features: number[]) => number, seed = 7): PriorityExample[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const features = SIGNAL_KEYS.map(() => (r() < 0.5 ? 0 : r()));
    return { features, label: label(features), order: i };
  });
}

describe('per-project priority model', () => {
  it('waits for enough examples', () => {
    const few = evaluateModel(examples(MIN_EXAMPLES - 1, () => 2));
    expect(few).toMatchObject({
      adopted: false,
      defaultAccuracy: null,
      learnedAccuracy: null,
      weights: DEFAULT_WEIGHTS,
    });
  });

  it('adopts learned weights when the team ranks differently and the model wins by the margin', () => {
    // This team weighs frustration far above the defaults and the risk matrix far below.
    const team = { ...DEFAULT_WEIGHTS, frustration: 60, risk: 5 };
    const data = examples(120, (f) => predictRank(f, team));
    const m = evaluateModel(data);
    expect(m.learnedAccuracy!).toBeGreaterThanOrEqual(m.defaultAccuracy! + ADOPTION_MARGIN);
    expect(m.adopted).toBe(true);
    expect(m.weights.frustration).toBeGreaterThan(DEFAULT_WEIGHTS.frustration);
    expect(m.weights.risk).toBeLessThan(DEFAULT_WEIGHTS.risk);
    expect(accuracy(data, m.weights)).toBeGreaterThan(accuracy(data, DEFAULT_WEIGHTS));
  });

  it('keeps the default weights when the team already agrees with them', () => {
    const data = examples(120, (f) => predictRank(f, DEFAULT_WEIGHTS), 11);
    const m = evaluateModel(data);
    expect(m.defaultAccuracy).toBe(1);
    expect(m.adopted).toBe(false);
    expect(m.weights).toBe(DEFAULT_WEIGHTS);
    expect(m.learnedWeights).not.toBeNull();
  });
});
