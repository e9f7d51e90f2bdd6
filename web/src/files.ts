/**
 * Loading a model or a dataset from a file (picker or drag-and-drop): a .json with
 * "format": "bpnet-model" is a model, any other .json a {"inputs","targets"} dataset, .csv a CSV
 * dataset (last column = target). Parsing is the library's; errors name the file and field.
 */
import { BpnetError, networkFromJSON, parseCSV, parseDatasetJSON, type Dataset, type ModelJSON } from '../../src/index.ts';

export type Loaded = { kind: 'model'; model: ModelJSON; name: string } | { kind: 'dataset'; data: Dataset; name: string };

export async function readFile(file: File): Promise<Loaded> {
  const text = await file.text();
  if (/\.csv$/i.test(file.name)) return { kind: 'dataset', data: parseCSV(text, file.name), name: file.name };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BpnetError(`not valid JSON (${(e as Error).message})`, file.name);
  }
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'bpnet-model') {
    networkFromJSON(json, file.name); // validates, naming the bad field
    return { kind: 'model', model: json as ModelJSON, name: file.name };
  }
  return { kind: 'dataset', data: parseDatasetJSON(json, file.name), name: file.name };
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
