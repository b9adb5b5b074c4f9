// Finds planexec.config.yaml (from the working directory upward to the project root) and reads it
// into project-wide defaults for pipelines, reporting every problem at file:line:col.

import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { DiagnosticError } from '../source/diagnostic.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { projectSchemaValidator } from '../source/project-schemas.ts';
import { checkSchema } from '../source/schema-check.ts';
import { displayPathFor, readYamlSource } from '../source/yaml-source.ts';
import type { YamlSource } from '../source/yaml-source.ts';
import { CONFIG_FILE_NAMES } from './config-file-names.ts';
import { settingsLayerFrom } from './settings-layer.ts';
import type { SettingsLayer } from './settings-layer.ts';

export { CONFIG_FILE_NAMES };

/** Defaults from planexec.config.yaml for `model`, `planning`, `replan` and `execution`. */
export interface ProjectConfig extends SettingsLayer {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Path as shown to the user. */
  readonly displayPath: string;
  /** Non-fatal findings (e.g. an unknown YAML tag). */
  readonly warnings?: readonly Diagnostic[];
}

/**
 * The config that applies in `cwd`: the nearest planexec.config.yaml (or .yml) in `cwd` or a parent
 * directory, stopping at the project root (the nearest directory with a package.json). Undefined when
 * there is none; throws DiagnosticError when it is invalid.
 */
export async function loadProjectConfig(cwd: string): Promise<ProjectConfig | undefined> {
  const file = await findProjectConfigFile(cwd);
  return file === undefined ? undefined : readProjectConfig(file, cwd);
}

/**
 * Absolute path of the config that applies in `cwd`, if any: the first planexec.config.yaml or .yml
 * in `cwd` or a parent, up to the nearest directory with a package.json (or package.yaml), as
 * cosmiconfig's project search finds it. cosmiconfig reads what it finds, so a candidate that is not
 * a regular file (a FIFO would wait forever, /dev/zero never ends) is returned before it looks:
 * reading it then says what is wrong with it.
 */
async function findProjectConfigFile(cwd: string): Promise<string | undefined> {
  const special = specialCandidate(cwd);
  if (special !== undefined) return special;
  // Loaded here: `planexec validate` and the commands reading the run store never search. (The
  // asynchronous explorer: the synchronous one refuses a project whose meta-config, shared by every
  // cosmiconfig tool, is `.config/config.mjs`.)
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('planexec', {
    searchPlaces: [...CONFIG_FILE_NAMES],
    searchStrategy: 'project',
    // Only locate the file here; it is parsed with source positions below. Returning a fixed marker
    // also keeps cosmiconfig from acting on a `$import` key in it.
    loaders: { '.yaml': () => ({}), '.yml': () => ({}) },
    ignoreEmptySearchPlaces: false,
    cache: false,
  });
  try {
    const result = await explorer.search(path.resolve(cwd));
    return result?.filepath;
  } catch (error) {
    const where = (error as { filepath?: unknown }).filepath;
    const file = typeof where === 'string' ? displayPathFor(where, cwd) : '.';
    throw new DiagnosticError([{ file, line: 1, col: 1, severity: 'error', message: `cannot search for planexec.config.yaml: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}

/** The nearest config candidate on cosmiconfig's search path when it is neither a regular file nor a folder. */
function specialCandidate(cwd: string): string | undefined {
  const statOf = (file: string): Stats | undefined => {
    try {
      return statSync(file, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  for (let dir = path.resolve(cwd); ; ) {
    for (const name of CONFIG_FILE_NAMES) {
      const found = statOf(path.join(dir, name));
      if (found?.isFile()) return undefined;
      if (found !== undefined && !found.isDirectory()) return path.join(dir, name);
    }
    if (statOf(path.join(dir, 'package.json')) !== undefined || statOf(path.join(dir, 'package.yaml')) !== undefined) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads one config file; throws DiagnosticError with every problem in it. */
export async function readProjectConfig(file: string, cwd: string = process.cwd()): Promise<ProjectConfig> {
  const { config, diagnostics } = await checkProjectConfigFile(file, cwd);
  if (config === undefined) throw new DiagnosticError(diagnostics);
  return config;
}

/** Every problem in a config file, and the config when it has no errors (for `planexec validate`). */
async function checkProjectConfigFile(file: string, cwd: string): Promise<{ readonly config?: ProjectConfig; readonly diagnostics: readonly Diagnostic[] }> {
  const source = await readYamlSource(file, cwd);
  return checkProjectConfigSource(source);
}

export function checkProjectConfigSource(source: YamlSource): { readonly config?: ProjectConfig; readonly diagnostics: readonly Diagnostic[] } {
  if (!source.parsed) return { diagnostics: source.diagnostics };
  // An empty config file is allowed and sets nothing.
  const value = source.value ?? {};
  const diagnostics = [...source.diagnostics, ...checkSchema(projectSchemaValidator('config'), source, { value })];
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const layer = settingsLayerFrom(value as Readonly<Record<string, unknown>>, path.dirname(source.file));
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const config: ProjectConfig = { file: source.file, displayPath: source.displayPath, ...layer, ...(warnings.length > 0 ? { warnings } : {}) };
  return { config, diagnostics };
}
