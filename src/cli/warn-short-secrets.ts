// Before a run or plan: warn of secrets too short to be masked. Apart from cli-io.ts, which every
// command loads, since it needs the pipeline checks (templates, tool kinds) that `runs` and `show` do not.

import { shortSecrets, shortSecretWarning } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';

/** Before a run or plan: a warning for each secret (or the API key) set to a value too short to be masked. */
export function warnShortSecrets(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv = process.env): void {
  for (const short of shortSecrets(pipeline, env)) process.stderr.write(`warning: ${shortSecretWarning(short)}
`);
}
