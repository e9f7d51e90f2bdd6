/**
 * One error type for everything a user can get wrong: a bad file, a bad field, a bad option.
 * `where` names the file (and line or field) so the message alone tells the user what to fix;
 * the CLI maps BpnetError to exit code 2 and anything else to exit code 1.
 */
export class BpnetError extends Error {
  constructor(
    message: string,
    /** The file, field or option the message is about, e.g. `model.json: layers[1].weights[0][2]`. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'BpnetError';
  }
}

/** Throws a BpnetError unless `condition` holds. */
export function check(condition: unknown, message: string, where?: string): asserts condition {
  if (!condition) throw new BpnetError(message, where);
}
