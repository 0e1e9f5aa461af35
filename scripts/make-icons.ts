/**
 * Draws the add-in's icons (the app icon and one icon per ribbon button) and writes them as PNG
 * files into addin/assets/. Pure Node: shapes are coverage tests in a 32×32 design grid, rendered
 * with 6×6 supersampling, composited in plain arithmetic and encoded with zlib. No fonts, no
 * external images, no trigonometry (so the pixels do not depend on the platform's libm).
 *
 *   npx tsx scripts/make-icons.ts          # (re)write every icon
 *   npx tsx scripts/make-icons.ts --check  # exit 1 if a committed icon differs
 *
 * The pixels are deterministic; the PNG bytes depend on zlib's deflate, so --check and the tests
 * compare decoded pixels, not bytes.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The views a ribbon button can open (taskpane.html?view=…). */
export const VIEWS = ['reception', 'complaints', 'print', 'binding', 'statistics', 'performance'] as const;
export type View = (typeof VIEWS)[number];

/** App icon sizes: 32 is IconUrl, 64 HighResolutionIconUrl, 16/80 for the web page and listings. */
export const APP_ICON_SIZES = [16, 32, 64, 80] as const;
/** The sizes Office requires for every ribbon group and button icon. */
export const RIBBON_ICON_SIZES = [16, 32, 80] as const;

export const ASSETS_DIR = resolve(__dirname, '..', 'addin', 'assets');
export const appIconFile = (size: number): string => `icon-${size}.png`;
export const ribbonIconFile = (view: View, size: number): string => `ribbon-${view}-${size}.png`;

type Rgba = readonly [number, number, number, number];
const hex = (h: string, alpha = 255): Rgba => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), alpha];

/** Brand colour: a deep teal, distinct from Excel's green and Office's blue. */
export const BRAND = hex('#0B7A75');
const INK = hex('#3A3A3A');
const AMBER = hex('#E39B2D');
const WHITE = hex('#FFFFFF');
const PAPER = hex('#FAFAFA');

// ---------------------------------------------------------------------------------------------
// Shapes: "is this point of the 32×32 design grid inside?" (y grows downwards)

type Shape = (x: number, y: number) => boolean;

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) return false;
    const dx = x < x0 + r ? x0 + r - x : x > x1 - r ? x - (x1 - r) : 0;
    const dy = y < y0 + r ? y0 + r - y : y > y1 - r ? y - (y1 - r) : 0;
    return dx * dx + dy * dy <= r * r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;

const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    ((x - cx) * (x - cx)) / (rx * rx) + ((y - cy) * (y - cy)) / (ry * ry) <= 1;

/** A circle outline of radius r (centre of the stroke) and stroke width w. */
const ring =
  (cx: number, cy: number, r: number, w: number): Shape =>
  (x, y) => {
    const d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
    return d2 <= (r + w / 2) ** 2 && d2 >= (r - w / 2) ** 2;
  };

/** A thick line with round caps. */
const line = (x1: number, y1: number, x2: number, y2: number, w: number): Shape => {
  const vx = x2 - x1;
  const vy = y2 - y1;
  const len2 = vx * vx + vy * vy;
  return (x, y) => {
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / len2));
    const dx = x - (x1 + t * vx);
    const dy = y - (y1 + t * vy);
    return dx * dx + dy * dy <= (w * w) / 4;
  };
};

/** Even-odd polygon fill. */
const polygon =
  (points: readonly (readonly [number, number])[]): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const intersect =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.every((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);
const above =
  (yMax: number): Shape =>
  (_x, y) =>
    y <= yMax;

/** A five-pointed star; the points are fixed coordinates (no trigonometry at render time). */
const star = (cx: number, cy: number, r: number): Shape => {
  // Unit star, outer radius 1, inner radius 0.382, first point straight up.
  const unit: [number, number][] = [
    [0, -1],
    [0.2245, -0.309],
    [0.9511, -0.309],
    [0.3633, 0.118],
    [0.5878, 0.809],
    [0, 0.382],
    [-0.5878, 0.809],
    [-0.3633, 0.118],
    [-0.9511, -0.309],
    [-0.2245, -0.309],
  ];
  return polygon(unit.map(([ux, uy]) => [cx + ux * r, cy + uy * r] as const));
};

interface Layer {
  readonly shape: Shape;
  readonly colour: Rgba;
}
type Drawing = readonly Layer[];
const layer = (colour: Rgba, ...shapes: Shape[]): Layer => ({
  colour,
  shape: shapes.length === 1 ? shapes[0] : union(...shapes),
});

// ---------------------------------------------------------------------------------------------
// The designs

/** A white headset on a brand-coloured rounded square. */
const APP_ICON: Drawing = [
  layer(BRAND, roundRect(0, 0, 32, 32, 6.5)),
  layer(
    WHITE,
    intersect(ring(16, 17, 9.6, 2.8), above(17)), // headband
    roundRect(4.6, 14.5, 10.4, 24.5, 2.2), // left ear cup
    roundRect(21.6, 14.5, 27.4, 24.5, 2.2), // right ear cup
    intersect(ring(17.5, 21.5, 6.8, 2.2), (x, y) => x >= 17.5 && y >= 21.5), // microphone boom
    line(14.2, 28.3, 17.6, 28.3, 3.2), // microphone
  ),
];

const RIBBON_ICONS: Readonly<Record<View, Drawing>> = {
  /** Reception: a clerk with a headset. */
  reception: [
    layer(BRAND, circle(16, 11.5, 5.6), intersect(ellipse(16, 30, 11, 10), above(30))),
    layer(INK, intersect(ring(16, 11.5, 7.8, 1.8), above(11.5)), roundRect(6.6, 10, 9.6, 15.5, 1.2), roundRect(22.4, 10, 25.4, 15.5, 1.2), line(24, 15.5, 20, 18.2, 1.6)),
  ],
  /** Complaints: a speech bubble with an exclamation mark. */
  complaints: [
    layer(
      AMBER,
      roundRect(2.5, 4, 29.5, 23, 5),
      polygon([
        [8, 21],
        [16, 21],
        [7, 29.5],
      ]),
    ),
    layer(WHITE, line(16, 8.5, 16, 14.5, 3.2), circle(16, 18.8, 1.8)),
  ],
  /** Print: a printer with a printed sheet. */
  print: [
    layer(PAPER, rect(9, 3, 23, 11)),
    layer(INK, minus(rect(8, 2, 24, 11), rect(9.6, 3.6, 22.4, 11))),
    layer(INK, roundRect(3, 10, 29, 23, 3)),
    layer(AMBER, circle(24.5, 14.5, 1.3)),
    layer(PAPER, rect(8.5, 18, 23.5, 30)),
    layer(INK, minus(rect(8, 17.5, 24, 30.5), rect(9.6, 17.5, 22.4, 28.9))),
    layer(BRAND, rect(11.5, 21, 20.5, 22.4), rect(11.5, 24.6, 18, 26)),
  ],
  /** Binding: a bound volume with rings on its spine. */
  binding: [layer(BRAND, roundRect(6, 2.5, 28, 29.5, 2.5)), layer(PAPER, roundRect(13, 7, 24, 13.5, 1)), layer(INK, ...[7.5, 16, 24.5].map((y) => roundRect(3, y - 1.6, 10.5, y + 1.6, 1.6)))],
  /** Statistics: a bar chart. */
  statistics: [layer(INK, rect(3, 3, 5, 29), rect(3, 27, 29, 29)), layer(BRAND, rect(8, 17, 12.5, 27), rect(15, 9, 19.5, 27), rect(22, 13, 26.5, 27))],
  /** Performance: a medal with a star. */
  performance: [
    layer(
      BRAND,
      polygon([
        [8, 2],
        [14, 2],
        [18.5, 13],
        [12.5, 13],
      ]),
      polygon([
        [18, 2],
        [24, 2],
        [19.5, 13],
        [13.5, 13],
      ]),
    ),
    layer(AMBER, circle(16, 20.5, 9.5)),
    layer(WHITE, star(16, 20.8, 6.2)),
  ],
};

// ---------------------------------------------------------------------------------------------
// Rendering

const SUPERSAMPLE = 6;

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** RGBA, 8 bits a channel, not premultiplied, row-major. */
  readonly rgba: Uint8Array;
}

function render(drawing: Drawing, size: number): Bitmap {
  const scale = 32 / size;
  const n = SUPERSAMPLE;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Composite in premultiplied floats, layer over layer.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const { shape, colour } of drawing) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (shape((px + (sx + 0.5) / n) * scale, (py + (sy + 0.5) / n) * scale)) hits++;
          }
        }
        if (hits === 0) continue;
        const alpha = (hits / (n * n)) * (colour[3] / 255);
        r = colour[0] * alpha + r * (1 - alpha);
        g = colour[1] * alpha + g * (1 - alpha);
        b = colour[2] * alpha + b * (1 - alpha);
        a = alpha + a * (1 - alpha);
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round(a * 255);
      }
    }
  }
  return { width: size, height: size, rgba };
}

export const renderAppIcon = (size: number): Bitmap => render(APP_ICON, size);
export const renderRibbonIcon = (view: View, size: number): Bitmap => render(RIBBON_ICONS[view], size);

/** Every icon file (name relative to addin/assets) with its pixels. */
export function allIcons(): { file: string; bitmap: Bitmap }[] {
  return [
    ...APP_ICON_SIZES.map((size) => ({ file: appIconFile(size), bitmap: renderAppIcon(size) })),
    ...VIEWS.flatMap((view) => RIBBON_ICON_SIZES.map((size) => ({ file: ribbonIconFile(view, size), bitmap: renderRibbonIcon(view, size) }))),
  ];
}

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** Encodes an RGBA bitmap as a PNG (colour type 6, 8 bits, no filtering, no ancillary chunks). */
export function encodePng({ width, height, rgba }: Bitmap): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter method and interlace stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

/**
 * Decodes a non-interlaced 8-bit RGBA PNG (any filter types), checking every chunk's CRC. Enough
 * to read back what encodePng wrote, or the same image after a lossless PNG optimiser.
 */
export function decodePng(png: Uint8Array): Bitmap {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    if (offset + 12 > buf.length) throw new Error('PNG truncated');
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== buf.readUInt32BE(offset + 8 + length)) {
      throw new Error(`PNG chunk ${type}: bad CRC`);
    }
    offset += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colourType, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || colourType !== 6 || interlace !== 0) {
        throw new Error(`PNG: only non-interlaced 8-bit RGBA is supported (depth ${depth}, colour type ${colourType})`);
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? rgba[out + i - 4] : 0;
      const up = y > 0 ? rgba[out - stride + i] : 0;
      const upLeft = y > 0 && i >= 4 ? rgba[out - stride + i - 4] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new Error(`PNG: unknown filter type ${filter} in row ${y}`);
      }
      rgba[out + i] = (line[i] + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** The number of bytes that differ between two bitmaps of the same size (-1 if sizes differ). */
export function pixelDifference(a: Bitmap, b: Bitmap): number {
  if (a.width !== b.width || a.height !== b.height) return -1;
  let diff = 0;
  for (let i = 0; i < a.rgba.length; i++) if (a.rgba[i] !== b.rgba[i]) diff++;
  return diff;
}

// ---------------------------------------------------------------------------------------------

/** Icons whose committed file is missing or differs in pixels from what this script draws. */
export function staleIcons(dir = ASSETS_DIR): string[] {
  return allIcons()
    .filter(({ file, bitmap }) => {
      try {
        return pixelDifference(decodePng(readFileSync(join(dir, file))), bitmap) !== 0;
      } catch {
        return true;
      }
    })
    .map(({ file }) => file);
}

export function writeIcons(dir = ASSETS_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return allIcons().map(({ file, bitmap }) => {
    writeFileSync(join(dir, file), encodePng(bitmap));
    return file;
  });
}

function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const stale = staleIcons();
    if (stale.length > 0) {
      console.error(`Icons out of date (run: npx tsx scripts/make-icons.ts): ${stale.join(', ')}`);
      return 1;
    }
    console.log('All icons are up to date.');
    return 0;
  }
  const files = writeIcons();
  console.log(`Wrote ${files.length} icons to ${ASSETS_DIR}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
