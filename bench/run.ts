// `npm run bench`: every benchmark, printing figures and ratios against their targets.

import { benchColdStart } from './cold-start.ts';
import { benchCompileCorpus } from './compile-corpus.ts';
import { benchCompilePlans } from './compile-plans.ts';
import { benchReadRun } from './read-run.ts';
import { benchExecutor } from './executor.ts';
import { benchReplanStrategies } from './replan-strategies.ts';
import { benchRunStore } from './run-store.ts';
import { benchStreaming } from './streaming.ts';
import { benchWorkers } from './workers.ts';

console.log('# plan compiler: generated plans');
benchCompilePlans();
console.log('\n# plan compiler: 985 real model-written plans (TaskBench corpus)');
await benchCompileCorpus();
console.log('\n# executor');
await benchExecutor();
console.log('\n# replanning strategies (6 steps, step 4 fails once)');
await benchReplanStrategies();
console.log('\n# run store (100,000 events)');
await benchRunStore();
console.log('\n# reading a run back, every event checked (100,000 events)');
await benchReadRun();
console.log('\n# cold start');
await benchColdStart();
console.log('\n# streaming planning');
await benchStreaming();
console.log('\n# steps on workers through Redis');
await benchWorkers();
