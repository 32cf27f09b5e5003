// The APNG writer (scripts/apng.ts) read back chunk by chunk with independent code: zlib's CRC-32,
// the e2e PNG decoder for the pixels of each frame, and the APNG rules (acTL before the first IDAT,
// fcTL/fdAT sequence numbers from 0 without gaps, frame 0 in IDAT, later frames in fdAT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { encodeApng } from '../../../scripts/apng';
import { decodePng } from '../../e2e/png';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A chunk written with zlib's CRC, independent of the code under test. */
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([bytes(type), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of w x h whose pixel (x, y) is colour(x, y); its zlib stream split into `pieces` IDAT chunks. */
function png(w: number, h: number, colour: (x: number, y: number) => [number, number, number], pieces = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(colour(x, y), y * (1 + 3 * w) + 1 + 3 * x);
  const z = deflateSync(raw);
  const size = Math.ceil(z.length / pieces);
  const idats = Array.from({ length: pieces }, (_, i) => chunk('IDAT', z.subarray(i * size, (i + 1) * size)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('sRGB', Uint8Array.of(0)), ...idats, chunk('IEND', new Uint8Array(0))]);
}

interface Chunk { type: string; data: Buffer }

/** Splits a file into chunks, asserting each CRC with zlib's. */
function chunks(file: Uint8Array): Chunk[] {
  const b = Buffer.from(file);
  assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const out: Chunk[] = [];
  for (let pos = 8; pos < b.length;) {
    const len = b.readUInt32BE(pos), type = b.toString('latin1', pos + 4, pos + 8), data = b.subarray(pos + 8, pos + 8 + len);
    assert.equal(b.readUInt32BE(pos + 8 + len), crc32(b.subarray(pos + 4, pos + 8 + len)), `CRC of the ${type} chunk at byte ${pos}`);
    out.push({ type, data });
    pos += 12 + len;
  }
  return out;
}

const W = 7, H = 5;
const colourOf = (f: number) => (x: number, y: number): [number, number, number] => [(x * 30 + f * 50) & 255, (y * 40 + f) & 255, (x * y + 7 * f) & 255];

test('frames become one APNG: acTL counts them, fcTL/fdAT numbers run 0,1,2,... and every CRC holds', () => {
  const frames = [png(W, H, colourOf(0), 2), png(W, H, colourOf(1), 1), png(W, H, colourOf(2), 3)];
  const apng = encodeApng(frames, { delayMs: [250, 250, 1500] });
  const c = chunks(apng);
  assert.deepEqual(c.map((x) => x.type), ['IHDR', 'acTL', 'sRGB', 'fcTL', 'IDAT', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'fdAT', 'fdAT', 'IEND']);
  const actl = c[1].data;
  assert.equal(actl.readUInt32BE(0), 3, 'acTL num_frames');
  assert.equal(actl.readUInt32BE(4), 0, 'acTL num_plays: loop forever');
  const sequenced = c.filter((x) => x.type === 'fcTL' || x.type === 'fdAT').map((x) => x.data.readUInt32BE(0));
  assert.deepEqual(sequenced, [0, 1, 2, 3, 4, 5, 6]);
  const fctls = c.filter((x) => x.type === 'fcTL').map((x) => x.data);
  for (const f of fctls) {
    assert.deepEqual([f.readUInt32BE(4), f.readUInt32BE(8), f.readUInt32BE(12), f.readUInt32BE(16)], [W, H, 0, 0], 'full-size frame at the origin');
    assert.deepEqual([f[24], f[25]], [0, 0], 'dispose none, blend source');
  }
  assert.deepEqual(fctls.map((f) => f.readUInt16BE(20) / f.readUInt16BE(22)), [0.25, 0.25, 1.5], 'delays in seconds');
});

test('each frame decodes back to its own pixels (frame 0 from IDAT, later frames from fdAT without the sequence number)', () => {
  const frames = [png(W, H, colourOf(0)), png(W, H, colourOf(1), 2), png(W, H, colourOf(2))];
  const c = chunks(encodeApng(frames, { delayMs: 100, plays: 2 }));
  assert.equal(c[1].data.readUInt32BE(4), 2, 'acTL num_plays');
  const ihdr = c.find((x) => x.type === 'IHDR')!.data;
  const perFrame: Buffer[][] = [];
  for (const x of c) {
    if (x.type === 'fcTL') perFrame.push([]);
    else if (x.type === 'IDAT') perFrame.at(-1)!.push(x.data);
    else if (x.type === 'fdAT') perFrame.at(-1)!.push(x.data.subarray(4));
  }
  assert.equal(perFrame.length, 3);
  perFrame.forEach((data, f) => {
    const single = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(data)), chunk('IEND', new Uint8Array(0))]);
    assert.deepEqual(decodePng(single), decodePng(frames[f]), `frame ${f}`);
  });
  assert.notDeepEqual(decodePng(frames[0]).data, decodePng(frames[1]).data, 'the frames differ, so the comparison means something');
});

test('refuses frames it cannot animate together, corrupt input and bad timing', () => {
  const a = png(W, H, colourOf(0));
  assert.throws(() => encodeApng([a, png(W + 1, H, colourOf(1))], { delayMs: 100 }), /frame 1 differs/);
  const corrupt = Buffer.from(a);
  corrupt[corrupt.length - 20] ^= 1;
  assert.throws(() => encodeApng([a, corrupt], { delayMs: 100 }), /CRC mismatch/);
  assert.throws(() => encodeApng([a, bytes('GIF89a')], { delayMs: 100 }), /not a PNG/);
  assert.throws(() => encodeApng([a, a], { delayMs: [100] }), /2 frames but 1 delays/);
  assert.throws(() => encodeApng([a], { delayMs: 0 }), /outside 1\.\.65535/);
  assert.throws(() => encodeApng([], { delayMs: 100 }), /at least one frame/);
  const animated = encodeApng([a, a], { delayMs: 100 });
  assert.throws(() => encodeApng([animated], { delayMs: 100 }), /already animated/);
});
