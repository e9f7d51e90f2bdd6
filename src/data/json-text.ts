/**
 * Parsing JSON text that comes from outside (model files, datasets, checkpoints). Browser-safe.
 * JSON.parse itself is iterative, but everything that walks the result afterwards (validation,
 * structuredClone, JSON.stringify when saving) recurses, and a document nested 100 000 levels
 * deep overflows the stack there. So the nesting depth is checked first, by one linear scan
 * that keeps a counter, not a stack, and a deeper document is refused with a message naming
 * the limit and where it is crossed. No bpnet file needs more than a few levels.
 */
import { BpnetError } from '../core/errors.ts';
import { MAX_JSON_DEPTH } from '../core/validate.ts';
import { findJsonError } from './json-position.ts';


/** Parses JSON text; syntax errors name the line and column, too-deep nesting is refused. */
export function parseJsonText(text: string, source = 'JSON', maxDepth = MAX_JSON_DEPTH): unknown {
  const deep = findTooDeep(text, maxDepth);
  if (deep) throw new BpnetError(`nested more than ${maxDepth} levels deep at line ${deep.line}, column ${deep.column} (bpnet reads JSON up to ${maxDepth} levels)`, source);
  try {
    return JSON.parse(text);
  } catch (e) {
    const where = findJsonError(text);
    throw new BpnetError(`invalid JSON: ${where ? `${where.message} at line ${where.line}, column ${where.column}` : String((e as Error).message)}`, source);
  }
}

/** Where the nesting first exceeds `maxDepth` (brackets inside strings do not count), if it does. */
export function findTooDeep(text: string, maxDepth: number): { line: number; column: number } | undefined {
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) {
        const before = text.slice(0, i);
        const lineStart = before.lastIndexOf('\n');
        let line = 1;
        for (let j = before.indexOf('\n'); j >= 0; j = before.indexOf('\n', j + 1)) line++;
        return { line, column: i - lineStart };
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}
