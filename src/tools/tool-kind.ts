// What a tool kind tells the rest of planexec, in one interface: how it is declared and checked, how
// it runs, and the few facts other stages need about it (secrets, paths, streaming, identity,
// retries, workers). tool-kinds.ts holds one of these per kind, so a missing piece is a type error.

import type { Diagnostic } from '../source/diagnostic.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import type { ToolRunner } from './tool-call.ts';
import type { DeclaredToolSpec, RetryPolicy, ToolSpec } from './tool-spec.ts';

export interface ToolKind<T extends ToolSpec> {
  /** How a pipeline declares a tool of this kind; undefined for a kind that is only built in (llm). */
  readonly declaration: T extends DeclaredToolSpec ? KindDeclaration<T> : undefined;
  /** One call: arguments already checked against the tool's schema and, where it has paths, the workspace. */
  readonly run: ToolRunner<T>;
  /** The templates in which `{{secrets.NAME}}` may appear (a command's env values, an http tool's headers). */
  secretTemplates(tool: T): readonly string[];
  /** The templates that may read `{{env.NAME}}`, the older spelling of a secret (an http tool's headers). */
  envTemplates(tool: T): readonly string[];
  /** Where relative `format: path` arguments are read from. */
  pathBase(tool: T): PathBase;
  /** Problems of a step's arguments, as the plan wrote them, that only this kind has (an argv option). */
  argumentProblems(tool: T, args: Readonly<Record<string, unknown>>): readonly KindArgumentProblem[];
  /**
   * Why a step of this tool waits for the whole plan while the plan still streams, as the end of a
   * sentence starting `tool "name" …`; undefined when it need not. Only asked when the tool itself
   * says neither `confirm` nor `sideEffects`.
   */
  streamHold(tool: T): string | undefined;
  /** What the pipeline's identity hash adds for this tool beyond its declaration (a module's source). */
  identity(tool: T): Buffer | string | undefined;
  /** Retries of a call after a transient failure. */
  retries(tool: T): RetryPolicy | undefined;
  /** false: steps always run on the coordinator, never on a worker (llm needs the run's own model client). */
  readonly runsOnWorker: boolean;
}

/** The declaring side of a kind: which field marks it, its checks beyond the schema, its typed fields. */
export interface KindDeclaration<T extends DeclaredToolSpec> {
  /** The field that makes a declaration this kind (`url`, `module`, `command`), as the tool schema tells them apart. */
  readonly field: string;
  /** Problems of a schema-checked declaration that its schema cannot see (templates, hosts, files). */
  check(context: ToolCheckContext): Diagnostic[];
  /** The kind's own fields of the typed tool, from a declaration without errors. */
  fields(context: ToolCheckContext): KindFields<T>;
}

/** What a declaration check converts beyond the fields every declared tool has. */
export type KindFields<T extends DeclaredToolSpec> = Omit<T, 'name' | 'description' | 'args' | 'output' | 'source' | 'timeoutMs' | 'retries'>;

/** One schema-checked tool declaration, as the per-kind checks see it. */
export interface ToolCheckContext {
  readonly source: YamlSource;
  /** Path of the declaration in its file, e.g. ['tools', 3] or [0]. */
  readonly at: InstancePath;
  readonly raw: Readonly<Record<string, unknown>>;
  /** Names declared under `args.properties`. */
  readonly argNames: readonly string[];
  /** False when the schema already reported a problem at or below this field. */
  readonly fieldOk: (field: string) => boolean;
}

/** Where a kind reads relative `format: path` arguments from. */
type PathBase =
  /** The workspace (the directory planexec runs in). */
  | { readonly kind: 'workspace' }
  /** A directory of the tool's own (a command's `cwd`). */
  | { readonly kind: 'directory'; readonly path: string }
  /** Nowhere: the kind's arguments are never files, so none is confined to the workspace. */
  | { readonly kind: 'none' };

/** A plan-time problem of a step's arguments found by a kind (as a plan problem, with the step's label added). */
interface KindArgumentProblem {
  readonly code: 'option-like-argument' | 'url-path-argument';
  readonly message: string;
}
