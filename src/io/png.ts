/** Writing rasters as PNG files (Node, via pngjs). */
import { PNG } from 'pngjs';
import type { Raster } from '../draw/raster.ts';
import { writeAtomic } from './files.ts';

/** A picture as PNG bytes. */
export function encodePng(r: Raster): Buffer {
  const png = new PNG({ width: r.width, height: r.height });
  png.data = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  return PNG.sync.write(png);
}

/** Writes a picture as a PNG file (atomically). */
export function savePng(path: string, r: Raster): void {
  writeAtomic(path, encodePng(r));
}
