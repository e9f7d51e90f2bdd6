/**
 * CSV per RFC 4180: quoted commas, quotes and line breaks, a byte order mark, CRLF — and error
 * messages naming the line the offending field is on, also after multi-line records.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCSV, toCSV } from '../src/index.ts';
import { readCsvRecords } from '../src/data/csv-records.ts';

test('records: quoted commas, doubled quotes, line breaks in quotes, BOM, CRLF, blank lines', () => {
  const text = '\ufeffname,"a,b",note\r\n"x ""y""",1,"two\r\nlines"\r\n\r\nz,,"3"\n';
  const records = readCsvRecords(text, 't.csv');
  assert.deepEqual(records.map((r) => r.cells), [['name', 'a,b', 'note'], ['x "y"', '1', 'two\r\nlines'], ['z', '', '3']]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 5]);
  assert.deepEqual(readCsvRecords('a,b,\n', 't.csv')[0]!.cells, ['a', 'b', ''], 'a trailing comma is an empty last field');
  assert.deepEqual(readCsvRecords('a,b', 't.csv')[0]!.cells, ['a', 'b'], 'no final line break');
});

test('datasets: a class column with quoted labels; the rows after a multi-line field keep their line numbers', () => {
  const text = 'x1,"x,2",colour\r\n1,2,"dark\nred"\r\n3,4,"blue, light"\r\n5,6,"dark\nred"\r\n';
  const d = parseCSV(text, 'c.csv');
  assert.deepEqual(d.classLabels, ['blue, light', 'dark\nred']);
  assert.deepEqual([...d.inputs], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual([...d.targets], [0, 1, 1, 0, 0, 1]);
  assert.throws(() => parseCSV('a,b,c\n1,"multi\nline",x\n2,oops,y\n', 'e.csv'), /e\.csv: line 2: column "b": expected a finite number, got "multi\\nline"/); // BpnetError keeps messages on one line
  assert.throws(() => parseCSV('a,b,c\n1,2,"multi\nline"\n2,oops,y\n', 'e.csv'), /e\.csv: line 4: column "b": expected a finite number, got "oops"/);
  assert.throws(() => parseCSV('a,b,c\n1,2,"multi\n\nline"\n2,3\n', 'e.csv'), /e\.csv: line 5: expected 3 values \(as in the header\), got 2/);
  assert.throws(() => parseCSV('a,b,c\n1,2,x\n3,"4\n', 'e.csv'), /e\.csv: line 3: a quoted field \(column 2\) opened here is never closed/);
  assert.throws(() => parseCSV('a,b,c\n1,"2"3,x\n', 'e.csv'), /e\.csv: line 2: unexpected "3" after the closing quote of column 2/);
  assert.throws(() => parseCSV('a,b,c\r\n1,2,x\r\n\r\n3,,y\r\n', 'e.csv'), /e\.csv: line 4: column "b": expected a finite number, got ""/);
});

test('a whole-number target column: classes by a rule that says so, or as asked', () => {
  const text = 'x,grade\n1,3\n2,5\n3,4\n';
  const notes: string[] = [];
  const auto = parseCSV(text, 'g.csv', { onNote: (n) => notes.push(n) });
  assert.deepEqual(auto.classLabels, ['3', '4', '5']);
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /g\.csv: target column "grade" holds 3 distinct whole numbers \(3…5\): read as 3 classes, one-hot \(--classes says so/);
  const values = parseCSV(text, 'g.csv', { targetMode: 'values', onNote: (n) => notes.push(n) });
  assert.deepEqual([...values.targets], [3, 5, 4]);
  assert.equal(values.classLabels, undefined);
  parseCSV(text, 'g.csv', { targetMode: 'classes', onNote: (n) => notes.push(n) });
  parseCSV('x,y\n1,0\n2,1\n', 'b.csv', { onNote: (n) => notes.push(n) });
  assert.equal(notes.length, 1, 'no note when asked, nor for a 0/1 column');
  const fixed = parseCSV('x,c\n1,b\n', 'f.csv', { classLabels: ['a', 'b', 'c'] });
  assert.deepEqual([...fixed.targets], [0, 1, 0], "a model's classes fix the order and the count");
  assert.throws(() => parseCSV('x,c\n1,d\n', 'f.csv', { classLabels: ['a', 'b'] }), /f\.csv: line 2: column "c": "d" is not one of the model's classes \(a, b\)/);
});

test('toCSV quotes what needs quoting and reads back', () => {
  const d = parseCSV('p,q,y\n1,2,0.5\n', 't.csv', { targetMode: 'values' });
  const back = parseCSV(toCSV(d), 'r.csv', { targetMode: 'values' });
  assert.deepEqual([...back.inputs], [1, 2]);
  assert.deepEqual([...back.targets], [0.5]);
});

test('1 000 000 columns parse in one linear pass', () => {
  const cols = 1_000_000;
  const text = Array.from({ length: cols }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(cols - 1) + '0\n';
  const d = parseCSV(text, 'wide.csv', { targetMode: 'values' });
  assert.equal(d.inputSize, cols - 1);
  assert.equal(d.inputs[cols - 2], 1);
  const bad = text.replace(/,0\n$/, ',"oops\n');
  assert.throws(() => parseCSV(bad, 'wide.csv'), /wide\.csv: line 2: a quoted field \(column 1000000\) opened here is never closed/);
});
