import { SIGNAL_KEYS } from './evidence.ts';
import {
  clampScore,
  DEFAULT_WEIGHTS,
  PRIORITY_THRESHOLDS,
  priorityForScore,
  priorityRank,
  rawScore,
  type Weights,
} from './severity.ts';

/**
 * A project's own weights, learned from the priorities its people chose.
 *
 * The model is an ordinal (cumulative-link) logistic regression whose linear part is the score
 * itself: s = Σ wᵢ·xᵢ over the signal strengths, and P(priority > k) = σ((s − tₖ)/T) at the fixed
 * score thresholds tₖ of the proposals. Learned weights therefore drop into the same explained,
 * additive score, and each signal's points stay readable on the issue page. Training is full-batch
 * gradient ascent on the log-likelihood with an L2 pull towards the default weights, so a few dozen
 * examples nudge the weights rather than overturn them.
 */

export interface PriorityExample {
  /** Signal strengths in SIGNAL_KEYS order, as they were when the person decided. */
  features: number[];
  /** The priority rank (0 none … 4 urgent) the person set or confirmed. */
  label: number;
  /** Stable order for the split (the issue id). */
  order: number;
}

/** Examples needed before a project trains its own model. */
export const MIN_EXAMPLES = 30;
/** The learned model replaces the defaults only when it beats them on the held-out split by this much. */
export const ADOPTION_MARGIN = 0.05;
/** Every HOLDOUT_EVERY-th example (by order) is held out: a 25% test split, the same on every run. */
const HOLDOUT_EVERY = 4;
const TEMPERATURE = 6;
const L2 = 0.002;
const LEARNING_RATE = 8;
const EPOCHS = 1500;

const THRESHOLDS = [...PRIORITY_THRESHOLDS].map((t) => t.from).sort((a, b) => a - b); // low, medium, high, urgent
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function split(examples: readonly PriorityExample[]) {
  const sorted = [...examples].sort((a, b) => a.order - b.order);
  return {
    train: sorted.filter((_, i) => i % HOLDOUT_EVERY !== HOLDOUT_EVERY - 1),
    test: sorted.filter((_, i) => i % HOLDOUT_EVERY === HOLDOUT_EVERY - 1),
  };
}

export function predictRank(features: readonly number[], weights: Weights): number {
  return priorityRank(priorityForScore(clampScore(rawScore(features, weights))));
}

export function accuracy(examples: readonly PriorityExample[], weights: Weights): number {
  if (examples.length === 0) return 0;
  const hits = examples.filter((e) => predictRank(e.features, weights) === e.label).length;
  return hits / examples.length;
}

/** d/ds of log P(y = label | s) under the cumulative-link model. */
function gradientOfScore(s: number, label: number): number {
  // P(y > k) for the boundaries below and above the label; 1 and 0 beyond the ends.
  const above = label > 0 ? sigmoid((s - THRESHOLDS[label - 1]!) / TEMPERATURE) : 1;
  const belowNext = label < THRESHOLDS.length ? sigmoid((s - THRESHOLDS[label]!) / TEMPERATURE) : 0;
  const p = Math.max(1e-9, above - belowNext);
  const dAbove = label > 0 ? (above * (1 - above)) / TEMPERATURE : 0;
  const dBelow = label < THRESHOLDS.length ? (belowNext * (1 - belowNext)) / TEMPERATURE : 0;
  return (dAbove - dBelow) / p;
}

export function train(examples: readonly PriorityExample[], start: Weights = DEFAULT_WEIGHTS): Weights {
  const w = SIGNAL_KEYS.map((k) => start[k]);
  const prior = SIGNAL_KEYS.map((k) => start[k]);
  const n = Math.max(1, examples.length);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = w.map((wi, i) => -L2 * (wi - prior[i]!) * n);
    for (const ex of examples) {
      const s = ex.features.reduce((acc, x, i) => acc + x * w[i]!, 0);
      const g = gradientOfScore(s, ex.label);
      for (let i = 0; i < w.length; i++) grad[i]! += g * (ex.features[i] ?? 0);
    }
    for (let i = 0; i < w.length; i++) w[i] = Math.max(0, w[i]! + (LEARNING_RATE * grad[i]!) / n);
  }
  return Object.fromEntries(SIGNAL_KEYS.map((k, i) => [k, Math.round(w[i]! * 100) / 100])) as Weights;
}

export interface ModelEvaluation {
  examples: number;
  defaultAccuracy: number | null;
  learnedAccuracy: number | null;
  adopted: boolean;
  /** The weights to score with: learned when adopted, else the defaults. */
  weights: Weights;
  learnedWeights: Weights | null;
}

/**
 * Trains on the training split, compares both weight sets on the held-out split, and adopts the
 * learned weights only when they win by ADOPTION_MARGIN. Adopted weights are then refitted on
 * every example, since the comparison has been made.
 */
export function evaluateModel(examples: readonly PriorityExample[]): ModelEvaluation {
  if (examples.length < MIN_EXAMPLES) {
    return {
      examples: examples.length,
      defaultAccuracy: null,
      learnedAccuracy: null,
      adopted: false,
      weights: DEFAULT_WEIGHTS,
      learnedWeights: null,
    };
  }
  const { train: trainSet, test } = split(examples);
  const learned = train(trainSet);
  const defaultAccuracy = accuracy(test, DEFAULT_WEIGHTS);
  const learnedAccuracy = accuracy(test, learned);
  const adopted = learnedAccuracy >= defaultAccuracy + ADOPTION_MARGIN;
  const weights = adopted ? train(examples) : DEFAULT_WEIGHTS;
  return {
    examples: examples.length,
    defaultAccuracy,
    learnedAccuracy,
    adopted,
    weights,
    learnedWeights: learned,
  };
}
