// Values that must never show in the job log, registered with the runner (`::add-mask::`) before
// anything else is printed: the runner then prints *** wherever one appears.

/** Masks each value, and each line of a multi-line value (the runner matches masks line by line). */
export function maskValues(values: Iterable<string | undefined>, setSecret: (value: string) => void, masked: Set<string> = new Set()): void {
  const mask = (value: string) => {
    if (value === '' || masked.has(value)) return;
    masked.add(value);
    setSecret(value);
  };
  for (const value of values) {
    if (value === undefined || value.trim() === '') continue;
    mask(value);
    if (!/[\r\n]/.test(value)) continue;
    // Very short lines (a lone brace of a JSON key file) would mask the same text everywhere.
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) mask(line.trim());
  }
}
