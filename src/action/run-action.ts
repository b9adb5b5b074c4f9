// The GitHub Action: read the `with:` inputs, run the pipeline in the working directory, and report
// the run the GitHub way — outputs, a grouped log with annotations, and the step summary.

import path from 'node:path';
import * as core from '@actions/core';
import { createLlmClient, DiagnosticError, EndpointSetupError, formatDiagnostic, LlmError, loadPipeline, loadProjectConfig, runPipeline, type Diagnostic, type LlmClient, type Pipeline, type RunEvent, type RunOutcome } from '../index.ts';
import { secretValuesOf, shortSecrets, shortSecretWarning } from '../pipeline/secrets.ts';
import { diagnosticAnnotation, runFailureAnnotation, type AnnotationPaths } from '../report/github-annotations.ts';
import { renderProblemSummary, renderRunSummary, type SummarySubject } from '../report/github-summary.ts';
import { MissingSecretError, redactingLlm, secretRedactor, type Redactor } from '../run/redact-secrets.ts';
import { exitCodes } from '../run/exit-codes.ts';
import { userDeclarationOf } from '../tools/tool-origin.ts';
import { loadFixedPlan } from '../run/load-fixed-plan.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { unavailableLlm } from '../llm/unavailable-client.ts';
import { defaultPlanCacheDir, defaultRunsRoot } from '../store/run-store.ts';
import { ActionInputError } from './action-input-error.ts';
import { readActionInputs, type ActionInputs } from './action-inputs.ts';
import { actionLogLines, annotate, createActionLog } from './log-run-events.ts';
import { runActionBatch } from './run-action-batch.ts';
import { maskValues } from './mask-secrets.ts';

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const masked = new Set<string>();
  // The default key variable is masked before anything is printed; the pipeline's own apiKeyEnv and
  // secrets follow as soon as the pipeline is read (reading it prints nothing).
  maskValues([env['OPENAI_API_KEY'], env['AZURE_OPENAI_API_KEY']], core.setSecret, masked);

  let inputs: ActionInputs;
  try {
    inputs = readActionInputs((name) => core.getInput(name));
  } catch (error) {
    if (error instanceof ActionInputError) return stopBeforeRun(error.message.split('\n'));
    throw error;
  }

  const workspace = path.resolve(env['GITHUB_WORKSPACE'] ?? process.cwd());
  const cwd = path.resolve(workspace, inputs.workingDirectory);
  try {
    // The run store (.planexec/runs/) and every relative path of the pipeline land here.
    process.chdir(cwd);
  } catch {
    return stopBeforeRun([`working-directory: ${inputs.workingDirectory} is not a directory (${cwd})`]);
  }
  const paths: AnnotationPaths = { cwd, workspace };

  let pipeline: Pipeline;
  let configWarnings: readonly Diagnostic[] = [];
  try {
    const config = await loadProjectConfig(cwd);
    configWarnings = config?.warnings ?? [];
    pipeline = await loadPipeline(inputs.pipeline, { cwd, ...(config ? { config } : {}) });
  } catch (error) {
    if (error instanceof DiagnosticError) return stopForDiagnostics(error.diagnostics, paths, { pipelineFile: inputs.pipeline });
    throw error;
  }
  maskValues(secretValuesOf(pipeline, env), core.setSecret, masked);
  for (const warning of [...configWarnings, ...(pipeline.warnings ?? [])]) annotate(core, diagnosticAnnotation(warning, paths));
  for (const short of shortSecrets(pipeline, env)) annotate(core, { level: 'warning', title: 'planexec: secret too short to mask', message: shortSecretWarning(short) });
  const subject: SummarySubject = {
    pipelineName: pipeline.name,
    pipelineFile: pipeline.displayPath,
    ...(pipeline.resultFormat ? { resultFormat: pipeline.resultFormat } : {}),
    resultTemplate: pipeline.result !== undefined,
  };

  let fixedPlan: StepGraph | undefined;
  try {
    // A batch compiles the plan file per row, with the row's inputs (runDataBatch's planFile).
    const fixed = inputs.batch ? undefined : await loadFixedPlan(pipeline, inputs.plan, inputs.inputs, cwd);
    if (fixed && !fixed.ok) return stopForDiagnostics(fixed.diagnostics, paths, subject);
    fixedPlan = fixed?.graph;
  } catch (error) {
    if (error instanceof DiagnosticError) return stopForDiagnostics(error.diagnostics, paths, subject);
    throw error;
  }

  let redactor: Redactor;
  let llm: LlmClient;
  const model = { ...pipeline.model, ...(inputs.model ? { name: inputs.model } : {}), ...(inputs.baseUrl ? { baseURL: inputs.baseUrl } : {}) };
  try {
    // Every secret's value (and the API key) becomes *** in prompts, events, the result and errors.
    redactor = secretRedactor(pipeline, env);
    llm = redactingLlm(await createLlmClient(model, { cwd, env }).catch((error: unknown) => {
      // A fixed plan needs a model only to replan (or for llm steps): no endpoint fails those, not the start.
      if ((fixedPlan || (inputs.batch && inputs.plan)) && error instanceof LlmError && error.kind === 'endpoint') return unavailableLlm(error.message);
      throw error;
    }), redactor);
  } catch (error) {
    if (error instanceof DiagnosticError) return stopForDiagnostics(error.diagnostics, paths, subject);
    if (error instanceof MissingSecretError) return stopBeforeRun([error.message], subject);
    if (error instanceof LlmError) return stopBeforeRun([`${error.message}; in a workflow, give ${error instanceof EndpointSetupError && error.variables.length > 1 ? 'them' : 'it'} to this step with \`env: { ${workflowEnv(error, model.apiKeyEnv)} }\``], subject);
    throw error;
  }

  if (inputs.batch) return runActionBatch({ ...pipeline, model }, inputs, inputs.batch, { llm, redactor, cwd, env, subject, paths });

  const events: RunEvent[] = [];
  // Annotations go on the user's own lines: a library tool's `use:`, never a file under node_modules/.
  const toolSource = (tool: string) => {
    const spec = pipeline.tools.find((candidate) => candidate.name === tool);
    return spec === undefined ? undefined : userDeclarationOf(spec);
  };
  const controller = new AbortController();
  // A cancelled workflow sends SIGINT, then SIGTERM: stop the running steps and finish as interrupted.
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome: RunOutcome;
  try {
    outcome = await runPipeline({ ...pipeline, model }, {
      llm,
      inputs: inputs.inputs,
      onEvent: [(event) => events.push(event), createActionLog(core, paths, toolSource)],
      signal: controller.signal,
      cwd,
      env,
      ...(inputs.concurrency ? { concurrency: inputs.concurrency } : {}),
      ...(inputs.strategy ? { strategy: inputs.strategy } : {}),
      store: { root: defaultRunsRoot(cwd) },
      planCacheDir: defaultPlanCacheDir(cwd),
      redact: (event) => redactor.redactValue(event),
      onWarning: (message) => core.warning(message),
      // A workflow has no one to ask: approval is given in the workflow file (approve: true) or not at all.
      ...(inputs.approve ? { approve: async () => true } : {}),
      ...(fixedPlan ? { plan: fixedPlan } : {}),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const result = outcome.result === undefined ? undefined : redactor.redactText(outcome.result);
  const error = outcome.error === undefined ? undefined : redactor.redactText(outcome.error);
  // The run's folder under .planexec/runs/ (empty if this version of the library keeps no store).
  const runId = outcome.runId ?? '';
  setOutputs({ status: outcome.status, result: result ?? '', runId, llmCalls: outcome.usage.llmCalls, tokens: outcome.usage.promptTokens + outcome.usage.completionTokens });
  await writeSummary(renderRunSummary(subject, events, { ...outcome, runId, ...(result !== undefined ? { result } : {}), ...(error !== undefined ? { error } : {}) }));

  if (outcome.status === 'succeeded') {
    core.startGroup('Result');
    for (const line of actionLogLines(result ?? '')) core.info(line);
    core.endGroup();
    return;
  }
  // Input problems always fail the step; a run that failed does so unless fail-on-error is false.
  const fails = outcome.status === 'invalid-input' || inputs.failOnError;
  const tool = outcome.status === 'failed' ? lastFailedTool(events) : undefined;
  annotate(core, runFailureAnnotation({ pipeline: pipeline.name, status: outcome.status, error: error ?? outcome.status }, fails ? 'error' : 'warning', tool ? toolSource(tool) : undefined, paths));
  process.exitCode = fails ? outcome.exitCode : exitCodes.succeeded;
}

/** The `env:` entries a workflow step needs for the variables an endpoint lacks: keys from secrets, the rest from variables. */
function workflowEnv(error: LlmError, apiKeyEnv: string): string {
  const names = error instanceof EndpointSetupError ? error.variables : [apiKeyEnv];
  return names.map((name) => `${name}: \${{ ${name === apiKeyEnv ? 'secrets' : 'vars'}.${name} }}`).join(', ');
}

/** The tool of the step whose failure ended the run. */
function lastFailedTool(events: readonly RunEvent[]): string | undefined {
  const failed = events.findLast((event) => event.kind === 'step-failed');
  if (failed === undefined) return undefined;
  const plan = events.find((event) => event.kind === 'plan-accepted' && event.planNumber === failed.planNumber);
  return plan?.kind === 'plan-accepted' ? plan.steps.find((step) => step.id === failed.stepId)?.tool : undefined;
}

/** Every output action.yml declares (a test keeps the two in step). */
export const actionOutputNames = ['result', 'status', 'run-id', 'llm-calls', 'tokens'] as const;

export function setOutputs(values: { status: string; result: string; runId: string; llmCalls: number; tokens: number }): void {
  const outputs: Record<(typeof actionOutputNames)[number], string> = {
    result: values.result,
    status: values.status,
    'run-id': values.runId,
    'llm-calls': String(values.llmCalls),
    tokens: String(values.tokens),
  };
  for (const name of actionOutputNames) core.setOutput(name, outputs[name]);
}

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write it.
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  await core.summary.addRaw(markdown).write();
}

/** Nothing ran: report the problems, set the outputs a workflow may test, fail the step. */
export async function stopBeforeRun(problems: readonly string[], subject: Partial<SummarySubject> = {}): Promise<void> {
  for (const problem of problems) core.error(problem, { title: 'planexec: invalid input' });
  await finishBeforeRun(problems, subject);
}

export async function stopForDiagnostics(diagnostics: readonly Diagnostic[], paths: AnnotationPaths, subject: Partial<SummarySubject>): Promise<void> {
  for (const diagnostic of diagnostics) annotate(core, diagnosticAnnotation(diagnostic, paths));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  core.info(`${errors} error${errors === 1 ? '' : 's'}`);
  await finishBeforeRun(diagnostics.map(formatDiagnostic), subject);
}

async function finishBeforeRun(problems: readonly string[], subject: Partial<SummarySubject>): Promise<void> {
  setOutputs({ status: 'invalid-input', result: '', runId: '', llmCalls: 0, tokens: 0 });
  await writeSummary(renderProblemSummary(subject, problems));
  // Input problems fail the step whatever fail-on-error says.
  process.exitCode = exitCodes['invalid-input'];
}
