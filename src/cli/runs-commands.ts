// `planexec runs`, `planexec show <id>`: the run store from the command line. They read the store
// and nothing else, so they load neither the pipeline loader nor the run loop (resume-command.ts does).

import path from 'node:path';
import { formatRunMarkdown, formatRunsTable, formatRunTree, summarizeRun } from '../report/run-report.ts';
import { listRunIds } from '../store/read-run.ts';
import { defaultRunsRoot } from '../store/run-store.ts';
import { visibleJson, visibleText } from '../source/visible-text.ts';
import { CommandLineError, exitCode, jsonOrFormat } from './cli-io.ts';
import { readRecord, resolveStoredRunId } from './stored-run.ts';

export async function runsCommand(flags: { readonly json?: boolean; readonly limit?: string }): Promise<number> {
  const root = defaultRunsRoot(process.cwd());
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new CommandLineError(`--limit expects a whole number of at least 1, got "${flags.limit}"`);
  const rows = listRunIds(root, limit)
    .flatMap((id) => {
      // One damaged run folder must not hide the others.
      try {
        return [summarizeRun(readRecord(root, id))];
      } catch (error) {
        process.stderr.write(`warning: run ${id} cannot be read: ${visibleText(error instanceof Error ? error.message : String(error))}\n`);
        return [];
      }
    });
  if (flags.json) process.stdout.write(`${visibleJson(rows, 2)}\n`);
  else if (rows.length === 0) process.stderr.write(`no runs yet (they are kept in ${path.relative(process.cwd(), root) || root})\n`);
  else process.stdout.write(`${formatRunsTable(rows)}\n`);
  return exitCode.ok;
}

export async function showCommand(given: string, flags: { readonly format: string; readonly json?: boolean }): Promise<number> {
  const format = jsonOrFormat(flags, 'tree');
  const root = defaultRunsRoot(process.cwd());
  const record = readRecord(root, resolveStoredRunId(root, given));
  switch (format) {
    case 'tree':
      process.stdout.write(formatRunTree(record));
      return exitCode.ok;
    case 'markdown':
      process.stdout.write(formatRunMarkdown(record));
      return exitCode.ok;
    case 'json': {
      // The calls resume may reuse repeat what the plans' records already show.
      const { finishedCalls: _calls, ...shown } = record;
      process.stdout.write(`${visibleJson({ ...shown, plans: record.plans.map((plan) => ({ ...plan, records: Object.fromEntries(plan.records) })) }, 2)}\n`);
      return exitCode.ok;
    }
    default:
      throw new CommandLineError(`--format must be one of tree, json, markdown, got "${flags.format}"`);
  }
}
