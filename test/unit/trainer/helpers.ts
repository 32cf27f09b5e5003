/** Shared builders for the trainer tests. */
import type { ActivationName, InitializerSpec, LayerConfig, OptimizerConfig, TrainConfig } from '../../../src/core/trainer/index';

/** A dense layer config. */
export function dense(units: number, activation: ActivationName, weightInit: InitializerSpec, biasInit: InitializerSpec = { kind: 'zeros' }, dropout?: number): LayerConfig {
  return dropout === undefined ? { units, activation, weightInit, biasInit } : { units, activation, weightInit, biasInit, dropout };
}

/** A small xor problem (2 inputs, binary output, bce) with the given layers and optimizer. */
export function xorConfig(layers: LayerConfig[], optimizer: OptimizerConfig = { kind: 'sgd', lr: 0.1 }, extra: Partial<TrainConfig> = {}): TrainConfig {
  return {
    dataset: { name: 'xor', samples: 200, noise: 0.05, testFraction: 0.2 },
    layers, loss: 'bce', optimizer, batchSize: 16, seed: 7, dataSeed: 11, ...extra,
  };
}

/** Bit patterns of a float32 array, for exact comparison (NaN-safe, distinguishes -0). */
export function bits(a: Float32Array | Float64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
}
