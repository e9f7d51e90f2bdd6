/**
 * CSV records per RFC 4180 (browser-safe): fields separated by commas, records by CRLF or LF;
 * a field in double quotes may hold commas, line breaks and quotes (written ""). A leading byte
 * order mark is skipped. One pass over the text, slicing fields out of it, so the time is linear
 * in its length however many columns or rows there are. Every record knows the line it starts on
 * (and, when a quoted field spans lines, the line of each field) for error messages.
 */
import { BpnetError } from '../core/errors.ts';

/** One record: its cells and where it is in the file. */
export interface CsvRecord {
  /** Line (1-based) on which the record starts. */
  line: number;
  cells: string[];
  /** Line of each cell, only when a quoted field spanned lines (else every cell is on `line`). */
  cellLines?: number[];
}

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13;

/** Line breaks in text[from, to): LF, CRLF and a lone CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Splits CSV text into records. Blank lines are skipped. A quote that is never closed, or text
 * after a closing quote, is an error naming the line.
 */
export function readCsvRecords(text: string, source = 'data.csv'): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Where the next quote is: a record ending before it has no quoted field and is split natively.
  // (Each index is searched again only once passed: the whole scan stays linear.)
  let nextQuote = text.indexOf('"', i), nextCR = text.indexOf('\r', i);
  while (i < n) {
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
    if (nextCR >= 0 && nextCR < i) nextCR = text.indexOf('\r', i);
    const lf = text.indexOf('\n', i);
    const end = lf < 0 ? n : lf;
    const crlf = nextCR === end - 1 && lf >= 0;
    if ((nextQuote < 0 || nextQuote > end) && (nextCR < 0 || nextCR >= end || crlf)) {
      const cells = text.slice(i, crlf ? end - 1 : end).split(',');
      if (cells.length > 1 || cells[0]!.trim() !== '') records.push({ line, cells });
      i = end + 1;
      line++;
      continue;
    }
    const record: CsvRecord = { line, cells: [] };
    let quotedAny = false;
    for (;;) {
      const fieldLine = line;
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        quotedAny = true;
        const parts: string[] = [];
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new BpnetError(`a quoted field (column ${record.cells.length + 1}) opened here is never closed`, `${source}: line ${fieldLine}`);
          line += lineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts.push(text.slice(from, q + 1));
            i = from = q + 2;
          } else {
            parts.push(text.slice(from, q));
            i = q + 1;
            break;
          }
        }
        value = parts.length === 1 ? parts[0]! : parts.join('');
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          throw new BpnetError(`unexpected ${JSON.stringify(text[i])} after the closing quote of column ${record.cells.length + 1} (a quote inside a quoted field is written "")`, `${source}: line ${line}`);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      if (fieldLine !== record.line || record.cellLines) {
        record.cellLines ??= record.cells.map(() => record.line);
        record.cellLines.push(fieldLine);
      }
      record.cells.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    const blank = !quotedAny && record.cells.length === 1 && record.cells[0]!.trim() === '';
    if (!blank) records.push(record);
  }
  return records;
}

/** Quotes a cell when it needs it (comma, quote or line break), per RFC 4180. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
