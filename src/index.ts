// The planexec library API: load a pipeline, plan it, run it, and watch its events.

export { loadPipeline, type LoadPipelineOptions } from './pipeline/load-pipeline.ts';
export { validateFiles } from './pipeline/validate-files.ts';
export { loadProjectConfig, type ProjectConfig } from './config/load-config.ts';
export type { Pipeline, ToolSpec, CommandTool, HttpTool, ModuleTool, LlmTool, ModelSettings } from './pipeline/types.ts';
export { DiagnosticError, formatDiagnostic, type Diagnostic } from './source/diagnostic.ts';

export { createLlmClient, type ClientChoice } from './llm/create-client.ts';
export { createOpenAiClient } from './llm/openai-client.ts';
export { EndpointSetupError, ollamaBaseUrl } from './llm/resolve-endpoint.ts';
export { createRecordingClient, createReplayClient } from './llm/recording.ts';
export { LlmError, type LlmClient, type ModelProvider, type CompletionRequest, type CompletionResult, type CompletionStream, type ChatMessage, type TokenUsage } from './llm/types.ts';

export { compilePlan, type CompileOptions } from './plan/compile-plan.ts';
export type { StepGraph, CompiledStep, PlanProblem, PlanProblemCode, CompileResult, PlanLimits } from './plan/plan-types.ts';
export { acceptsOnlyTrusted, type TrustLabels, type TrustTrace } from './plan/data-flow.ts';
export type { PolicySettings, UntrustedFlowPolicy } from './pipeline/types.ts';
export { renderGraph, type GraphFormat } from './report/render-graph.ts';

export { runPipeline } from './run/run-pipeline.ts';
export { resumeRun } from './run/resume-run.ts';
export { runDataBatch, type BatchRunOptions, type BatchOutcome } from './batch/run-data-batch.ts';
export { DataFileError } from './batch/read-data-rows.ts';
export type { BatchTotals } from './batch/batch-totals.ts';
export type { BatchEvent, RowResult } from './batch/run-batch.ts';
export type { RunOptions, ResumeOptions, PlanOptions, ApprovePlan } from './run/options.ts';
export { RunError, type RunOutcome } from './run/outcome.ts';
export type { ExitCode } from './run/exit-codes.ts';
export { foldRun, type RunRecord, type PlanRecord, type StepRecord, type StepStatus } from './store/fold-run.ts';
export { readRunEvents, listRunIds, RunStoreError, type RunEvents } from './store/read-run.ts';
export { defaultRunsRoot } from './store/run-store.ts';
export { findProjectRoot } from './store/find-project-root.ts';
export { resolveRunId } from './store/resolve-run-id.ts';
export { runWorkspace } from './store/run-workspace.ts';
export { createRedactor, secretValuesOf } from './pipeline/secrets.ts';
export { redactingLlm, MissingSecretError } from './run/redact-secrets.ts';
export { planPipeline, type PlanningOutcome } from './run/plan-pipeline.ts';
export { formatPlanFile, readPlanFile, type PlanFile } from './run/read-plan-file.ts';
export { loadFixedPlan } from './run/load-fixed-plan.ts';
export { compileStaticPlan, type StaticPlanResult, type StaticPlanSource } from './run/compile-static-plan.ts';
export type { RunEvent, RunEventKind, EventSink, UsageTotals, RunStatus } from './events/run-events.ts';
export { InputError, type InputValue } from './run/resolve-inputs.ts';
export { runPipelineTest, type TestVerdict, type PipelineTestOptions } from './run/run-pipeline-test.ts';
export type { PipelineTest, TestExpectation, TestResultCheck } from './pipeline/types.ts';
export { renderJunitReport, type JunitCase } from './report/junit-report.ts';
