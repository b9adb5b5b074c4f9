// Problems found in a file, carried as values with a source position so that every problem
// in a file can be reported at once, compiler-style: `path/to/file.yaml:12:5 error: message`.

export interface SourcePosition {
  /** Path as the user should see it (relative to the working directory when possible). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export interface Diagnostic extends SourcePosition {
  readonly severity: 'error' | 'warning';
  /** The whole message, hint included, as printed. */
  readonly message: string;
  /** What to do, when planexec knows it (the end of `message` too), e.g. `use {{args.dir}}`. */
  readonly hint?: string;
  /** A replacement that fixes the problem: the text from line:col up to `end` (exclusive) becomes `text`. */
  readonly fix?: { readonly text: string; readonly end: { readonly line: number; readonly col: number } };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.severity}: ${d.message}`;
}

/** Thrown when a file (pipeline, tool file, config, replay recording) is unusable; carries every problem found. */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = diagnostics;
  }
}
