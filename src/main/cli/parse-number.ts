import { InvalidArgumentError } from 'commander';
import { TIMING_NAMES } from '../../shared/timing';

/** Commander value parsers: the error names the flag and the value (commander adds both). */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('expected a number greater than 0.');
  }
  return n;
}

export function timingTemplate(value: string): number {
  const text = value.trim().toLowerCase();
  const named = (TIMING_NAMES as readonly string[]).indexOf(text);
  if (named !== -1) return named;
  const match = /^t?([0-5])$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError(
      `expected a timing template 0-5 or its name (${TIMING_NAMES.join(', ')}), as in -T4.`,
    );
  }
  return Number(match[1]);
}

/** nmap refuses a second -p ("Only 1 -p option allowed") rather than keep only the last. */
export const onlyOnce =
  (flag: string) =>
  (value: string, previous: string | undefined): string => {
    if (previous !== undefined) {
      throw new InvalidArgumentError(`give ${flag} once; put every port in it (22,80,443).`);
    }
    return value;
  };

/** Repeated --exclude adds up instead of keeping only the last. */
export const joined = (value: string, previous: string | undefined): string =>
  previous === undefined ? value : `${previous},${value}`;

/** -iL and --excludefile may repeat: every file named is read. */
export const every = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** --top-ports once, as -p. */
export const topPortsOnce = (value: string, previous: number | undefined): number => {
  if (previous !== undefined) throw new InvalidArgumentError('give --top-ports once.');
  return wholeNumber(value);
};

/** A TCP port to listen on; 0 asks the system for any free one. */
export function portNumber(value: string): number {
  const n = wholeNumber(value);
  if (n > 65535)
    throw new InvalidArgumentError('expected a port, 1-65535 (or 0 for any free one).');
  return n;
}
