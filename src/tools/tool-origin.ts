// Where a tool comes from, as its user knows it: the file they declared it in, or, for a tool of an
// installed package (planexec's tool library under node_modules/), the `use:` line of their own file
// that imported it. Messages and annotations name that, never a path inside an installed package.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourcePosition } from '../source/diagnostic.ts';
import type { ToolBase } from './tool-base.ts';

type ToolWithOrigin = Pick<ToolBase, 'name' | 'source' | 'importedAt'>;

/** The path's last `node_modules/<package>` part, when the path lies inside an installed package. */
export function installedPackageOf(file: string): { readonly name: string; readonly inside: string } | undefined {
  const parts = file.split(/[\\/]+/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const scoped = parts[at + 1]!.startsWith('@');
  const nameParts = parts.slice(at + 1, at + (scoped ? 3 : 2));
  return { name: nameParts.join('/'), inside: parts.slice(at + 1 + nameParts.length).join('/') };
}

/**
 * Whether a declaration's file is one of the user's: not inside an installed package, and inside the
 * working directory (positions name files outside it by their absolute path, e.g. an Action's own
 * checkout under _actions/).
 */
function isUsersFile(file: string): boolean {
  return installedPackageOf(file) === undefined && !path.isAbsolute(file);
}

/** The position in the user's own files that declares or imports the tool; undefined when there is none. */
export function userDeclarationOf(tool: ToolWithOrigin): SourcePosition | undefined {
  if (tool.source === undefined) return undefined;
  if (isUsersFile(tool.source.file)) return tool.source;
  if (tool.importedAt !== undefined && isUsersFile(tool.importedAt.file)) return tool.importedAt;
  // No better place than the declaration itself, unless it lies inside an installed package.
  return installedPackageOf(tool.source.file) === undefined ? tool.source : undefined;
}

/**
 * `tool "read_text" (tools/fs.yaml:12:3)`, or for a tool of an installed package
 * `tool "read_file" (planexec's tools/fs.yaml, imported at pipelines/notes.yaml:7:5)`.
 */
export function describeToolOrigin(tool: ToolWithOrigin): string {
  const name = `tool ${JSON.stringify(tool.name)}`;
  if (tool.source === undefined) return name;
  const installed = installedPackageOf(tool.source.file);
  const user = userDeclarationOf(tool);
  const imported = user !== undefined && user !== tool.source ? `, imported at ${at(user)}` : '';
  if (installed === undefined) return `${name} (${at(tool.source)}${imported})`;
  return `${name} (${installed.name}'s ${installed.inside}${imported})`;
}

/** A message with every path into an installed package's folder written as `<package>/<path inside>`. */
export function withoutPackagePaths(message: string, file: string): string {
  const installed = installedPackageOf(file);
  if (installed === undefined) return message;
  const parts = file.split(/[\\/]+/);
  const root = parts.slice(0, parts.lastIndexOf('node_modules') + 1 + installed.name.split('/').length).join(path.sep);
  // The runner imports modules with a ?version= query (run-module.ts): it goes with the URL.
  const url = new RegExp(`${escapeRegExp(pathToFileURL(root).href)}([^\\s'"?]*)(?:\\?version=[\\d.-]+)?`, 'g');
  return message.replace(url, (_, rest: string) => `${installed.name}${rest}`).split(root).join(installed.name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function at(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.col}`;
}
