// Ctrl-C, SIGTERM and SIGHUP (a closed terminal or SSH session) during a run: the first cancels running
// steps (their process groups get SIGTERM, then SIGKILL after a grace period) and lets the run end as
// interrupted; a second kills every group at once and exits 130. `run` and `resume` both use this.

import { signalAllProcessGroups } from '../tools/process-groups.ts';
import { exitCode } from './cli-io.ts';

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** `lastWords`: what to print before a second interrupt exits at once (the run's id and how to resume it). */
export function handleInterrupts(lastWords: () => string = () => ''): { readonly signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) {
      signalAllProcessGroups('SIGKILL');
      process.stderr.write(lastWords());
      process.exit(exitCode.interrupted);
    }
    process.stderr.write('\ninterrupt: stopping running steps (press Ctrl-C again to exit at once)\n');
    controller.abort();
  };
  for (const name of signals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    release: () => {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}
