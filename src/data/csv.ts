/**
 * CSV datasets (browser-safe: parses text; the records themselves are read by csv-records.ts per
 * RFC 4180). The first record is a header. `target` names the target columns (default: the last).
 * Every other column is an input and must be numeric. Errors name the line and column.
 *
 * A single target column is class labels (one-hot encoded, classes sorted — numerically when all
 * are numbers) when it holds anything but numbers, when asked (`targetMode: "classes"`, the CLI's
 * --classes), or when a model's `classLabels` are given. A numeric column of 0/1 stays one output.
 * Other whole numbers with at most 100 distinct values are read as classes too, and `onNote` is
 * told so (the CLI prints it): that rule never applies silently.
 */
import { BpnetError } from '../core/errors.ts';
import type { Dataset } from '../core/dataset.ts';
import { csvCell, readCsvRecords, type CsvRecord } from './csv-records.ts';
import { checkTextArgs } from '../core/validate.ts';

/** Options of `parseCSV`: target columns and how a single target column is read. */
export interface CsvOptions {
  /** Target column names (default: the last column). */
  target?: string[];
  /**
   * How a single target column is read: "auto" (default, see the module comment), "classes"
   * always one-hot encodes, "values" always uses the numbers as they are.
   */
  targetMode?: 'auto' | 'classes' | 'values';
  /** The classes in output order (a model's classLabels): implies "classes"; other values are errors. */
  classLabels?: readonly string[];
  /** Told when a rule decided how to read the data (e.g. whole numbers read as classes). */
  onNote?: (message: string) => void;
  /** Every column is an input and there are no targets (outputSize 0): inputs to predict. */
  inputsOnly?: boolean;
}

/** Most distinct whole numbers that "auto" reads as class labels. */
const MAX_AUTO_CLASSES = 100;

/**
 * Parses a CSV dataset (see the module comment for how targets are read).
 * @example parseCSV('x1,x2,colour\n0.1,0.2,red\n0.3,0.1,blue\n', 'data.csv').classLabels // → ['blue', 'red']
 */
export function parseCSV(text: string, source = 'data.csv', options: CsvOptions = {}): Dataset {
  checkTextArgs(text, source);
  const rows = readCsvRecords(text, source);
  if (rows.length < 2) throw new BpnetError('expected a header row and at least one data row', source);
  const headRow = rows[0]!;
  const at = (line: number) => `${source}: line ${line}`;
  const header = headRow.cells.map((h) => h.trim());
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (seen.has(h)) throw new BpnetError(`column "${h}" appears twice in the header (columns ${seen.get(h)! + 1} and ${i + 1})`, at(headRow.line));
    seen.set(h, i);
  });
  if (header.length === 1 && /[;\t]/.test(header[0]!)) {
    throw new BpnetError('only one column: bpnet reads comma-separated values (this header looks separated by ";" or tabs)', at(headRow.line));
  }
  const targetNames = options.inputsOnly ? [] : options.target && options.target.length > 0 ? options.target : [header[header.length - 1]!];
  const targetIdx = targetNames.map((name) => {
    const i = seen.get(name);
    if (i === undefined) throw new BpnetError(`no column named "${name}" (columns: ${preview(header)})`, at(headRow.line));
    return i;
  });
  const isTarget = new Uint8Array(header.length);
  for (const i of targetIdx) isTarget[i] = 1;
  const inputIdx = header.map((_, i) => i).filter((i) => !isTarget[i]);
  if (inputIdx.length === 0) throw new BpnetError('no input columns left after the target columns', at(headRow.line));
  const body = rows.slice(1);
  for (const { line, cells } of body) {
    if (cells.length !== header.length) {
      throw new BpnetError(`expected ${header.length} values (as in the header), got ${cells.length}`, at(line));
    }
  }
  const num = (row: CsvRecord, col: number): number => {
    const s = row.cells[col]!;
    // Number('') and Number(' ') are 0: only then is trimming needed to tell a blank cell.
    const v = Number(s) === 0 && s.trim() === '' ? NaN : Number(s);
    if (!Number.isFinite(v)) {
      throw new BpnetError(`column "${header[col]}": expected a finite number, got "${s.length > 40 ? s.slice(0, 40) + '…' : s}"`, at(row.cellLines?.[col] ?? row.line));
    }
    return v;
  };
  const cols = inputIdx.length;
  const inputs = new Float64Array(body.length * cols);
  body.forEach((row, r) => {
    for (let j = 0; j < cols; j++) inputs[r * cols + j] = num(row, inputIdx[j]!);
  });
  const base = { size: body.length, inputSize: cols, inputs };

  if (options.inputsOnly) return { ...base, outputSize: 0, targets: new Float64Array(0) };
  const t = targetIdx[0]!;
  const classes = targetIdx.length === 1 ? classesOf(body, t, header[t]!, source, options) : undefined;
  if (classes) {
    const index = new Map(classes.map((c, i) => [c, i]));
    const targets = new Float64Array(body.length * classes.length);
    body.forEach((row, r) => {
      const v = row.cells[t]!.trim();
      const k = index.get(v);
      if (k === undefined) throw new BpnetError(`column "${header[t]}": "${v}" is not one of the model's classes (${preview(classes)})`, at(row.cellLines?.[t] ?? row.line));
      targets[r * classes.length + k] = 1;
    });
    return { ...base, outputSize: classes.length, targets, labels: classes, classLabels: classes };
  }
  const targets = new Float64Array(body.length * targetIdx.length);
  body.forEach((row, r) => targetIdx.forEach((c, j) => { targets[r * targetIdx.length + j] = num(row, c); }));
  return { ...base, outputSize: targetIdx.length, targets, labels: targetNames };
}

/** The classes of a single target column, or undefined when it is read as numbers. */
function classesOf(body: CsvRecord[], col: number, name: string, source: string, options: CsvOptions): string[] | undefined {
  if (options.classLabels) return [...options.classLabels];
  const mode = options.targetMode ?? 'auto';
  if (mode === 'values') return undefined;
  const values = body.map((row) => row.cells[col]!.trim());
  const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
  const distinct = [...new Set(values)];
  const sorted = () => (numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort());
  if (mode === 'classes' || !numeric) return sorted();
  if (values.every((v) => Number(v) === 0 || Number(v) === 1)) return undefined;
  if (distinct.length > MAX_AUTO_CLASSES || !distinct.every((v) => Number.isInteger(Number(v)))) return undefined;
  const classes = sorted();
  options.onNote?.(`${source}: target column "${name}" holds ${classes.length} distinct whole numbers (${classes[0]}…${classes[classes.length - 1]}): read as ${classes.length} classes, one-hot (--classes says so and silences this note; --no-classes reads them as numbers)`);
  return classes;
}

/** A list for a message: the first names, then how many more. */
function preview(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, … (${names.length} in all)`;
}

/** Writes a dataset as CSV with columns x1…xn, y1…yk (or the dataset's labels as target names). */
export function toCSV(data: Dataset): string {
  const head = [...Array.from({ length: data.inputSize }, (_, i) => `x${i + 1}`), ...Array.from({ length: data.outputSize }, (_, i) => `y${i + 1}`)];
  const out = [head.map(csvCell).join(',')];
  for (let r = 0; r < data.size; r++) {
    out.push([...data.inputs.subarray(r * data.inputSize, (r + 1) * data.inputSize), ...data.targets.subarray(r * data.outputSize, (r + 1) * data.outputSize)].join(','));
  }
  return out.join('\n') + '\n';
}
