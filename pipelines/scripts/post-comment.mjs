// post_comment for pipelines/injected-issue.yaml: stands in for posting a comment on an issue (a
// POST to the GitHub API) by appending it to out/comments/issue-<n>.md, so the example runs offline.

import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * @param {{ issue: number, body: string }} args
 * @param {{ cwd: string }} context
 */
export async function postComment(args, context) {
  const folder = path.join(context.cwd, 'out', 'comments');
  await mkdir(folder, { recursive: true });
  await appendFile(path.join(folder, `issue-${args.issue}.md`), `${args.body.trim()}\n\n---\n\n`);
  return `posted a comment on issue #${args.issue} (${Buffer.byteLength(args.body)} bytes)`;
}
