// Run the committed GitHub Action bundle the way a runner does: `node action/dist/index.mjs` in the
// workspace, inputs as INPUT_* variables, real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './run-cli.ts';

export const bundleFile = path.join(repoRoot, 'action/dist/index.mjs');
/** The Action's entry in src/, run as the bundle would be (Node strips the types). */
export const actionSourceEntry = path.join(repoRoot, 'src/action/main.ts');

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Parsed from GITHUB_OUTPUT. */
  readonly outputs: Readonly<Record<string, string>>;
  /** GITHUB_OUTPUT as written. */
  readonly outputFile: string;
  readonly summary: string;
}

/** `inputs` are the `with:` values by their action.yml names; `env` is added to a clean environment; `entry`: the bundle unless given. */
export async function runBundledAction(workspace: string, inputs: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = {}, entry: string = bundleFile): Promise<ActionRun> {
  const outputPath = path.join(workspace, '.github-output');
  const summaryPath = path.join(workspace, '.github-step-summary');
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      cwd: workspace,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, ...inputEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: exit, stdout: out, stderr: err });
    });
  });
  const outputFile = await readFile(outputPath, 'utf8');
  return { code, stdout, stderr, outputs: parseOutputFile(outputFile), outputFile, summary: await readFile(summaryPath, 'utf8') };
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks, as @actions/core writes them. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1]!] = match[3]!;
  return outputs;
}
