// `planexec init [name]`: write a starter pipeline that validates and runs offline, plus
// planexec.config.yaml when the project has none. Never overwrites a file.

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProjectConfig } from '../config/load-config.ts';
import { createRecordingClient } from '../llm/recording.ts';
import type { LlmClient } from '../llm/types.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import { findProjectRoot } from '../store/find-project-root.ts';
import { CommandLineError, exitCode, printError } from './cli-io.ts';
import { ignoreStateFolder } from './ignore-state-folder.ts';
import { planexecInvocation } from './planexec-invocation.ts';
import { starterAnswers, starterFiles } from './starter-files.ts';

interface InitFlags {
  readonly dir: string;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export async function initCommand(name: string | undefined, flags: InitFlags): Promise<number> {
  const cwd = process.cwd();
  const pipelineName = name ?? 'my-pipeline';
  if (!namePattern.test(pipelineName)) {
    throw new CommandLineError(`the pipeline name "${pipelineName}" must be letters, digits, - and _ (it becomes the file name ${pipelineName}.yaml)`);
  }
  const dir = flags.dir.replace(/\/+$/, '') || '.';
  if (path.isAbsolute(dir) || dir.split(/[\\/]/).includes('..')) throw new CommandLineError(`--dir must be a folder inside this one, got "${flags.dir}"`);

  const schemas = schemasFolder(cwd);
  // Relative when the schemas are in the project (node_modules/planexec); otherwise absolute, since a
  // path climbing out of the project would be just as machine-specific and harder to read.
  const inProject = !path.relative(cwd, schemas).startsWith('..');
  const reference = (from: string) => (inProject ? path.relative(from, schemas).split(path.sep).join('/') : schemas);
  const files = starterFiles({ name: pipelineName, dir, schemasFromPipeline: reference(path.resolve(cwd, dir)), schemasFromRoot: reference(cwd) });
  const targets = [files.pipeline.path, files.data.path, files.recording];
  const existing = targets.filter((file) => existsSync(path.resolve(cwd, file)));
  if (existing.length > 0) {
    const list = existing.join(', ');
    printError(`${list} already exist${existing.length === 1 ? 's' : ''}; planexec init never overwrites a file (choose another name: planexec init <name>)`);
    return exitCode.invalidInput;
  }
  const hasConfig = (await loadProjectConfig(cwd)) !== undefined;

  const created: string[] = [];
  const create = async (file: string, text: string) => {
    const absolute = path.resolve(cwd, file);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, text, { flag: 'wx' }); // 'wx': fail rather than replace a file that appeared meanwhile
    created.push(file);
  };
  // Leave nothing half-made behind.
  const undo = () => Promise.all([...created, files.recording].map((file) => rm(path.resolve(cwd, file), { force: true })));
  let failure: string | undefined;
  try {
    if (!hasConfig) await create('planexec.config.yaml', files.config);
    await create(files.pipeline.path, files.pipeline.text);
    await create(files.data.path, files.data.text);
    failure = await recordStarter(pipelineName, path.resolve(cwd, files.pipeline.path), path.resolve(cwd, files.recording), cwd);
  } catch (error) {
    await undo();
    throw error;
  }
  if (failure !== undefined) {
    await undo();
    printError(`the starter pipeline did not run, so nothing was written: ${failure}`);
    return exitCode.runFailed;
  }
  created.push(files.recording);

  for (const file of created) process.stderr.write(`created ${file}${file === files.recording ? ' (the model answers it replays, so it runs offline)' : ''}\n`);
  await ignoreRunStore(cwd);
  process.stderr.write(`\nnext: ${planexecInvocation(cwd)} run ${files.pipeline.path}\n`);
  return exitCode.ok;
}

/**
 * `.planexec/` into the .gitignore of the folder the run store will be in (the project root, which
 * the config just written may have made this folder). A .gitignore that cannot be written costs a
 * warning, not the starter just made.
 */
async function ignoreRunStore(cwd: string): Promise<void> {
  const root = findProjectRoot(cwd);
  const shown = path.relative(cwd, path.join(root, '.gitignore')) || '.gitignore';
  try {
    const done = await ignoreStateFolder(root);
    if (done === 'created') process.stderr.write(`created ${shown} (ignores .planexec/, where runs are kept)\n`);
    if (done === 'updated') process.stderr.write(`added .planexec/ to ${shown} (where runs are kept)\n`);
  } catch (error) {
    process.stderr.write(`warning: could not add .planexec/ to ${shown}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/**
 * Runs the starter once against its scripted answers, recording the exchanges, so the recording matches
 * this version's prompts. Returns why the run failed, if it did.
 */
async function recordStarter(name: string, pipelineFile: string, recordingFile: string, cwd: string): Promise<string | undefined> {
  const { plan, answer } = starterAnswers(name);
  const scripted: LlmClient = {
    async complete(request) {
      const text = request.purpose === 'tool' ? answer : plan;
      const promptChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
      return { text, usage: { promptTokens: Math.ceil(promptChars / 4), completionTokens: Math.ceil(text.length / 4) } };
    },
  };
  const config = await loadProjectConfig(cwd);
  const pipeline = await loadPipeline(pipelineFile, { cwd, ...(config ? { config } : {}) });
  const outcome = await runPipeline(pipeline, { llm: createRecordingClient(scripted, recordingFile), cwd });
  return outcome.status === 'succeeded' ? undefined : `${outcome.status}: ${outcome.error ?? 'no details'}`;
}

/** planexec's schemas: the project's installed copy when there is one, else the ones next to this code. */
function schemasFolder(cwd: string): string {
  const installed = path.join(cwd, 'node_modules', 'planexec', 'schemas');
  if (existsSync(path.join(installed, 'pipeline.schema.json'))) return installed;
  return path.resolve(import.meta.dirname, '../../schemas');
}
