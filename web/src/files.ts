/**
 * Loading a model or a dataset from a file (picker or drag-and-drop): a .json with
 * "format": "bpnet-model" is a model; anything else goes to the library's format dispatcher
 * (JSON, CSV, .mat, …), the same one the CLI uses. Errors name the file and field.
 */
import { networkFromJSON, parseDataset, parseJsonText, type Dataset, type ModelJSON } from '../../src/index.ts';

export type Loaded = { kind: 'model'; model: ModelJSON; name: string } | { kind: 'dataset'; data: Dataset; name: string };

export async function readFile(file: File): Promise<Loaded> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.json$/i.test(file.name)) {
    const json = parseJsonText(new TextDecoder().decode(bytes), file.name);
    if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'bpnet-model') {
      networkFromJSON(json, file.name); // validates, naming the bad field
      return { kind: 'model', model: json as ModelJSON, name: file.name };
    }
  }
  return { kind: 'dataset', data: parseDataset({ name: file.name, bytes }), name: file.name };
}

/** Calls `onFile` for files dropped anywhere on the page; `onHover` toggles a highlight. */
export function acceptDrops(target: HTMLElement, onFile: (f: File) => void, onHover: (on: boolean) => void): void {
  target.addEventListener('dragover', (e) => { e.preventDefault(); onHover(true); });
  target.addEventListener('dragleave', (e) => { if (e.target === target) onHover(false); });
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    onHover(false);
    const f = e.dataTransfer?.files[0];
    if (f) onFile(f);
  });
}
