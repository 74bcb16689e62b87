import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built renderer (out/renderer). This code is bundled into out/main/ or a shared chunk in
 * out/main/chunks/, so look beside both; null when the renderer was not built.
 */
export function findRendererDir(): string | null {
  const candidates = [join(__dirname, '..', 'renderer'), join(__dirname, '..', '..', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}
