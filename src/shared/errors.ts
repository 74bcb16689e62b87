/**
 * Errors that cross every boundary (CLI exit codes, IPC, WebSocket) as plain data.
 * `InputError` is the person's mistake (CLI exit 2); everything else is a failure (exit 1).
 */
export type ErrorKind = 'input' | 'not-found' | 'storage' | 'scan' | 'internal';

export interface PortholeErrorData {
  kind: ErrorKind;
  message: string;
  /** The form field or flag at fault, when there is one (`targets`, `ports`, `db`, …). */
  field?: string;
}

export class PortholeError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PortholeError';
  }

  toData(): PortholeErrorData {
    return this.field === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, field: this.field };
  }
}

/** Bad input: the message names the offending token, e.g. `ports: "70000" is not a port (1-65535)`. */
export class InputError extends PortholeError {
  constructor(
    field: string,
    /** The problem without the field name, for front ends that name the field their own way. */
    readonly detail: string,
  ) {
    super('input', `${field}: ${detail}`, field);
    this.name = 'InputError';
  }
}

export const isPortholeError = (e: unknown): e is PortholeError => e instanceof PortholeError;
