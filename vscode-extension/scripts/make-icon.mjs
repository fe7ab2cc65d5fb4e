// Draws the extension's 256×256 icon (a keyhole on a blue rounded square) into media/icon.png, without image libraries.
/* global Buffer, console */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const size = 256;
const pixels = Buffer.alloc(size * size * 4);

/** Coverage of a pixel by a shape, 4×4 supersampled so edges are smooth. */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

const roundedSquare = (x, y) => {
  const r = 48;
  const cx = Math.min(Math.max(x, r + 8), size - r - 8);
  const cy = Math.min(Math.max(y, r + 8), size - r - 8);
  return x >= 8 && y >= 8 && x <= size - 8 && y <= size - 8 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const ring = (x, y) => {
  const d = Math.hypot(x - 128, y - 128);
  return d <= 84 && d >= 66;
};
const keyhole = (x, y) =>
  Math.hypot(x - 128, y - 108) <= 20 ||
  (x >= 117 && x <= 139 && y >= 108 && y <= 170 && Math.abs(x - 128) <= 11 + (y - 108) * 0.06);

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const bg = coverage(x, y, roundedSquare);
    const fg = Math.max(coverage(x, y, ring), coverage(x, y, keyhole));
    const o = (y * size + x) * 4;
    // #0572EC (1Password-like blue) under white.
    pixels[o] = Math.round(5 + (255 - 5) * fg);
    pixels[o + 1] = Math.round(114 + (255 - 114) * fg);
    pixels[o + 2] = Math.round(236 + (255 - 236) * fg);
    pixels[o + 3] = Math.round(255 * bg);
  }
}

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(rows, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), "../media/icon.png");
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
