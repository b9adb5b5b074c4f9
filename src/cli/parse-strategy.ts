// The --strategy flag's value, checked against the replanning strategies. Apart from cli-io.ts, which
// every command loads, since naming the strategies loads them all.

import type { ReplanStrategyName } from '../pipeline/types.ts';
import { replanStrategyNames } from '../replan/replan-strategies.ts';
import { CommandLineError } from './cli-io.ts';

/** The strategy --strategy names; any other value is a command-line error. */
export function parseStrategy(value: string): ReplanStrategyName {
  if (!replanStrategyNames.includes(value as ReplanStrategyName)) throw new CommandLineError(`--strategy must be one of ${replanStrategyNames.join(', ')}, got "${value}"`);
  return value as ReplanStrategyName;
}
