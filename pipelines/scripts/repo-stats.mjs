// repo_stats for pipelines/repo-health.yaml: size figures of a folder as JSON, in a stable order so
// the same folder always gives the same answer (the example's recording depends on it).

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * @param {{ dir: string, top?: number }} args folder relative to the directory planexec runs in
 * @returns {Promise<object>}
 */
export async function repoStats(args) {
  const root = path.resolve(process.cwd(), args.dir);
  /** @type {{ path: string, bytes: number, lines: number }[]} */
  const files = [];
  /** @param {string} folder */
  const walk = async (folder) => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (SKIPPED.has(entry.name)) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const bytes = await readFile(full);
        const lines = bytes.length === 0 ? 0 : bytes.toString('utf8').split('\n').length - (bytes.at(-1) === 10 ? 1 : 0);
        files.push({ path: path.relative(root, full).split(path.sep).join('/'), bytes: bytes.length, lines });
      }
    }
  };
  await walk(root);
  /** @type {Record<string, { files: number, bytes: number, lines: number }>} */
  const byExtension = {};
  for (const file of files) {
    const ext = path.extname(file.path) || '(none)';
    const entry = (byExtension[ext] ??= { files: 0, bytes: 0, lines: 0 });
    entry.files++;
    entry.bytes += file.bytes;
    entry.lines += file.lines;
  }
  const largest = [...files].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, args.top ?? 3);
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    byExtension: Object.fromEntries(Object.entries(byExtension).sort(([a], [b]) => (a < b ? -1 : 1))),
    largest,
  };
}
