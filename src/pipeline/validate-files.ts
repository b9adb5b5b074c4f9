// `planexec validate <file>…`: every problem in pipeline, tool and config files, without a model.

import path from 'node:path';
import { CONFIG_FILE_NAMES, checkProjectConfigSource } from '../config/load-config.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { formatDiagnostic } from '../source/diagnostic.ts';
import { existsSync } from 'node:fs';
import { diagnosticAt, isTopLevelSequence, readYamlSource, type YamlSource } from '../source/yaml-source.ts';
import { checkPipelineSource } from './load-pipeline.ts';
import { missingTestRecordings } from './pipeline-tests.ts';
import { shortSecretDiagnostics } from './secrets.ts';
import { checkToolFileSource } from './tool-file.ts';

/**
 * Problems (errors and warnings) in each file, in the order given. The kind of file is decided by
 * its name (planexec.config.yaml/.yml is a config) and shape (a top-level list is a tool file);
 * anything else is a pipeline, checked with its tool files and prompts but without project config,
 * and warned about when `env` sets one of its secrets (or the API key) too short to be masked.
 */
export async function validateFiles(paths: readonly string[], cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<Diagnostic[]> {
  const all: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const file of paths) {
    const source = await readYamlSource(file, cwd);
    let diagnostics: readonly Diagnostic[];
    if (CONFIG_FILE_NAMES.includes(path.basename(source.file))) diagnostics = checkProjectConfigSource(source).diagnostics;
    else if (isTopLevelSequence(source)) diagnostics = checkToolFileSource(source).diagnostics;
    else {
      const checked = await checkPipelineSource(source, { cwd, config: null });
      const short = checked.pipeline ? shortSecretDiagnostics(source, checked.pipeline, env) : [];
      diagnostics = [...checked.diagnostics, ...missingReplay(source, checked.pipeline?.model.replay), ...missingTestRecordings(source), ...short];
    }
    // A tool file given on the command line and imported by a pipeline given too is reported once.
    for (const d of diagnostics) {
      const key = formatDiagnostic(d);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(d);
    }
  }
  return all;
}

/** A pipeline that replays a recording that is not there: a run would stop (unless --record). */
function missingReplay(source: YamlSource, replay: string | undefined): Diagnostic[] {
  if (replay === undefined || existsSync(replay)) return [];
  return [diagnosticAt(source, ['model', 'replay'], `the replay file ${path.relative(process.cwd(), replay) || replay} does not exist; record it with planexec run --record <file>`, { severity: 'warning' })];
}
