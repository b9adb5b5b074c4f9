// `npm run bench`: every benchmark, printing figures and ratios against their targets.

import { benchCompileCorpus } from './compile-corpus.ts';
import { benchCompilePlans } from './compile-plans.ts';
import { benchExecutor } from './executor.ts';

console.log('# plan compiler: generated plans');
benchCompilePlans();
console.log('\n# plan compiler: 985 real model-written plans (TaskBench corpus)');
await benchCompileCorpus();
console.log('\n# executor');
await benchExecutor();
