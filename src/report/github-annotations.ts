// GitHub annotations (`::error file=…,line=…::message`) for a run's problems: every diagnostic of
// a pipeline, tool or config file at its position, and a failed step at its tool's declaration.

import path from 'node:path';
import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly title?: string;
  /** Relative to the repository root, with `/` separators, so GitHub can show it on the file. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

export interface AnnotationPaths {
  /** The folder the file paths of diagnostics are relative to (the run's working directory). */
  readonly cwd: string;
  /** The repository root (GITHUB_WORKSPACE). */
  readonly workspace: string;
}

/**
 * A diagnostic's file as GitHub wants it, or undefined when it names no file or one that is not the
 * repository's own: outside the workspace, or inside an installed package (node_modules/), where
 * GitHub has nothing to show the annotation on.
 */
function annotationFile(file: string, paths: AnnotationPaths): string | undefined {
  if (file === '' || file === '.') return undefined;
  const absolute = path.resolve(paths.cwd, file);
  const relative = path.relative(paths.workspace, absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  if (!inside || relative.split(path.sep).includes('node_modules')) return undefined;
  return relative.split(path.sep).join('/');
}

function at(position: SourcePosition, paths: AnnotationPaths): Pick<Annotation, 'file' | 'line' | 'col'> {
  const file = annotationFile(position.file, paths);
  return file === undefined ? {} : { file, line: position.line, col: position.col };
}

export function diagnosticAnnotation(diagnostic: Diagnostic, paths: AnnotationPaths): Annotation {
  const placed = at(diagnostic, paths);
  // Not placed on a file: the message itself says where.
  const where = placed.file === undefined && diagnostic.file !== '' && diagnostic.file !== '.' ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.col}: ` : '';
  return {
    level: diagnostic.severity,
    message: `${where}${diagnostic.message}`,
    title: `planexec: ${diagnostic.severity === 'error' ? 'invalid' : 'check'} ${path.basename(diagnostic.file) || 'file'}`,
    ...placed,
  };
}

/**
 * A failed step, placed on the declaration of the tool it ran when the tool has one. A warning:
 * replanning may still save the run; the run's own failure is annotated as an error at the end.
 */
export function stepFailureAnnotation(
  failure: { readonly planNumber: number; readonly stepId: string; readonly error: string },
  tool: string | undefined,
  toolSource: SourcePosition | undefined,
  paths: AnnotationPaths,
): Annotation {
  return {
    level: 'warning',
    message: failure.error,
    title: `planexec: step ${failure.stepId}${tool ? ` (${tool})` : ''} of plan ${failure.planNumber} failed`,
    ...(toolSource ? at(toolSource, paths) : {}),
  };
}

/** The run's own failure: an error, or a warning when the workflow lets the step pass (fail-on-error: false). */
export function runFailureAnnotation(
  run: { readonly pipeline: string; readonly status: string; readonly error: string },
  level: 'error' | 'warning',
  toolSource: SourcePosition | undefined,
  paths: AnnotationPaths,
): Annotation {
  return { level, message: run.error, title: `planexec: ${run.pipeline} ${run.status}`, ...(toolSource ? at(toolSource, paths) : {}) };
}
