import { InvalidArgumentError } from 'commander';

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
  const match = /^T?([0-5])$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a timing template 0-5 (as in -T4).');
  return Number(match[1]);
}
