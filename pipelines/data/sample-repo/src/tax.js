import { readFileSync } from 'node:fs';

const rates = JSON.parse(readFileSync(new URL('../data/rates.json', import.meta.url), 'utf8'));

export function taxFor(region, net) {
  const rate = rates[region];
  // TODO: unknown regions silently pay no tax; throw instead
  if (rate === undefined) return 0;
  // FIXME: floating-point rounding; use integer cents
  return net * rate;
}
