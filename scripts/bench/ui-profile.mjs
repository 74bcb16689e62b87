// Summaries of V8 CPU profiles (CDP Profiler.stop in a page, or node --cpu-prof) for ui.mjs:
// where the sampled time went, by self time per function and per source file, and what ran in
// each stretch of the main thread busy for longer than a long task. Where a script has a source
// map beside it (a build with `--sourcemap`), positions are mapped back to src/.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Source maps beside a build's scripts: a page's script (http://…/assets/x.js) is looked up in
 * `assetsDir`, a Node script (file:///…/x.js or a path) beside itself.
 */
export function sourceMapsIn(assetsDir) {
  const cache = new Map();
  return (url) => {
    const file = url.startsWith('file://')
      ? fileURLToPath(url)
      : path.isAbsolute(url)
        ? url
        : path.join(assetsDir, path.basename(new URL(url, 'http://x/').pathname));
    if (!cache.has(file)) {
      cache.set(
        file,
        existsSync(`${file}.map`)
          ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')))
          : null,
      );
    }
    return cache.get(file);
  };
}

/**
 * Where a mapped frame's code lives: `src/renderer/src/x.tsx`, or for a dependency its package
 * (`node_modules/recharts`) and, in `path`, the file inside it.
 */
function shortSource(source) {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)$/.exec(source);
  if (modules) return { file: `node_modules/${modules[1]}`, path: `${modules[1]}${modules[2]}` };
  const src = /(?:^|\/)(src\/.*)$/.exec(source);
  const file = src ? src[1] : source;
  return { file, path: file };
}

function describeFrame(frame, mapFor) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return { key: name, file: name, path: name };
  const map = mapFor?.(frame.url);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry?.originalSource) {
    const where = shortSource(entry.originalSource);
    return {
      key: `${name} ${where.path}:${entry.originalLine + 1}`,
      file: where.file,
      path: where.path,
    };
  }
  const file = path.basename(frame.url);
  return {
    key: `${name} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`,
    file,
    path: file,
  };
}

export const IDLE = '(idle)';

/**
 * Looks a profile's nodes up (CDP's `children` or a trace's `parent` links): `describe(node)` is
 * its function and mapped place, `groupOf(node)` the first of `groups` ([label, RegExp over a
 * frame's mapped path], most specific first) that any frame of its stack matches, else its file.
 */
export function indexProfile(nodes, { mapFor, groups = [] } = {}) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) {
    if (n.parent !== undefined) parent.set(n.id, n.parent);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const described = new Map();
  const describe = (node) => {
    if (!described.has(node.id)) described.set(node.id, describeFrame(node.callFrame, mapFor));
    return described.get(node.id);
  };
  const grouped = new Map();
  const groupOf = (node) => {
    if (grouped.has(node.id)) return grouped.get(node.id);
    let found = null;
    for (const [label, re] of groups) {
      for (let id = node.id; id !== undefined && !found; id = parent.get(id)) {
        const frame = byId.get(id);
        if (frame && re.test(describe(frame).path)) found = label;
      }
      if (found) break;
    }
    const g = found ?? describe(node).file;
    grouped.set(node.id, g);
    return g;
  };
  return { byId, describe, groupOf };
}

/**
 * Lines: the profile's span, shares by source file and by component (see indexProfile), the top
 * functions by self time, then every stretch of consecutive busy samples longer than `stretchMs`
 * with what ran in it.
 */
export function summariseProfile(profile, top = 12, { mapFor, stretchMs = 50, groups = [] } = {}) {
  const { byId, describe, groupOf } = indexProfile(profile.nodes, { mapFor, groups });
  const byGroup = new Map();
  const self = new Map();
  const files = new Map();
  const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
  const stretches = [];
  let stretch = null;
  let total = 0;
  let at = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    // timeDeltas[i + 1] is how long samples[i] stayed on top (DevTools' attribution).
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    at += (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    total += dt;
    const d = describe(node);
    add(self, d.key, dt);
    add(files, d.file, dt);
    const g = groupOf(node);
    add(byGroup, g, dt);
    if (node.callFrame.functionName === IDLE) {
      if (stretch) stretches.push(stretch);
      stretch = null;
    } else {
      stretch ??= { start: at, ms: 0, files: new Map() };
      stretch.ms += dt;
      add(stretch.files, g, dt);
    }
  }
  if (stretch) stretches.push(stretch);
  const ms = (x) => `${x.toFixed(0)} ms`;
  const share = (x) => `${((100 * x) / Math.max(total, 1e-9)).toFixed(1)}%`;
  const topOf = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  const lines = [`sampled ${ms(total)}`];
  lines.push(
    'by file: ' +
      topOf(files, 10)
        .map(([k, v]) => `${k} ${ms(v)} (${share(v)})`)
        .join(', '),
  );
  if (groups.length > 0) {
    lines.push(
      'by component: ' +
        topOf(byGroup, 10)
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', '),
    );
  }
  for (const [key, v] of topOf(self, top)) {
    lines.push(`${ms(v).padStart(8)} ${share(v).padStart(6)}  ${key}`);
  }
  const long = stretches.filter((s) => s.ms > stretchMs);
  if (long.length > 0) lines.push(`busy stretches over ${stretchMs} ms (no idle sample between):`);
  for (const s of long) {
    lines.push(
      `  at +${ms(s.start)}: ${ms(s.ms)}: ` +
        topOf(s.files, 6)
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', '),
    );
  }
  return lines;
}
