// Draws the 512×512 extension icon (a keyhole on a blue rounded square) as a PNG with zlib only.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const size = 512;
const pixels = Buffer.alloc(size * (size * 4 + 1));
const inRoundedSquare = (x, y) => {
  const r = 96,
    m = 16,
    lo = m + r,
    hi = size - m - r;
  const cx = Math.min(Math.max(x, lo), hi),
    cy = Math.min(Math.max(y, lo), hi);
  return x >= m && x < size - m && y >= m && y < size - m && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inKeyhole = (x, y) =>
  (x - 256) ** 2 + (y - 210) ** 2 <= 70 ** 2 ||
  (y >= 230 && y <= 380 && Math.abs(x - 256) <= 28 + (y - 230) * 0.12);
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  pixels[row] = 0;
  for (let x = 0; x < size; x++) {
    const o = row + 1 + x * 4;
    if (!inRoundedSquare(x, y)) continue;
    const [r, g, b] = inKeyhole(x, y) ? [255, 255, 255] : [10, 90 + Math.round((y / size) * 60), 220];
    pixels.set([r, g, b, 255], o);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(pixels, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
writeFileSync(new URL("../assets/icon.png", import.meta.url), png);
