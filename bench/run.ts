// `npm run bench`: every benchmark, printing figures and ratios against their targets.

import { benchCompilePlans } from './compile-plans.ts';

console.log('# plan compiler: generated plans');
benchCompilePlans();
