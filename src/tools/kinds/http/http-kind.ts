// The `http` kind: one request to the hosts it allows. Secrets (and `{{env.NAME}}`) reach it only
// through `headers`; a request that may change things (not GET or HEAD) waits for the whole plan.

import type { ToolKind } from '../../tool-kind.ts';
import { checkHttpTool, httpFields } from './check-http-tool.ts';
import type { HttpTool } from './http-tool.ts';
import { urlPathProblem } from './render-http-request.ts';

const referenceStart = '${steps.';

/** The runner, once loaded. */
let runner: typeof import('./run-http.ts').runHttp | undefined;

export const httpKind: ToolKind<HttpTool> = {
  declaration: { field: 'url', check: checkHttpTool, fields: httpFields },
  // Loaded on the first call: checking a pipeline or a plan needs the kind's facts, not its runner.
  run: async (tool, args, context) => (runner ??= (await import('./run-http.ts')).runHttp)(tool, args, context),
  secretTemplates: (tool) => Object.values(tool.headers ?? {}),
  envTemplates: (tool) => Object.values(tool.headers ?? {}),
  pathBase: () => ({ kind: 'workspace' }),
  // A value the plan wrote must not remove a segment of the url path (`..`); one from a reference is checked when the step runs.
  argumentProblems: (tool, args) => {
    const problem = urlPathProblem(tool, args, (text) => text.includes(referenceStart));
    return problem === undefined ? [] : [{ code: 'url-path-argument', message: problem }];
  },
  streamHold: (tool) => (tool.method === 'GET' || tool.method === 'HEAD' ? undefined : `sends ${tool.method} requests, which may change things (sideEffects: false says they do not)`),
  identity: () => undefined,
  retries: (tool) => tool.retries,
  runsOnWorker: true,
};
