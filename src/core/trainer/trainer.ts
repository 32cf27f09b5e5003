/**
 * A training run that advances one minibatch per step(). All randomness comes from generators
 * derived from the config's seeds: `seed` drives initialization and dropout, `dataSeed` the data and
 * the minibatch order. Two runs with the same dataSeed, dataset and batch size see the same batches in
 * the same order (lockstep). A non-finite loss or weight ends the run in state 'diverged'.
 */
import { validateConfig, type TrainConfig } from './config';
import { generateDataset, type DataSplit, type Dataset } from './datasets';
import { lossAndGradient, lossValue } from './losses';
import { allocFloat, type FloatArray } from './matrix';
import { accuracyCount, layerMetrics, type Metrics } from './metrics';
import { MLP } from './mlp';
import { createOptimizer, type Optimizer } from './optimizers';
import { Rng, deriveSeed } from './rng';

/** State of a run: it trains until a non-finite value appears. */
export type TrainerState = 'ready' | 'diverged';

/** Copy of one layer's parameters, for display. */
export interface LayerSnapshot {
  rows: number;
  cols: number;
  weights: Float32Array;
  biases: Float32Array;
}

/** Samples used for train/test evaluation and activation statistics, to keep metrics cheap. */
export const EVALUATION_SAMPLES = 512;

/** Steps a configured network through minibatch training. */
export class Trainer {
  /** The validated config. */
  readonly config: TrainConfig;
  /** The generated data. */
  readonly dataset: Dataset;
  /** The network being trained. */
  readonly mlp: MLP;
  private readonly optimizer: Optimizer;
  private readonly orderRng: Rng;
  private readonly dropoutRng: Rng;
  private readonly order: Int32Array;
  private cursor: number;
  private readonly batchX: FloatArray;
  private readonly batchY: FloatArray;
  private readonly evalX: FloatArray;
  private readonly evalY: FloatArray;
  private readonly hasDropout: boolean;
  private stepCount = 0;
  private lastLoss = NaN;
  private currentState: TrainerState = 'ready';
  private divergedStep: number | null = null;

  /** Validates the config (throwing ConfigError before allocating), generates data and initializes; `simd: false` forces the JS kernels. */
  constructor(config: unknown, options: { simd?: boolean } = {}) {
    this.config = validateConfig(config);
    const c = this.config;
    const precision = c.precision ?? 'float32';
    this.dataset = generateDataset(c.dataset, deriveSeed(c.dataSeed, 'data'));
    const capacity = Math.max(c.batchSize, Math.min(EVALUATION_SAMPLES, Math.max(this.dataset.train.n, this.dataset.test.n)));
    this.mlp = new MLP(this.dataset.inputSize, c.layers, capacity, precision, options.simd ?? true);
    this.mlp.initialize(c.layers, new Rng(deriveSeed(c.seed, 'init')));
    this.dropoutRng = new Rng(deriveSeed(c.seed, 'dropout'));
    this.hasDropout = c.layers.some((l) => (l.dropout ?? 0) > 0);
    this.orderRng = new Rng(deriveSeed(c.dataSeed, 'order'));
    this.optimizer = createOptimizer(c.optimizer, this.mlp.parameters(), { l1: c.l1 ?? 0, l2: c.l2 ?? 0 }, precision);
    this.order = Int32Array.from({ length: this.dataset.train.n }, (_, i) => i);
    this.cursor = this.order.length;
    this.batchX = this.mlp.input;
    this.batchY = allocFloat(c.batchSize * this.dataset.outputSize, precision);
    this.evalX = this.mlp.input;
    this.evalY = allocFloat(capacity * this.dataset.outputSize, precision);
  }

  /** Number of completed steps. */
  get step(): number {
    return this.stepCount;
  }

  /** 'diverged' once a loss or weight became NaN or infinite. */
  get state(): TrainerState {
    return this.currentState;
  }

  /** The step at which the run diverged, or null. */
  get divergedAt(): number | null {
    return this.divergedStep;
  }

  /** Loss of the most recent minibatch (NaN before the first step). */
  get batchLoss(): number {
    return this.lastLoss;
  }

  /** Fills the batch buffers with the next batchSize samples of the shuffled order (reshuffled each epoch). */
  private nextBatch(): void {
    const { inputSize, outputSize, train } = this.dataset;
    const bx = this.batchX, by = this.batchY, tx = train.x, ty = train.y;
    for (let r = 0; r < this.config.batchSize; r++) {
      if (this.cursor >= this.order.length) {
        this.orderRng.shuffle(this.order);
        this.cursor = 0;
      }
      const s = this.order[this.cursor++];
      for (let k = 0, src = s * inputSize, dst = r * inputSize; k < inputSize; k++) bx[dst + k] = tx[src + k];
      for (let k = 0, src = s * outputSize, dst = r * outputSize; k < outputSize; k++) by[dst + k] = ty[src + k];
    }
  }

  /** Computes loss and gradients of the next minibatch without updating (gradients stay in mlp). */
  computeGradients(): number {
    const n = this.config.batchSize;
    this.nextBatch();
    const mlp = this.mlp;
    mlp.forward(this.batchX, n, this.hasDropout ? this.dropoutRng : null);
    const last = mlp.layers.length - 1;
    const loss = lossAndGradient(this.config.loss, mlp.outputLayer.activation, mlp.preActivations(last), mlp.activations(last),
      this.batchY, n, mlp.outputLayer.units, mlp.outputGradient, mlp.outputScratch);
    mlp.backward(this.batchX, n);
    return loss;
  }

  /** One minibatch step; returns false (and does nothing) once diverged. */
  trainStep(): boolean {
    if (this.currentState === 'diverged') return false;
    const loss = this.computeGradients();
    this.optimizer.step();
    this.stepCount++;
    this.lastLoss = loss;
    if (!Number.isFinite(loss) || !this.weightsFinite()) {
      this.currentState = 'diverged';
      this.divergedStep = this.stepCount;
      return false;
    }
    return true;
  }

  /** Up to `count` steps; stops early on divergence. Returns the number of steps done. */
  trainSteps(count: number): number {
    let done = 0;
    while (done < count && this.trainStep()) done++;
    return done;
  }

  private weightsFinite(): boolean {
    for (const l of this.mlp.layers) {
      let s = 0;
      const w = l.weights.data;
      for (let i = 0; i < w.length; i++) s += w[i];
      for (let i = 0; i < l.biases.length; i++) s += l.biases[i];
      if (!Number.isFinite(s)) return false;
    }
    return true;
  }

  /** Loss and accuracy on up to EVALUATION_SAMPLES rows of a split (no dropout). */
  evaluate(split: DataSplit): { loss: number; accuracy: number } {
    const n = Math.min(split.n, EVALUATION_SAMPLES);
    if (n === 0) return { loss: NaN, accuracy: NaN };
    const { inputSize, outputSize, task } = this.dataset;
    this.evalX.set(split.x.subarray(0, n * inputSize));
    this.evalY.set(split.y.subarray(0, n * outputSize));
    const mlp = this.mlp;
    mlp.forward(this.evalX, n, null);
    const last = mlp.layers.length - 1;
    const loss = lossValue(this.config.loss, mlp.preActivations(last), mlp.activations(last), this.evalY, n, outputSize);
    const accuracy = task === 'regression' ? NaN : accuracyCount(mlp.activations(last), this.evalY, n, outputSize, false) / n;
    return { loss, accuracy };
  }

  /** Full metrics: train/test loss and accuracy, per-layer statistics (on the train probe) and symmetry. */
  metrics(): Metrics {
    const test = this.evaluate(this.dataset.test);
    const train = this.evaluate(this.dataset.train);
    const n = Math.min(this.dataset.train.n, EVALUATION_SAMPLES);
    return {
      step: this.stepCount, batchLoss: this.lastLoss,
      trainLoss: train.loss, trainAccuracy: train.accuracy, testLoss: test.loss, testAccuracy: test.accuracy,
      layers: layerMetrics(this.mlp, n),
    };
  }

  /** Copies of every layer's weights and biases as float32 (fresh buffers, safe to transfer). */
  snapshot(): LayerSnapshot[] {
    return this.mlp.layers.map((l) => ({ rows: l.units, cols: l.fanIn, weights: Float32Array.from(l.weights.data), biases: Float32Array.from(l.biases) }));
  }
}
