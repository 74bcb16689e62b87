import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh per-launch token: 192 random bits, URL-safe. */
export const newLaunchToken = (): string => randomBytes(24).toString('base64url');

/** True when `given` is the launch token; compared in constant time. */
export function isLaunchToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the request's `?token=` is the launch token (the WebSocket's handshake). */
export function tokenMatches(req: IncomingMessage, token: string): boolean {
  let given: string;
  try {
    given = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
  } catch {
    return false;
  }
  return isLaunchToken(given, token);
}
