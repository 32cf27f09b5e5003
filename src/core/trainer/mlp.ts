/**
 * A multilayer perceptron of dense layers: z = a_prev W^T + b, a = f(z), optional inverted dropout.
 * forward() and backward() work on batches of up to `capacity` rows in preallocated workspaces, so a
 * training step allocates nothing. Gradients are those of the batch-mean loss.
 */
import { activate, backpropActivation, type ActivationName } from './activations';
import type { LayerConfig } from './config';
import { initialize } from './initializers';
import { Arena, addBias, allocFloat, matmulAB, sumRows, transpose, type FloatArray, type Matrix, type Precision } from './matrix';
import type { SimdKernel } from './simd';
import type { Parameter } from './optimizers';
import type { Rng } from './rng';

/** One dense layer: weights (units x fanIn, row i = unit i's incoming weights), biases and their gradients. */
export interface DenseLayer {
  readonly fanIn: number;
  readonly units: number;
  readonly activation: ActivationName;
  readonly dropout: number;
  readonly weights: Matrix;
  readonly biases: FloatArray;
  readonly gradWeights: Matrix;
  readonly gradBiases: FloatArray;
}

/** Per-layer buffers of one batch (capacity rows). */
interface Workspace {
  z: FloatArray;
  a: FloatArray;
  /** Output after dropout (the same array as `a` when the layer has no dropout). */
  out: FloatArray;
  mask: FloatArray | null;
  dz: FloatArray;
  da: FloatArray;
  dzT: FloatArray;
  weightsT: FloatArray;
  biasAcc: Float64Array;
}

/** A dense feed-forward network with preallocated workspaces. */
export class MLP {
  /** The layers, input side first. */
  readonly layers: DenseLayer[];
  private readonly work: Workspace[];

  /** Input rows of the next forward pass may be written here (capacity x inputSize) to stay in kernel memory. */
  readonly input: FloatArray;
  private readonly kernel: SimdKernel | null;

  /** Allocates a network of the given shape (zero weights) for batches of up to `capacity` rows; `simd: false` forces the JS kernels. */
  constructor(readonly inputSize: number, configs: readonly LayerConfig[], readonly capacity: number, readonly precision: Precision = 'float32', simd = true) {
    const sizes: number[] = [capacity * inputSize];
    let fanIn = inputSize;
    for (const c of configs) {
      const perRow = capacity * c.units;
      const dropout = (c.dropout ?? 0) > 0;
      sizes.push(c.units * fanIn, c.units * fanIn, c.units * fanIn, c.units, c.units, perRow, perRow, perRow, perRow, perRow);
      if (dropout) sizes.push(perRow, perRow);
      fanIn = c.units;
    }
    const arena = precision === 'float32' ? new Arena(sizes.reduce((t, n) => t + Arena.padded(n), 0), simd) : null;
    const alloc = (n: number): FloatArray => (arena ? arena.alloc(n) : allocFloat(n, precision));
    this.kernel = arena ? arena.kernel : null;
    this.input = alloc(capacity * inputSize);
    fanIn = inputSize;
    this.layers = [];
    this.work = [];
    for (const c of configs) {
      const units = c.units;
      const dropout = c.dropout ?? 0;
      this.layers.push({
        fanIn, units, activation: c.activation, dropout,
        weights: { rows: units, cols: fanIn, data: alloc(units * fanIn) },
        gradWeights: { rows: units, cols: fanIn, data: alloc(units * fanIn) },
        biases: alloc(units),
        gradBiases: alloc(units),
      });
      const weightsT = alloc(units * fanIn);
      const z = alloc(capacity * units), a = alloc(capacity * units), dz = alloc(capacity * units), da = alloc(capacity * units), dzT = alloc(capacity * units);
      const mask = dropout > 0 ? alloc(capacity * units) : null;
      const out = dropout > 0 ? alloc(capacity * units) : a;
      this.work.push({ z, a, out, mask, dz, da, dzT, weightsT, biasAcc: new Float64Array(units) });
      fanIn = units;
    }
  }

  /** Initializes every layer's weights then biases, in layer order, from one generator. */
  initialize(configs: readonly LayerConfig[], rng: Rng): void {
    this.layers.forEach((l, i) => {
      const fans = { fanIn: l.fanIn, fanOut: l.units };
      initialize(configs[i].weightInit, l.weights.data, l.units, l.fanIn, fans, rng);
      initialize(configs[i].biasInit, l.biases, l.units, 1, fans, rng);
    });
  }

  /** The output layer. */
  get outputLayer(): DenseLayer {
    return this.layers[this.layers.length - 1];
  }

  /** Pre-activations z of layer l for the last forward pass (n x units, first n rows valid). */
  preActivations(l: number): FloatArray {
    return this.work[l].z;
  }

  /** Activations f(z) of layer l for the last forward pass (before dropout). */
  activations(l: number): FloatArray {
    return this.work[l].a;
  }

  /** Gradient of the loss with respect to the output layer's z: the loss writes it here. */
  get outputGradient(): FloatArray {
    return this.work[this.work.length - 1].dz;
  }

  /** Scratch buffer of the output layer's shape (the loss uses it for dL/da). */
  get outputScratch(): FloatArray {
    return this.work[this.work.length - 1].da;
  }

  /** Forward pass of n <= capacity rows of x (n x inputSize); dropout only when a generator is given. */
  forward(x: FloatArray, n: number, dropoutRng: Rng | null): FloatArray {
    let input = x;
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l], w = this.work[l];
      const count = n * layer.units;
      transpose(layer.weights.data, layer.units, layer.fanIn, w.weightsT);
      matmulAB(input, w.weightsT, w.z, n, layer.units, layer.fanIn, this.kernel);
      addBias(w.z, layer.biases, n, layer.units);
      activate(layer.activation, w.z, w.a, count);
      if (w.mask !== null) {
        if (dropoutRng !== null) {
          const keep = 1 - layer.dropout, scale = 1 / keep;
          for (let i = 0; i < count; i++) {
            const m = dropoutRng.nextFloat() < keep ? scale : 0;
            w.mask[i] = m;
            w.out[i] = w.a[i] * m;
          }
        } else {
          w.mask.fill(1, 0, count);
          w.out.set(w.a.subarray(0, count));
        }
      }
      input = w.out;
    }
    return input;
  }

  /** Backward pass after forward(x, n) and after the loss wrote dL/dz into outputGradient; fills all gradients. */
  backward(x: FloatArray, n: number): void {
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l], w = this.work[l];
      const input = l === 0 ? x : this.work[l - 1].out;
      transpose(w.dz, n, layer.units, w.dzT);
      matmulAB(w.dzT, input, layer.gradWeights.data, layer.units, layer.fanIn, n, this.kernel);
      sumRows(w.dz, n, layer.units, layer.gradBiases, w.biasAcc);
      if (l > 0) {
        const below = this.layers[l - 1], wb = this.work[l - 1];
        matmulAB(w.dz, layer.weights.data, wb.da, n, layer.fanIn, layer.units, this.kernel);
        const count = n * below.units;
        if (wb.mask !== null) for (let i = 0; i < count; i++) wb.da[i] *= wb.mask[i];
        backpropActivation(below.activation, wb.z, wb.a, wb.da, wb.dz, count);
      }
    }
  }

  /** Sets every gradient to zero. */
  zeroGrad(): void {
    for (const l of this.layers) {
      l.gradWeights.data.fill(0);
      l.gradBiases.fill(0);
    }
  }

  /** Weights (with decay) and biases (without) of every layer, with their gradients. */
  parameters(): Parameter[] {
    return this.layers.flatMap((l) => [
      { value: l.weights.data, grad: l.gradWeights.data, decay: true },
      { value: l.biases, grad: l.gradBiases, decay: false },
    ]);
  }
}
