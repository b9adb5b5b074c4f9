// Global setup of the e2e project: one line when the tests that need Redis will be skipped, printed
// once for the whole run rather than once per file. See test/support/redis-server.ts.

import { redisSkipNotice, redisTestsRun } from './redis-server.ts';

export default function announceRedis(): void {
  if (!redisTestsRun) console.log(redisSkipNotice);
}
