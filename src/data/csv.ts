/**
 * CSV datasets (browser-safe: parses text). The first row is a header. `target` names the target
 * columns; a single target column whose values are not all numbers 0/1 — or any single column of
 * class labels — is one-hot encoded, with the classes sorted (numerically when all are numbers).
 * Every other column is an input and must be numeric. Errors name the line and column.
 */
import { BpnetError } from '../core/errors.ts';
import type { Dataset } from '../core/dataset.ts';

export interface CsvOptions {
  /** Target column names (default: the last column). */
  target?: string[];
  /**
   * How a single target column is read: "auto" (default) one-hot encodes it unless it holds
   * only 0/1 or it is numeric with many distinct values; "classes" always one-hot encodes;
   * "values" always uses the numbers as they are.
   */
  targetMode?: 'auto' | 'classes' | 'values';
}

export function parseCSV(text: string, source = 'data.csv', options: CsvOptions = {}): Dataset {
  const lines = text.split(/\r?\n/);
  const rows: { line: number; cells: string[] }[] = [];
  lines.forEach((l, i) => { if (l.trim() !== '') rows.push({ line: i + 1, cells: splitLine(l) }); });
  if (rows.length < 2) throw new BpnetError('expected a header row and at least one data row', source);
  const header = rows[0]!.cells.map((h) => h.trim());
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) throw new BpnetError(`column "${duplicate}" appears twice in the header`, `${source}: line 1`);
  if (header.length === 1 && /[;\t]/.test(header[0]!)) {
    throw new BpnetError('only one column: bpnet reads comma-separated values (this header looks separated by ";" or tabs)', `${source}: line 1`);
  }
  const targetNames = options.target && options.target.length > 0 ? options.target : [header[header.length - 1]!];
  const targetIdx = targetNames.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new BpnetError(`no column named "${name}" (columns: ${header.join(', ')})`, `${source}: line 1`);
    return i;
  });
  const inputIdx = header.map((_, i) => i).filter((i) => !targetIdx.includes(i));
  if (inputIdx.length === 0) throw new BpnetError('no input columns left after the target columns', `${source}: line 1`);
  const body = rows.slice(1);
  body.forEach(({ line, cells }) => {
    if (cells.length !== header.length) {
      throw new BpnetError(`expected ${header.length} values (as in the header), got ${cells.length}`, `${source}: line ${line}`);
    }
  });
  const num = (s: string, line: number, col: number): number => {
    const v = s.trim() === '' ? NaN : Number(s);
    if (!Number.isFinite(v)) {
      throw new BpnetError(`column "${header[col]}": expected a finite number, got "${s}"`, `${source}: line ${line}`);
    }
    return v;
  };
  const inputs = new Float64Array(body.length * inputIdx.length);
  body.forEach(({ line, cells }, r) => inputIdx.forEach((c, j) => { inputs[r * inputIdx.length + j] = num(cells[c]!, line, c); }));

  const mode = options.targetMode ?? 'auto';
  if (targetIdx.length === 1 && mode !== 'values') {
    const values = body.map(({ cells }) => cells[targetIdx[0]!]!.trim());
    const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
    const binary = numeric && values.every((v) => Number(v) === 0 || Number(v) === 1);
    const distinct = [...new Set(values)];
    if (mode === 'classes' || !numeric || (!binary && distinct.length <= 100 && distinct.every((v) => Number.isInteger(Number(v))))) {
      const classes = numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
      const index = new Map(classes.map((c, i) => [c, i]));
      const targets = new Float64Array(body.length * classes.length);
      values.forEach((v, r) => { targets[r * classes.length + index.get(v)!] = 1; });
      return { size: body.length, inputSize: inputIdx.length, outputSize: classes.length, inputs, targets, labels: classes };
    }
  }
  const targets = new Float64Array(body.length * targetIdx.length);
  body.forEach(({ line, cells }, r) => targetIdx.forEach((c, j) => { targets[r * targetIdx.length + j] = num(cells[c]!, line, c); }));
  return { size: body.length, inputSize: inputIdx.length, outputSize: targetIdx.length, inputs, targets, labels: targetNames };
}

/** Splits one CSV line, honouring double quotes ("a,b" and "" escapes). */
function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cur); cur = ''; }
    else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/** Writes a dataset as CSV with columns x1…xn, y1…yk (or the dataset's labels as target names). */
export function toCSV(data: Dataset): string {
  const head = [...Array.from({ length: data.inputSize }, (_, i) => `x${i + 1}`), ...Array.from({ length: data.outputSize }, (_, i) => `y${i + 1}`)];
  const out = [head.join(',')];
  for (let r = 0; r < data.size; r++) {
    out.push([...data.inputs.subarray(r * data.inputSize, (r + 1) * data.inputSize), ...data.targets.subarray(r * data.outputSize, (r + 1) * data.outputSize)].join(','));
  }
  return out.join('\n') + '\n';
}
