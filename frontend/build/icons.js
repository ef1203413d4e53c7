/* Draws the app icon (a list whose middle line "stands out") as SVG and PNG, no dependencies. */
const zlib = require("node:zlib");

const BG = [30, 41, 59]; // slate-800
const LINE = [248, 250, 252]; // slate-50
const ACCENT = [245, 158, 11]; // amber-500

// Shapes in a 0..1 square: rounded background, three bars, an accent dot.
const bars = [
  { x0: 0.3, x1: 0.76, y: 0.34 },
  { x0: 0.3, x1: 0.76, y: 0.5 },
  { x0: 0.3, x1: 0.62, y: 0.66 },
];
const BAR_H = 0.075;
const DOT = { x: 0.2, y: 0.5, r: 0.055 };

function insideRounded(x, y, r, inset) {
  const lo = inset, hi = 1 - inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + r), hi - r);
  const cy = Math.min(Math.max(y, lo + r), hi - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function colorAt(x, y, maskable) {
  const inset = maskable ? 0 : 0.02;
  if (!insideRounded(x, y, maskable ? 0 : 0.2, inset)) return null;
  const s = maskable ? 0.8 : 1; // keep shapes inside the maskable safe zone
  const u = 0.5 + (x - 0.5) / s, v = 0.5 + (y - 0.5) / s;
  if ((u - DOT.x) ** 2 + (v - DOT.y) ** 2 <= DOT.r ** 2) return ACCENT;
  for (const b of bars) {
    const r = BAR_H / 2;
    const cx = Math.min(Math.max(u, b.x0 + r), b.x1 - r);
    if ((u - cx) ** 2 + (v - b.y) ** 2 <= r * r) return b === bars[1] ? ACCENT : LINE;
  }
  return BG;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, maskable = false) {
  const SS = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = colorAt((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, maskable);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      if (a) { raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a); }
      raw[o + 3] = Math.round((a / (SS * SS)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function svg() {
  const hex = (c) => "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
  const rects = bars
    .map((b, i) => `<rect x="${b.x0 * 512}" y="${(b.y - BAR_H / 2) * 512}" width="${(b.x1 - b.x0) * 512}" height="${BAR_H * 512}" rx="${(BAR_H / 2) * 512}" fill="${hex(i === 1 ? ACCENT : LINE)}"/>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect x="10" y="10" width="492" height="492" rx="102" fill="${hex(BG)}"/>${rects}<circle cx="${DOT.x * 512}" cy="${DOT.y * 512}" r="${DOT.r * 512}" fill="${hex(ACCENT)}"/></svg>`;
}

module.exports = { png, svg };
