/**
 * Finds where a JSON text stops being valid, so that a syntax error can name the line and column
 * (V8's JSON.parse messages do not always give a position). A small recursive-descent scan; it only
 * runs after JSON.parse has already failed.
 */
export interface JsonErrorPosition { line: number; column: number; message: string }

export function findJsonError(text: string): JsonErrorPosition | undefined {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const fail = (message: string): never => { throw Object.assign(new Error(message), { at: i }); };
  const expect = (ch: string) => { if (text[i] !== ch) fail(text[i] === undefined ? `expected '${ch}' but the text ends` : `expected '${ch}', found '${text[i]}'`); i++; };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); string(); ws(); expect(':'); value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect('}'); return;
      }
    }
    if (ch === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect(']'); return;
      }
    }
    if (ch === '"') return string();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|^true|^false|^null/.exec(text.slice(i, i + 400));
    if (m) { i += m[0].length; return; }
    fail(ch === undefined ? 'unexpected end of the text' : `unexpected '${ch}'`);
  };
  const string = () => {
    if (text[i] !== '"') fail(`expected a string in double quotes, found '${text[i] ?? 'end of text'}'`);
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i]! < ' ') fail('control character in a string');
      i++;
    }
    expect('"');
  };
  try {
    value(); ws();
    if (i < text.length) fail(`unexpected '${text[i]}' after the end of the JSON value`);
    return undefined;
  } catch (e) {
    const at = (e as { at: number }).at;
    const before = text.slice(0, at);
    return { line: before.split('\n').length, column: at - before.lastIndexOf('\n'), message: (e as Error).message };
  }
}
