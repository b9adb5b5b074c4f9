// The action's `with:` values, read once and checked here; the rest of the action trusts them.

import type { ReplanStrategyName } from '../pipeline/types.ts';
import { replanStrategyNames } from '../replan/replan-strategies.ts';
import type { InputValue } from '../run/resolve-inputs.ts';
import { ActionInputError } from './action-input-error.ts';
import { parseRunInputs } from './parse-run-inputs.ts';

export interface ActionInputs {
  /** The pipeline file, relative to `workingDirectory`. */
  readonly pipeline: string;
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly strategy?: ReplanStrategyName;
  readonly concurrency?: number;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly workingDirectory: string;
  readonly failOnError: boolean;
  /** A plan file (planexec plan --out) to run with no planning call, relative to `workingDirectory`. */
  readonly plan?: string;
  /** Approve plans that need approval (pipeline approve: true, tools with confirm: true): the workflow author's decision. */
  readonly approve: boolean;
  /** A batch over data: the data file (JSONL or CSV) and the results file, relative to workingDirectory. */
  readonly batch?: { readonly data: string; readonly out: string };
}

/** Every input action.yml declares (a test keeps the two in step). */
export const actionInputNames = ['pipeline', 'inputs', 'strategy', 'concurrency', 'model', 'base-url', 'working-directory', 'fail-on-error', 'approve', 'plan', 'data', 'out'] as const;
type ActionInputName = (typeof actionInputNames)[number];

/** Reads one input as the runner passes it (`core.getInput`: trimmed, '' when not given). */
type ReadInput = (name: ActionInputName) => string;

/** Every input, checked; throws ActionInputError listing every problem at once. */
export function readActionInputs(read: ReadInput): ActionInputs {
  const problems: string[] = [];
  const check = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ActionInputError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };

  const pipeline = read('pipeline');
  if (pipeline === '') problems.push('pipeline: required; set it to the pipeline file, e.g. pipeline: pipelines/triage.yaml');
  const inputs = check(() => parseRunInputs(read('inputs'))) ?? {};
  const strategy = check(() => parseStrategy(read('strategy')));
  const concurrency = check(() => parseConcurrency(read('concurrency')));
  const failOnError = check(() => parseBoolean('fail-on-error', read('fail-on-error'), true)) ?? true;
  const approve = check(() => parseBoolean('approve', read('approve'), false)) ?? false;
  const data = read('data');
  const out = read('out');
  if (data === '' && out !== '') problems.push('out: goes with data (the results file of a batch over a data file); set data too, or leave out out');
  if (problems.length > 0) throw new ActionInputError(problems.join('\n'));

  const model = read('model');
  const baseUrl = read('base-url');
  const plan = read('plan');
  return {
    pipeline,
    inputs,
    ...(strategy ? { strategy } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(model ? { model } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(plan ? { plan } : {}),
    workingDirectory: read('working-directory') || '.',
    failOnError,
    approve,
    ...(data ? { batch: { data, out: out || 'results.jsonl' } } : {}),
  };
}

function parseStrategy(value: string): ReplanStrategyName | undefined {
  if (value === '') return undefined;
  if (!replanStrategyNames.includes(value as ReplanStrategyName)) throw new ActionInputError(`strategy: must be one of ${replanStrategyNames.join(', ')}, got "${value}"`);
  return value as ReplanStrategyName;
}

function parseConcurrency(value: string): number | undefined {
  if (value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new ActionInputError(`concurrency: must be a whole number of at least 1, got "${value}"`);
  return number;
}

/** The YAML 1.2 core booleans, as `core.getBooleanInput` reads them. */
function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError(`${name}: must be true or false, got "${value}"`);
}
