/**
 * The configuration of a training run and its validation. validateConfig runs before anything is
 * allocated and throws a ConfigError naming the offending field (e.g. "layers[1].units").
 */
import { ACTIVATIONS, type ActivationName } from './activations';
import type { Precision } from './matrix';

/** How a weight matrix or bias vector starts. Fan-based ones use the layer's fanIn/fanOut. */
export type InitializerSpec =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'truncatedNormal'; mean: number; std: number }
  | { kind: 'xavierUniform'; gain?: number }
  | { kind: 'xavierNormal'; gain?: number }
  | { kind: 'kaimingUniform'; mode?: FanMode; nonlinearity?: ActivationName }
  | { kind: 'kaimingNormal'; mode?: FanMode; nonlinearity?: ActivationName }
  | { kind: 'lecunNormal' }
  | { kind: 'orthogonal'; gain?: number }
  | { kind: 'identity'; gain?: number }
  | { kind: 'tiledRandom'; std?: number }
  | { kind: 'explicit'; values: readonly number[] };

/** Which fan Kaiming initializers scale by. */
export type FanMode = 'fanIn' | 'fanOut';

/** Every initializer kind, for validation and UI lists. */
export const INITIALIZER_KINDS: readonly InitializerSpec['kind'][] = [
  'zeros', 'ones', 'constant', 'uniform', 'normal', 'truncatedNormal', 'xavierUniform', 'xavierNormal',
  'kaimingUniform', 'kaimingNormal', 'lecunNormal', 'orthogonal', 'identity', 'tiledRandom', 'explicit',
];

/** One dense layer: `units` outputs, its activation, initializers and optional dropout on its output. */
export interface LayerConfig {
  units: number;
  activation: ActivationName;
  weightInit: InitializerSpec;
  biasInit: InitializerSpec;
  /** Probability of zeroing each output during training (inverted dropout); 0 or absent = off. */
  dropout?: number;
}

/** Loss function names. bce expects a sigmoid output layer, softmaxCrossEntropy a linear (logit) one. */
export type LossName = 'mse' | 'bce' | 'softmaxCrossEntropy';

/** Optimizer settings. */
export type OptimizerConfig =
  | { kind: 'sgd'; lr: number }
  | { kind: 'momentum'; lr: number; momentum: number; nesterov?: boolean }
  | { kind: 'adam'; lr: number; beta1?: number; beta2?: number; epsilon?: number };

/** Names of the generated datasets. */
export type DatasetName = 'xor' | 'circles' | 'moons' | 'spiral' | 'blobs' | 'regression' | 'digits' | 'teacher';

/** Every dataset name. */
export const DATASET_NAMES: readonly DatasetName[] = ['xor', 'circles', 'moons', 'spiral', 'blobs', 'regression', 'digits', 'teacher'];

/** A generated dataset: size, label noise or jitter, held-out fraction; classes for spiral/blobs. */
export interface DatasetConfig {
  name: DatasetName;
  samples: number;
  noise: number;
  testFraction: number;
  classes?: number;
}

/** Everything that defines a run; same config -> same run, bit for bit. */
export interface TrainConfig {
  dataset: DatasetConfig;
  /** Hidden layers then the output layer; the last layer's units must match the dataset's outputs. */
  layers: LayerConfig[];
  loss: LossName;
  optimizer: OptimizerConfig;
  batchSize: number;
  /** Seed of initialization and dropout. */
  seed: number;
  /** Seed of the data and of the minibatch order; equal dataSeeds give runs in lockstep. */
  dataSeed: number;
  l1?: number;
  l2?: number;
  precision?: Precision;
}

/** Upper limits that keep a run inside the worker's memory budget. */
export const LIMITS = {
  maxUnits: 4096, maxLayers: 16, maxSamples: 100_000, maxParameters: 4_000_000, maxBatch: 4096, maxClasses: 64,
  /** samples x input width of a dataset. */
  maxDataValues: 10_000_000,
  /** max(batchSize, 512) x total units: the size of the activation workspaces. */
  maxActivations: 8_000_000,
} as const;

/** Thrown by validateConfig; `field` is the path of the offending setting. */
export class ConfigError extends Error {
  /** Creates an error about one field. */
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Input width, output width and task of a dataset, known without generating it. */
export function datasetShape(d: DatasetConfig): { inputSize: number; outputSize: number; task: 'binary' | 'multiclass' | 'regression' } {
  switch (d.name) {
    case 'xor': case 'circles': case 'moons': return { inputSize: 2, outputSize: 1, task: 'binary' };
    case 'spiral': case 'blobs': return { inputSize: 2, outputSize: d.classes ?? 2, task: 'multiclass' };
    case 'regression': return { inputSize: 2, outputSize: 1, task: 'regression' };
    case 'digits': return { inputSize: 784, outputSize: 10, task: 'multiclass' };
    case 'teacher': return { inputSize: 784, outputSize: 10, task: 'multiclass' };
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function finite(x: unknown, field: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new ConfigError(field, 'must be a finite number');
  return x;
}

function integer(x: unknown, field: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
    throw new ConfigError(field, `must be an integer in [${min}, ${max}]`);
  }
  return x;
}

function inRange(x: unknown, field: string, min: number, max: number, openMin = false): number {
  const v = finite(x, field);
  if (v > max || v < min || (openMin && v === min)) throw new ConfigError(field, `must be in ${openMin ? '(' : '['}${min}, ${max}]`);
  return v;
}

function optional(o: Record<string, unknown>, key: string, check: (v: unknown) => void): void {
  if (o[key] !== undefined) check(o[key]);
}

function validateInitializer(x: unknown, field: string, rows: number, cols: number): void {
  if (!isObject(x)) throw new ConfigError(field, 'must be an initializer object');
  const kind = x.kind;
  if (typeof kind !== 'string' || !(INITIALIZER_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(`${field}.kind`, `unknown initializer ${JSON.stringify(kind)}`);
  }
  switch (kind as InitializerSpec['kind']) {
    case 'constant': finite(x.value, `${field}.value`); break;
    case 'uniform': {
      const lo = finite(x.low, `${field}.low`);
      const hi = finite(x.high, `${field}.high`);
      if (hi < lo) throw new ConfigError(`${field}.high`, 'must be >= low');
      break;
    }
    case 'normal': case 'truncatedNormal':
      finite(x.mean, `${field}.mean`);
      inRange(x.std, `${field}.std`, 0, 1e6);
      break;
    case 'xavierUniform': case 'xavierNormal': case 'orthogonal': case 'identity':
      optional(x, 'gain', (v) => inRange(v, `${field}.gain`, 0, 1e6));
      break;
    case 'kaimingUniform': case 'kaimingNormal':
      optional(x, 'mode', (v) => { if (v !== 'fanIn' && v !== 'fanOut') throw new ConfigError(`${field}.mode`, "must be 'fanIn' or 'fanOut'"); });
      optional(x, 'nonlinearity', (v) => {
        if (!(ACTIVATIONS as readonly unknown[]).includes(v)) throw new ConfigError(`${field}.nonlinearity`, 'unknown activation');
      });
      break;
    case 'tiledRandom': optional(x, 'std', (v) => inRange(v, `${field}.std`, 0, 1e6)); break;
    case 'explicit': {
      const values = x.values;
      if (!Array.isArray(values)) throw new ConfigError(`${field}.values`, 'must be an array of numbers');
      if (values.length !== rows * cols) throw new ConfigError(`${field}.values`, `must have ${rows}x${cols} = ${rows * cols} numbers, got ${values.length}`);
      values.forEach((v, i) => finite(v, `${field}.values[${i}]`));
      break;
    }
    case 'zeros': case 'ones': case 'lecunNormal': break;
  }
}

/** Checks an untrusted value is a well-formed TrainConfig; throws ConfigError naming the field, allocates nothing. */
export function validateConfig(x: unknown): TrainConfig {
  if (!isObject(x)) throw new ConfigError('config', 'must be an object');
  const d = x.dataset;
  if (!isObject(d)) throw new ConfigError('dataset', 'must be an object');
  if (typeof d.name !== 'string' || !(DATASET_NAMES as readonly string[]).includes(d.name)) {
    throw new ConfigError('dataset.name', `unknown dataset ${JSON.stringify(d.name)}`);
  }
  const samples = integer(d.samples, 'dataset.samples', 4, LIMITS.maxSamples);
  inRange(d.noise, 'dataset.noise', 0, 10);
  const testFraction = inRange(d.testFraction, 'dataset.testFraction', 0, 0.9);
  optional(d, 'classes', (v) => integer(v, 'dataset.classes', 2, LIMITS.maxClasses));
  const shape = datasetShape(d as unknown as DatasetConfig);
  if (samples * shape.inputSize > LIMITS.maxDataValues) {
    throw new ConfigError('dataset.samples', `at most ${Math.floor(LIMITS.maxDataValues / shape.inputSize)} samples of width ${shape.inputSize}`);
  }

  const layers = x.layers;
  if (!Array.isArray(layers) || layers.length < 1) throw new ConfigError('layers', 'must be a non-empty array');
  if (layers.length > LIMITS.maxLayers) throw new ConfigError('layers', `at most ${LIMITS.maxLayers} layers`);
  let fanIn = shape.inputSize;
  let parameters = 0;
  let totalUnits = 0;
  layers.forEach((l: unknown, i: number) => {
    const f = `layers[${i}]`;
    if (!isObject(l)) throw new ConfigError(f, 'must be an object');
    const units = integer(l.units, `${f}.units`, 1, LIMITS.maxUnits);
    if (!(ACTIVATIONS as readonly unknown[]).includes(l.activation)) throw new ConfigError(`${f}.activation`, `unknown activation ${JSON.stringify(l.activation)}`);
    validateInitializer(l.weightInit, `${f}.weightInit`, units, fanIn);
    validateInitializer(l.biasInit, `${f}.biasInit`, units, 1);
    optional(l, 'dropout', (v) => {
      const p = inRange(v, `${f}.dropout`, 0, 0.95);
      if (p > 0 && i === layers.length - 1) throw new ConfigError(`${f}.dropout`, 'the output layer cannot use dropout');
    });
    parameters += units * (fanIn + 1);
    totalUnits += units;
    fanIn = units;
  });
  if (parameters > LIMITS.maxParameters) throw new ConfigError('layers', `too many parameters (${parameters} > ${LIMITS.maxParameters})`);
  const last = layers[layers.length - 1] as LayerConfig;
  if (last.units !== shape.outputSize) {
    throw new ConfigError(`layers[${layers.length - 1}].units`, `must equal the dataset's ${shape.outputSize} outputs`);
  }

  const loss = x.loss;
  if (loss !== 'mse' && loss !== 'bce' && loss !== 'softmaxCrossEntropy') throw new ConfigError('loss', `unknown loss ${JSON.stringify(loss)}`);
  if (loss === 'bce' && last.activation !== 'sigmoid') throw new ConfigError('loss', "bce needs a 'sigmoid' output layer");
  if (loss === 'bce' && shape.task !== 'binary') throw new ConfigError('loss', 'bce needs a binary dataset');
  if (loss === 'softmaxCrossEntropy' && last.activation !== 'linear') throw new ConfigError('loss', "softmaxCrossEntropy needs a 'linear' (logit) output layer");
  if (loss === 'softmaxCrossEntropy' && shape.task !== 'multiclass') throw new ConfigError('loss', 'softmaxCrossEntropy needs a multiclass dataset');

  const o = x.optimizer;
  if (!isObject(o)) throw new ConfigError('optimizer', 'must be an object');
  if (o.kind !== 'sgd' && o.kind !== 'momentum' && o.kind !== 'adam') throw new ConfigError('optimizer.kind', `unknown optimizer ${JSON.stringify(o.kind)}`);
  inRange(o.lr, 'optimizer.lr', 0, 100, true);
  if (o.kind === 'momentum') {
    inRange(o.momentum, 'optimizer.momentum', 0, 0.9999);
    optional(o, 'nesterov', (v) => { if (typeof v !== 'boolean') throw new ConfigError('optimizer.nesterov', 'must be a boolean'); });
  }
  if (o.kind === 'adam') {
    optional(o, 'beta1', (v) => inRange(v, 'optimizer.beta1', 0, 0.9999));
    optional(o, 'beta2', (v) => inRange(v, 'optimizer.beta2', 0, 0.999999));
    optional(o, 'epsilon', (v) => inRange(v, 'optimizer.epsilon', 0, 1, true));
  }
  const nTrain = samples - Math.round(samples * testFraction);
  const batchSize = integer(x.batchSize, 'batchSize', 1, Math.min(LIMITS.maxBatch, nTrain));
  if (Math.max(batchSize, 512) * (totalUnits + shape.inputSize) > LIMITS.maxActivations) {
    throw new ConfigError('batchSize', `too many activations for this network (batchSize x units > ${LIMITS.maxActivations})`);
  }
  integer(x.seed, 'seed', 0, 0xffffffff);
  integer(x.dataSeed, 'dataSeed', 0, 0xffffffff);
  optional(x, 'l1', (v) => inRange(v, 'l1', 0, 10));
  optional(x, 'l2', (v) => inRange(v, 'l2', 0, 10));
  optional(x, 'precision', (v) => { if (v !== 'float32' && v !== 'float64') throw new ConfigError('precision', "must be 'float32' or 'float64'"); });
  return x as unknown as TrainConfig;
}
