// Plain-text finding messages about this layer: what will happen, in one sentence.
import type { Candidate } from './candidate';
import type { Activation } from './findings';

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function layerPhrase(c: Candidate): string {
  const shape = c.shape ? `${c.shape.join('x')} ` : c.dims && c.dims.length >= 2 && c.dims.every((d) => d.length <= 24 && d !== '?') ? `${c.dims.join(' x ')} ` : '';
  return `this ${shape}layer`;
}

function unitsPhrase(c: Candidate): string {
  return c.units !== undefined ? `All ${c.units} units of ${layerPhrase(c)} start` : `Every unit of ${layerPhrase(c)} starts`;
}

/** The message of a candidate, from its rule code and what is known about the layer. */
export function describe(c: Candidate, activation: Activation): string {
  const value = c.value !== undefined ? ` (every weight ${fmt(c.value)})` : '';
  switch (c.code) {
    case 'VI001':
      return `${unitsPhrase(c)} identical${value}: same output, same gradient, forever. Initialize weights randomly (He/Kaiming for ReLU, Xavier/Glorot for tanh/sigmoid).`;
    case 'VI002':
      return `The rows of ${layerPhrase(c)} are copies of one row: its units start identical and stay identical, random or not.`;
    case 'VI003':
      return `This random draw has no spread${value}: every weight gets the same value, so the units of ${layerPhrase(c)} start identical.`;
    case 'VI004':
      return activation === 'relu'
        ? `Zero weights with a zero bias under ReLU: every pre-activation is 0 and ReLU'(0) = 0, so ${layerPhrase(c)}, its bias and every layer below it never learn.`
        : `Two zero layers in a row: each one's gradient is a product with the other, so neither ever moves.`;
    case 'VI005':
      return `${layerPhrase(c).replace(/^this/, 'This')} is allocated uninitialized (whatever bytes were in memory) and never assigned afterwards.`;
    default:
      return 'Suspicious weight initialization.';
  }
}
