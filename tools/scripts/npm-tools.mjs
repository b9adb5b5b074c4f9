// The functions behind npm_outdated and npm_ls in tools/npm.yaml. They run `npm … --json` like a
// command tool would, but accept exit code 1, which npm uses for "something is outdated" and "the
// tree has problems" while still printing the JSON the model needs. Like a command tool, npm gets
// a minimal environment (never the runner's API keys) and is stopped when the step is cancelled.

import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';

const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SYSTEMROOT', 'APPDATA'];
const NPM_ENV = { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1' };

/**
 * `npm <args>` in `dir` (inside the workspace); its stdout parsed as JSON, for exit codes 0 and 1.
 * @param {string[]} npmArgs
 * @param {string | undefined} dir
 * @param {{ signal?: AbortSignal, cwd?: string } | undefined} options
 * @returns {Promise<any>}
 */
async function npmJson(npmArgs, dir, options) {
  const workspace = await realpath(options?.cwd ?? process.cwd());
  const cwd = path.resolve(workspace, dir ?? '.');
  const relative = path.relative(workspace, cwd);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`"${dir}" is outside the workspace`);
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...NPM_ENV };
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  const shown = `npm ${npmArgs.join(' ')}`;
  const { stdout, stderr, code } = await new Promise((resolve, reject) => {
    execFile('npm', npmArgs, { cwd, env, signal: options?.signal, maxBuffer: 32 * 1024 * 1024, shell: false }, (error, out, err) => {
      const exit = /** @type {{ code?: unknown } | null} */ (error)?.code;
      if (error && typeof exit !== 'number') return reject(new Error(`${shown} could not run: ${error.message}`));
      resolve({ stdout: out, stderr: err, code: typeof exit === 'number' ? exit : 0 });
    });
  });
  if (code !== 0 && code !== 1) throw new Error(`${shown} exited with code ${code}: ${String(stderr).trim().slice(-2000)}`);
  try {
    return JSON.parse(String(stdout) || '{}');
  } catch {
    throw new Error(`${shown} did not print JSON (exit code ${code}): ${String(stderr || stdout).trim().slice(-2000)}`);
  }
}

/**
 * `npm_outdated`: dependencies with a newer version, by name: { current, wanted, latest, type }.
 * Needs the registry (network) and an installed node_modules for `current`.
 * @param {{ dir?: string }} args
 * @param {{ signal?: AbortSignal, cwd?: string }} [options]
 */
export async function outdated(args, options) {
  const report = await npmJson(['outdated', '--json', '--long'], args.dir, options);
  /** @type {Record<string, { current: string | null, wanted: string, latest: string, type: string }>} */
  const result = {};
  for (const name of Object.keys(report).sort()) {
    const entry = report[name];
    result[name] = { current: entry.current ?? null, wanted: entry.wanted, latest: entry.latest, type: entry.type ?? 'dependencies' };
  }
  return result;
}

/**
 * `npm_ls`: the dependency tree as { name, version, dependencies: { name: { version, dependencies? } },
 * problems }, without npm's bookkeeping fields (resolved, integrity, overridden). With
 * `lockfileOnly` it reads package-lock.json alone: no node_modules, no network.
 * @param {{ dir?: string, depth?: number, lockfileOnly?: boolean, production?: boolean }} args
 * @param {{ signal?: AbortSignal, cwd?: string }} [options]
 */
export async function ls(args, options) {
  const npmArgs = ['ls', '--json', `--depth=${args.depth ?? 0}`];
  if (args.lockfileOnly) npmArgs.push('--package-lock-only');
  if (args.production) npmArgs.push('--omit=dev');
  const tree = await npmJson(npmArgs, args.dir, options);
  return {
    name: tree.name ?? null,
    version: tree.version ?? null,
    dependencies: simplify(tree.dependencies),
    problems: Array.isArray(tree.problems) ? tree.problems : [],
  };
}

/**
 * @param {Record<string, any> | undefined} dependencies
 * @returns {Record<string, any>}
 */
function simplify(dependencies) {
  /** @type {Record<string, any>} */
  const result = {};
  for (const name of Object.keys(dependencies ?? {}).sort()) {
    const dep = /** @type {Record<string, any>} */ (dependencies)[name];
    result[name] = {
      version: dep.version ?? null,
      ...(dep.missing ? { missing: true, required: dep.required } : {}),
      ...(dep.invalid ? { invalid: dep.invalid } : {}),
      ...(dep.extraneous ? { extraneous: true } : {}),
      ...(dep.dependencies ? { dependencies: simplify(dep.dependencies) } : {}),
    };
  }
  return result;
}
