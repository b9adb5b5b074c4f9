// `planexec validate <file|folder|glob>…`: every problem in pipeline, tool and config files, without a model.

import path from 'node:path';
import { CONFIG_FILE_NAMES, checkProjectConfigSource } from '../config/load-config.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { isRecord } from '../source/is-record.ts';
import { formatDiagnostic } from '../source/diagnostic.ts';
import { existsSync } from 'node:fs';
import { diagnosticAt, isTopLevelSequence, readYamlSource, type YamlSource } from '../source/yaml-source.ts';
import { findFilesToValidate, GLOB_CHARACTERS } from './find-files-to-validate.ts';
import { checkPipelineSource } from './load-pipeline.ts';
import { missingTestRecordings } from './pipeline-tests.ts';
import { shortSecretDiagnostics } from './secrets.ts';
import { checkToolFileSource } from './tool-file.ts';
import type { Pipeline } from './types.ts';

export interface Validation {
  readonly diagnostics: readonly Diagnostic[];
  /** The files checked, as shown in diagnostics. */
  readonly checked: readonly string[];
  /** YAML files found in a folder or by a glob that are not pipeline, tool or config files. */
  readonly skipped: readonly string[];
  /** The pipeline files among them, in the order of `checked`: as read, and as checked (what else looks at them need not read nor check them again). */
  readonly pipelines: readonly CheckedPipelineFile[];
}

/** A pipeline file as validate read it, with the pipeline it loads as (none when it has errors). */
export interface CheckedPipelineFile {
  readonly source: YamlSource;
  readonly pipeline?: Pipeline;
}

/**
 * Problems (errors and warnings) in each file, in the order given; a folder stands for the YAML files
 * in it (recursively) and a glob for those it matches. The kind of file is decided by its name
 * (planexec.config.yaml/.yml is a config) and shape (a top-level list is a tool file); anything else
 * named is a pipeline, checked with its tool files and prompts but without project config, and warned
 * about when `env` sets one of its secrets (or the API key) too short to be masked.
 */
export async function validateFiles(paths: readonly string[], cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<Diagnostic[]> {
  return [...(await validatePaths(paths, cwd, env)).diagnostics];
}

/** validateFiles, with which files were checked and which found ones were passed over. */
export async function validatePaths(paths: readonly string[], cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<Validation> {
  const all: Diagnostic[] = [];
  const seen = new Set<string>();
  const checked: string[] = [];
  const pipelines: CheckedPipelineFile[] = [];
  const skipped: string[] = [];
  const done = new Set<string>();
  for (const { arg, found, files } of findFilesToValidate(paths, cwd)) {
    let checkedHere = 0;
    for (const file of files) {
      const absolute = path.resolve(cwd, file);
      if (done.has(absolute)) {
        checkedHere++;
        continue;
      }
      const source = await readYamlSource(file, cwd);
      const kind = fileKind(source, found);
      if (kind === undefined) {
        skipped.push(source.displayPath);
        continue;
      }
      done.add(absolute);
      checked.push(source.displayPath);
      checkedHere++;
      const result = await checkFile(source, kind, cwd, env);
      if (kind === 'pipeline') pipelines.push(result.pipeline === undefined ? { source } : { source, pipeline: result.pipeline });
      // A tool file given on the command line and imported by a pipeline given too is reported once.
      for (const d of result.diagnostics) {
        const key = formatDiagnostic(d);
        if (seen.has(key)) continue;
        seen.add(key);
        all.push(d);
      }
    }
    if (found && checkedHere === 0) {
      const what = GLOB_CHARACTERS.test(arg) && !existsSync(path.resolve(cwd, arg)) ? 'this pattern matches' : 'this folder holds';
      all.push({ file: arg, line: 1, col: 1, severity: 'error', message: `${what} no pipeline, tool or config file${files.length > 0 ? ` (only other YAML files: ${files.join(', ')})` : ''}` });
    }
  }
  return { diagnostics: all, checked, skipped, pipelines };
}

/** The file's problems, and for a pipeline file the pipeline it loads as. */
async function checkFile(source: YamlSource, kind: FileKind, cwd: string, env: NodeJS.ProcessEnv): Promise<{ readonly diagnostics: readonly Diagnostic[]; readonly pipeline?: Pipeline }> {
  if (kind === 'config') return { diagnostics: checkProjectConfigSource(source).diagnostics };
  if (kind === 'tools') return { diagnostics: (await checkToolFileSource(source)).diagnostics };
  const checked = await checkPipelineSource(source, { cwd, config: null });
  const short = checked.pipeline ? shortSecretDiagnostics(source, checked.pipeline, env) : [];
  const diagnostics = [...checked.diagnostics, ...missingReplay(source, checked.pipeline?.model.replay), ...missingTestRecordings(source), ...short];
  return checked.pipeline === undefined ? { diagnostics } : { diagnostics, pipeline: checked.pipeline };
}

type FileKind = 'config' | 'tools' | 'pipeline';

/**
 * What a file is. One named is a config by its name, else a tool file when it is a list, else a
 * pipeline. One found is judged by its content too, and is none of these (undefined) unless it
 * says so: a `$schema` modeline, a list of tool-like maps, a map with `task:`, `tools:` or `version: 1`.
 */
function fileKind(source: YamlSource, found: boolean): FileKind | undefined {
  if (CONFIG_FILE_NAMES.includes(path.basename(source.file))) return 'config';
  const named: FileKind = isTopLevelSequence(source) ? 'tools' : 'pipeline';
  if (!found) return named;
  const modeline = /^#\s*yaml-language-server:\s*\$schema=\S*?\b(pipeline|tool|config)\.schema\.json/m.exec(source.text);
  if (modeline !== null) return modeline[1] === 'tool' ? 'tools' : modeline[1] === 'config' ? 'config' : 'pipeline';
  // A file that is not YAML at all is reported: it cannot be told apart, and it was asked about.
  if (!source.parsed) return 'pipeline';
  const value = source.value;
  if (Array.isArray(value)) {
    const toolLike = value.some((item) => isRecord(item) && ['command', 'url', 'module', 'args'].some((key) => key in item));
    return toolLike || path.basename(path.dirname(source.file)) === 'tools' ? 'tools' : undefined;
  }
  return isRecord(value) && ('task' in value || 'tools' in value || value.version === 1) ? 'pipeline' : undefined;
}

/** A pipeline that replays a recording that is not there: a run would stop (unless --record). */
function missingReplay(source: YamlSource, replay: string | undefined): Diagnostic[] {
  if (replay === undefined || existsSync(replay)) return [];
  return [diagnosticAt(source, ['model', 'replay'], `the replay file ${path.relative(process.cwd(), replay) || replay} does not exist; record it with planexec run --record <file>`, { severity: 'warning' })];
}
