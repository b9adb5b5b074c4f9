// `planexec test [pipeline…]`: run every pipeline test offline from its recording, one line per test
// on stdout, then `N passed, N failed`; `--junit <file>` also writes JUnit XML. Exit 1 when one failed.

import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkPipelineSource } from '../pipeline/load-pipeline.ts';
import { missingTestRecordings } from '../pipeline/pipeline-tests.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { renderJunitReport } from '../report/junit-report.ts';
import { runPipelineTest, type TestVerdict } from '../run/run-pipeline-test.ts';
import { DiagnosticError, type Diagnostic } from '../source/diagnostic.ts';
import { visibleLines, visibleText } from '../source/visible-text.ts';
import { isTopLevelSequence, readYamlSource } from '../source/yaml-source.ts';
import { exitCode, UsageError } from './cli-io.ts';
import { handleInterrupts } from './interrupts.ts';

/** Where `planexec test` with no files looks: the folder `planexec init` writes pipelines to. */
const GALLERY_DIR = 'pipelines';

interface TestFlags {
  readonly junit?: string;
}

export async function testCommand(files: readonly string[], flags: TestFlags): Promise<number> {
  const cwd = process.cwd();
  const pipelines = await loadTestedPipelines(files.length > 0 ? files : discoverPipelines(cwd), files.length === 0, cwd);
  const interrupts = handleInterrupts();
  const verdicts: TestVerdict[] = [];
  try {
    for (const pipeline of pipelines) {
      for (const test of pipeline.tests ?? []) {
        const verdict = await runPipelineTest(pipeline, test, { cwd, signal: interrupts.signal });
        if (verdict.status === 'interrupted') return exitCode.interrupted;
        verdicts.push(verdict);
        process.stdout.write(`${verdictLine(verdict)}\n`);
        if (verdict.stale) process.stderr.write(`${visibleLines(verdict.stale.detail)}\n`);
      }
    }
  } finally {
    interrupts.release();
  }
  const failed = verdicts.filter((v) => !v.passed).length;
  process.stdout.write(`${verdicts.length - failed} passed, ${failed} failed\n`);
  if (flags.junit !== undefined) await writeJunit(path.resolve(cwd, flags.junit), verdicts);
  return failed > 0 ? exitCode.runFailed : exitCode.ok;
}

function verdictLine(verdict: TestVerdict): string {
  const title = visibleText(`${verdict.pipeline} › ${verdict.name}`);
  if (verdict.passed) return `ok   ${title} (${verdict.llmCalls} model call${verdict.llmCalls === 1 ? '' : 's'})`;
  return `FAIL ${title}: ${visibleText(verdict.problems.join('; '))} (${verdict.file}:${verdict.line})`;
}

/** Every pipeline file directly in pipelines/ (tool files and the project config are not pipelines). */
function discoverPipelines(cwd: string): string[] {
  const dir = path.join(cwd, GALLERY_DIR);
  if (!existsSync(dir)) throw new UsageError(`no pipeline given and no ${GALLERY_DIR}/ folder here; name the pipelines to test: planexec test <pipeline.yaml>…`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name) && !/^planexec\.config\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(GALLERY_DIR, entry.name))
    .sort();
}

/** The pipelines with their tests, every problem of every file at once (exit 2), recordings checked. */
async function loadTestedPipelines(files: readonly string[], discovered: boolean, cwd: string): Promise<Pipeline[]> {
  const problems: Diagnostic[] = [];
  const pipelines: Pipeline[] = [];
  const untested: string[] = [];
  for (const file of files) {
    const source = await readYamlSource(file, cwd);
    if (discovered && source.parsed && isTopLevelSequence(source)) continue;
    const checked = await checkPipelineSource(source, { cwd });
    problems.push(...checked.diagnostics.filter((d) => d.severity === 'error'), ...missingTestRecordings(source, checked.pipeline?.model.replay));
    if (checked.pipeline === undefined) continue;
    if (checked.pipeline.tests === undefined) untested.push(source.displayPath);
    else pipelines.push(checked.pipeline);
  }
  if (problems.length > 0) throw new DiagnosticError(problems);
  if (!discovered && untested.length > 0) throw new UsageError(`${untested.join(', ')} declare${untested.length === 1 ? 's' : ''} no tests: add a tests: list (see planexec test --help)`);
  if (pipelines.length === 0) throw new UsageError(`no pipeline in ${GALLERY_DIR}/ declares tests: add a tests: list to one, or name the pipelines to test`);
  return pipelines;
}

async function writeJunit(file: string, verdicts: readonly TestVerdict[]): Promise<void> {
  const xml = renderJunitReport(verdicts.map((v) => ({ ...v, ...(v.stale ? { detail: v.stale.detail } : {}) })));
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, xml);
  } catch (error) {
    throw new UsageError(`cannot write the JUnit report ${path.relative(process.cwd(), file) || file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
