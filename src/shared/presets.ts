// The panel's one-click presets: each answers one of the classic questions about initialization.
// Pure data builders; the webview fills its controls from them and the host never needs them.
import type { ActivationName, InitializerSpec, LayerConfig, TrainConfig } from '../core/trainer/index';
import type { VisualizeRequest } from '../core/analyzer/index';
import type { PanelRunSpec } from './panelProtocol';

/** A preset: what it shows, and the run(s) it starts (two runs = side-by-side comparison). */
export interface Preset {
  id: string;
  title: string;
  /** One sentence a learner reads: what to watch for. */
  lesson: string;
  runs(): PanelRunSpec[];
}

/** Width of the hidden layers of the presets' network (2 inputs -> HIDDEN -> HIDDEN -> 1). */
export const HIDDEN = 16;

const zeros: InitializerSpec = { kind: 'zeros' };
const constant = (value: number): InitializerSpec => ({ kind: 'constant', value });
const he: InitializerSpec = { kind: 'kaimingNormal', mode: 'fanIn', nonlinearity: 'relu' };
const xavier: InitializerSpec = { kind: 'xavierNormal' };

/** Options for network(): one weight initializer for every layer unless given per layer. */
interface NetworkOptions {
  weightInit: InitializerSpec | InitializerSpec[];
  activation?: ActivationName;
  hiddenLayers?: number;
  width?: number;
  dropout?: number;
  seed?: number;
  lr?: number;
}

/** The presets' network on the circles dataset: tanh (or the given activation) hidden layers, sigmoid output, BCE, SGD. */
export function network(o: NetworkOptions): TrainConfig {
  const hiddenLayers = o.hiddenLayers ?? 2;
  const width = o.width ?? HIDDEN;
  const initAt = (i: number): InitializerSpec => (Array.isArray(o.weightInit) ? o.weightInit[Math.min(i, o.weightInit.length - 1)] : o.weightInit);
  const layers: LayerConfig[] = [];
  for (let i = 0; i < hiddenLayers; i++) {
    layers.push({ units: width, activation: o.activation ?? 'tanh', weightInit: initAt(i), biasInit: zeros, ...(o.dropout ? { dropout: o.dropout } : {}) });
  }
  layers.push({ units: 1, activation: 'sigmoid', weightInit: initAt(hiddenLayers), biasInit: zeros });
  return {
    dataset: { name: 'circles', samples: 400, noise: 0.1, testFraction: 0.2 },
    layers,
    loss: 'bce',
    optimizer: { kind: 'sgd', lr: o.lr ?? 0.3 },
    batchSize: 32,
    seed: o.seed ?? 1,
    dataSeed: 1,
  };
}

const single = (label: string, config: TrainConfig): PanelRunSpec[] => [{ label, config }];

/** Every preset, in the order the panel lists them. */
export const PRESETS: readonly Preset[] = [
  { id: 'constant05', title: 'Constant 0.5', lesson: 'Every hidden unit starts identical, gets the same gradient, and stays identical: 1 distinct unit per layer, forever.',
    runs: () => single('constant 0.5', network({ weightInit: constant(0.5) })) },
  { id: 'zeros', title: 'All zeros', lesson: 'With tanh, zero weights give zero hidden outputs and zero gradients below the output: only the output bias learns.',
    runs: () => single('zeros', network({ weightInit: zeros })) },
  { id: 'onesSigmoid', title: 'All ones, sigmoid', lesson: 'Ones are as symmetric as zeros; with sigmoid the units also saturate.',
    runs: () => single('ones + sigmoid', network({ weightInit: { kind: 'ones' }, activation: 'sigmoid' })) },
  { id: 'constant01', title: 'Constant 0.1', lesson: 'Small but constant is still symmetric: the scale does not matter, equality does.',
    runs: () => single('constant 0.1', network({ weightInit: constant(0.1) })) },
  { id: 'heNormal', title: 'He normal (ReLU)', lesson: 'Random rows differ from the start, so every unit learns its own feature.',
    runs: () => single('He normal', network({ weightInit: [he, he, xavier], activation: 'relu', lr: 0.1 })) },
  { id: 'tiledRandom', title: 'Tiled random rows', lesson: 'Random numbers copied to every unit are as symmetric as a constant: rows stay identical.',
    runs: () => single('tiled random', network({ weightInit: [{ kind: 'tiledRandom', std: 0.8 }, constant(0.3), constant(0.3)] })) },
  { id: 'zerosRelu', title: 'Zeros with ReLU', lesson: "ReLU'(0) = 0: with zero weights and biases no gradient reaches the hidden layers. Nothing learns.",
    runs: () => single('zeros + ReLU', network({ weightInit: zeros, activation: 'relu' })) },
  { id: 'constantDropout', title: 'Constant + dropout', lesson: 'Dropout drops different units at random, so their gradients differ and the symmetry breaks.',
    runs: () => single('constant 0.5 + dropout', network({ weightInit: constant(0.5), dropout: 0.2 })) },
  { id: 'tooSmall', title: 'Too small (vanishing)', lesson: 'Tiny random weights break symmetry, but signals and gradients shrink layer by layer: learning crawls.',
    runs: () => single('normal std 0.01', network({ weightInit: { kind: 'normal', mean: 0, std: 0.01 }, hiddenLayers: 4 })) },
  { id: 'tooLarge', title: 'Too large (exploding)', lesson: 'Huge random weights saturate tanh: most units sit at +-1 with near-zero gradient.',
    runs: () => single('normal std 4', network({ weightInit: { kind: 'normal', mean: 0, std: 4 }, hiddenLayers: 4 })) },
  { id: 'seeds', title: 'Two random seeds', lesson: 'Different random starts reach different solutions; both break symmetry.',
    runs: () => [{ label: 'He normal, seed 1', config: network({ weightInit: [he, he, xavier], activation: 'relu', lr: 0.1, seed: 1 }) },
      { label: 'He normal, seed 2', config: network({ weightInit: [he, he, xavier], activation: 'relu', lr: 0.1, seed: 2 }) }] },
  { id: 'compare', title: 'Constant 0.5 vs He normal', lesson: 'Same data, same order, same steps: only the starting weights differ.',
    runs: () => [{ label: 'constant 0.5', config: network({ weightInit: constant(0.5), activation: 'relu', lr: 0.1 }) },
      { label: 'He normal', config: network({ weightInit: [he, he, xavier], activation: 'relu', lr: 0.1 }) }] },
];

/** The preset with this id, if any. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The panel's activation for an analyzer activation ('unknown' becomes tanh, which has no ReLU trap). */
function activationOf(a: VisualizeRequest['activation']): ActivationName {
  return a === 'relu' || a === 'tanh' || a === 'sigmoid' || a === 'linear' ? a : 'tanh';
}

/** The weight initializer that reproduces what the analyzer found in the user's code. */
export function initializerFor(req: VisualizeRequest): InitializerSpec {
  switch (req.kind) {
    case 'zeros': return zeros;
    case 'ones': return { kind: 'ones' };
    case 'constant': return constant(req.value ?? 0.5);
    case 'degenerateRandom': return constant(req.value ?? 0);
    case 'copiedRows': return { kind: 'tiledRandom', std: 0.8 };
    case 'uninitialized': return constant(req.value ?? 0);
  }
}

/** Largest hidden width the panel builds from a request (keeps the heatmaps readable and training fast). */
export const MAX_REQUEST_WIDTH = 128;

/**
 * "Visualize this initializer": the user's initializer next to the right random one (He for ReLU,
 * Xavier otherwise), on the layer width found in
 * the code (capped), side by side so the difference is the only variable.
 */
export function runsForRequest(req: VisualizeRequest): PanelRunSpec[] {
  const units = req.layerSizes?.[1];
  const width = Number.isInteger(units) && units !== undefined && units >= 2 ? Math.min(units, MAX_REQUEST_WIDTH) : HIDDEN;
  const activation = activationOf(req.activation);
  const init = initializerFor(req);
  const label = req.kind === 'constant' || req.kind === 'degenerateRandom' ? `your init: constant ${init.kind === 'constant' ? init.value : ''}`.trim()
    : `your init: ${req.kind === 'copiedRows' ? 'copied rows' : req.kind}`;
  const followUp = init.kind === 'tiledRandom' ? constant(0.3) : init;
  return [
    { label, config: network({ weightInit: [init, followUp, followUp], activation, width, lr: activation === 'relu' ? 0.1 : 0.3 }) },
    activation === 'relu'
      ? { label: 'He normal', config: network({ weightInit: [he, he, xavier], activation, width, lr: 0.1 }) }
      : { label: 'Xavier normal', config: network({ weightInit: xavier, activation, width, lr: 0.3 }) },
  ];
}
