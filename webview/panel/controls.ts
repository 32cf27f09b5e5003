// The panel's controls, built from vscode-elements components: the settings of one run (dataset,
// per-layer units, activation, weight and bias initializer with its parameters, dropout,
// optimizer, learning rate, batch size, L2, seed). Every change is validated before it is applied.
import { ACTIVATIONS, type ActivationName } from '../../src/core/trainer/activations';
import { DATASET_NAMES, INITIALIZER_KINDS, datasetShape, validateConfig, type DatasetName, type InitializerSpec, type LayerConfig, type TrainConfig } from '../../src/core/trainer/config';
import { el, h } from './dom';
import { t } from '../l10n';

/** Human names of initializer kinds, for the pickers (functions: translated when shown). */
const INIT_TITLES: Record<InitializerSpec['kind'], () => string> = {
  zeros: () => t('Zeros'), ones: () => t('Ones'), constant: () => t('Constant'), uniform: () => t('Uniform'), normal: () => t('Normal'), truncatedNormal: () => t('Truncated normal'),
  xavierUniform: () => t('Xavier uniform'), xavierNormal: () => t('Xavier normal'), kaimingUniform: () => t('He (Kaiming) uniform'), kaimingNormal: () => t('He (Kaiming) normal'),
  lecunNormal: () => t('LeCun normal'), orthogonal: () => t('Orthogonal'), identity: () => t('Identity'), tiledRandom: () => t('Tiled random rows'), explicit: () => t('Explicit values'),
};

/** An initializer of `kind` with sensible default parameters. */
export function defaultInitializer(kind: InitializerSpec['kind']): InitializerSpec {
  switch (kind) {
    case 'constant': return { kind, value: 0.5 };
    case 'uniform': return { kind, low: -0.5, high: 0.5 };
    case 'normal': case 'truncatedNormal': return { kind, mean: 0, std: 0.1 };
    case 'kaimingUniform': case 'kaimingNormal': return { kind, mode: 'fanIn', nonlinearity: 'relu' };
    case 'tiledRandom': return { kind, std: 0.8 };
    case 'explicit': return { kind: 'zeros' };
    default: return { kind } as InitializerSpec;
  }
}

let uid = 0;
const nextId = (): string => `ctl-${++uid}`;

/** A labelled vscode-single-select; `onPick` receives the chosen value. */
export function select(label: string, options: readonly (readonly [string, string])[], value: string, onPick: (v: string) => void, id = nextId()): HTMLElement {
  const s = el('vscode-single-select', { id, 'aria-label': label });
  for (const [v, text] of options) {
    const o = el('vscode-option', { value: v }, text);
    if (v === value) o.setAttribute('selected', '');
    s.append(o);
  }
  s.addEventListener('change', () => onPick((s as HTMLElement & { value: string }).value));
  return field(label, id, s);
}

/** A labelled numeric vscode-textfield; `onNumber` receives finite numbers only. */
function numberField(label: string, value: number | undefined, onNumber: (v: number) => void, opts: { step?: string; min?: string; max?: string; width?: string } = {}): HTMLElement {
  const id = nextId();
  const input = el('vscode-textfield', { id, type: 'number', value: value === undefined ? '' : String(value), 'aria-label': label, ...(opts.step ? { step: opts.step } : {}), ...(opts.min ? { min: opts.min } : {}), ...(opts.max ? { max: opts.max } : {}) });
  if (opts.width) input.style.width = opts.width;
  input.addEventListener('change', () => {
    const v = Number((input as HTMLElement & { value: string }).value);
    if (Number.isFinite(v)) onNumber(v);
  });
  return field(label, id, input);
}

function field(label: string, id: string, control: HTMLElement): HTMLElement {
  return h('div', 'field', {}, el('vscode-label', { for: id }, label), control);
}

/** Where a settings change goes: the new config (already validated) or an error naming the field. */
export interface SettingsSink {
  apply(config: TrainConfig): void;
  invalid(field: string, message: string): void;
}

/** Renders the settings of one run into `host`; edits a copy and reports each valid change. */
export function renderSettings(host: HTMLElement, source: TrainConfig, sink: SettingsSink): void {
  const config: TrainConfig = structuredClone(source);
  const commit = (rerender: boolean): void => {
    try {
      validateConfig(config);
    } catch (err) {
      const e = err as { field?: string; message?: string };
      sink.invalid(e.field ?? 'config', e.message ?? String(err));
      return;
    }
    sink.apply(structuredClone(config));
    if (rerender) renderSettings(host, config, sink);
  };
  const actOptions = ACTIVATIONS.map((a) => [a, a] as const);
  const hidden = config.layers.length - 1;

  const general = h('div', 'settings-grid');
  general.append(
    select(t('Dataset'), DATASET_NAMES.map((d) => [d, d] as const), config.dataset.name, (v) => {
      config.dataset.name = v as DatasetName;
      fitOutputToDataset(config);
      commit(true);
    }),
    numberField(t('Noise'), config.dataset.noise, (v) => { config.dataset.noise = v; commit(false); }, { step: '0.05', min: '0' }),
    select(t('Optimizer'), [['sgd', t('SGD')], ['momentum', t('Momentum')], ['adam', t('Adam')]], config.optimizer.kind, (v) => {
      const lr = config.optimizer.lr;
      config.optimizer = v === 'momentum' ? { kind: 'momentum', lr, momentum: 0.9 } : v === 'adam' ? { kind: 'adam', lr: Math.min(lr, 0.01) } : { kind: 'sgd', lr };
      commit(true);
    }),
    numberField(t('Learning rate'), config.optimizer.lr, (v) => { config.optimizer.lr = v; commit(false); }, { step: '0.01', min: '0' }),
    numberField(t('Batch size'), config.batchSize, (v) => { config.batchSize = Math.round(v); commit(false); }, { step: '1', min: '1' }),
    numberField(t('L2'), config.l2 ?? 0, (v) => { config.l2 = v; commit(false); }, { step: '0.0001', min: '0' }),
    numberField(t('Seed'), config.seed, (v) => { config.seed = Math.round(v); commit(false); }, { step: '1', min: '0' }),
  );

  const layers = h('div', 'layers', { role: 'group', 'aria-label': t('Layers') });
  config.layers.forEach((layer, i) => {
    const isOutput = i === config.layers.length - 1;
    const row = h('div', 'layer-row');
    row.append(h('div', 'layer-name', {}, isOutput ? t('Output') : t('Layer {0}', i + 1)));
    if (isOutput) row.append(h('div', 'field field-static', {}, el('vscode-label', {}, t('Units')), h('span', 'static', {}, String(layer.units))));
    else row.append(numberField(t('Units'), layer.units, (v) => { layer.units = Math.round(v); commit(false); }, { step: '1', min: '1', width: '5em' }));
    row.append(select(t('Activation'), actOptions, layer.activation, (v) => { layer.activation = v as ActivationName; commit(false); }));
    row.append(initializerEditor(t('Weights'), layer, 'weightInit', () => commit(true)));
    row.append(initializerEditor(t('Bias'), layer, 'biasInit', () => commit(true)));
    if (!isOutput) row.append(numberField(t('Dropout'), layer.dropout ?? 0, (v) => { layer.dropout = v; commit(false); }, { step: '0.05', min: '0', max: '0.95', width: '5em' }));
    layers.append(row);
  });
  const add = el('vscode-button', { secondary: '', 'aria-label': t('Add a hidden layer') }, t('Add layer'));
  add.addEventListener('click', () => {
    const last = config.layers[hidden - 1] ?? config.layers[0];
    config.layers.splice(hidden, 0, structuredClone({ ...last, units: last.units } as LayerConfig));
    commit(true);
  });
  const remove = el('vscode-button', { secondary: '', 'aria-label': t('Remove the last hidden layer') }, t('Remove layer'));
  if (hidden < 1) remove.setAttribute('disabled', '');
  remove.addEventListener('click', () => {
    if (hidden < 1) return;
    config.layers.splice(hidden - 1, 1);
    commit(true);
  });
  host.replaceChildren(general, layers, h('div', 'layer-actions', {}, add, remove));
}

/** Editor of one initializer (kind + its parameters) of a layer. */
function initializerEditor(label: string, layer: LayerConfig, key: 'weightInit' | 'biasInit', changed: () => void): HTMLElement {
  const spec = layer[key];
  const kinds = INITIALIZER_KINDS.filter((k) => k !== 'explicit' || spec.kind === 'explicit').map((k) => [k, INIT_TITLES[k]()] as const);
  const box = h('div', 'init-editor');
  box.append(select(label, kinds, spec.kind, (v) => {
    layer[key] = defaultInitializer(v as InitializerSpec['kind']);
    changed();
  }));
  // Parameter names (value, low, std, ...) follow the maths; the label says which initializer they belong to.
  const num = (name: string, value: number | undefined, set: (v: number) => void): HTMLElement =>
    numberField(t('{0} {1}', label, name), value, (v) => { set(v); changed(); }, { step: '0.01', width: '5.5em' });
  const s = spec as Record<string, unknown>;
  switch (spec.kind) {
    case 'constant': box.append(num(t('value'), spec.value, (v) => { s.value = v; })); break;
    case 'uniform': box.append(num(t('low'), spec.low, (v) => { s.low = v; }), num(t('high'), spec.high, (v) => { s.high = v; })); break;
    case 'normal': case 'truncatedNormal': box.append(num(t('mean'), spec.mean, (v) => { s.mean = v; }), num(t('std'), spec.std, (v) => { s.std = v; })); break;
    case 'xavierUniform': case 'xavierNormal': case 'orthogonal': case 'identity': box.append(num(t('gain'), spec.gain ?? 1, (v) => { s.gain = v; })); break;
    case 'tiledRandom': box.append(num(t('std'), spec.std ?? 1, (v) => { s.std = v; })); break;
    case 'kaimingUniform': case 'kaimingNormal':
      box.append(
        select(t('{0} mode', label), [['fanIn', t('fan in')], ['fanOut', t('fan out')]], spec.mode ?? 'fanIn', (v) => { s.mode = v; changed(); }),
        select(t('{0} gain for', label), ACTIVATIONS.map((a) => [a, a] as const), spec.nonlinearity ?? 'relu', (v) => { s.nonlinearity = v; changed(); }),
      );
      break;
    default: break;
  }
  return box;
}

/** Makes the output layer and the loss fit the dataset's task (binary, multiclass, regression). */
export function fitOutputToDataset(config: TrainConfig): void {
  const shape = datasetShape(config.dataset);
  const out = config.layers[config.layers.length - 1];
  out.units = shape.outputSize;
  delete out.dropout;
  if (shape.task === 'binary') { out.activation = 'sigmoid'; config.loss = 'bce'; }
  else if (shape.task === 'multiclass') { out.activation = 'linear'; config.loss = 'softmaxCrossEntropy'; }
  else { out.activation = 'linear'; config.loss = 'mse'; }
  const nTrain = config.dataset.samples - Math.round(config.dataset.samples * config.dataset.testFraction);
  config.batchSize = Math.min(config.batchSize, nTrain);
}
