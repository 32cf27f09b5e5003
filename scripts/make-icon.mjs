// Draws media/icon.png: two weight heatmaps, constant init (identical rows) above, random below.
// Run once when the icon should change: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const cells = 6;
const pad = 8;
const cell = Math.floor((size - 2 * pad) / cells);
// Diverging blue-white-orange ramp (colour-blind safe ends).
const blue = [33, 102, 172], white = [247, 247, 247], orange = [214, 96, 77];
const ramp = (v) => {
  const [a, b, t] = v < 0 ? [white, blue, -v] : [white, orange, v];
  return a.map((x, i) => Math.round(x + (b[i] - x) * t));
};
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
const row = Array.from({ length: cells }, rand);
const grid = Array.from({ length: cells }, (_, r) => (r < cells / 2 ? row.map(() => 0.55) : Array.from({ length: cells }, rand)));

const px = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  px[y * (size * 4 + 1)] = 0;
  for (let x = 0; x < size; x++) {
    const o = y * (size * 4 + 1) + 1 + x * 4;
    const gx = Math.floor((x - pad) / cell), gy = Math.floor((y - pad) / cell);
    const inside = gx >= 0 && gy >= 0 && gx < cells && gy < cells && (x - pad) % cell < cell - 2 && (y - pad) % cell < cell - 2;
    const [r, g, b] = inside ? ramp(grid[gy][gx]) : [30, 30, 36];
    px[o] = r; px[o + 1] = g; px[o + 2] = b; px[o + 3] = 255;
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(new URL('../media/icon.png', import.meta.url), Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px)), chunk('IEND', Buffer.alloc(0)),
]));
