import { benchStreamingRuns } from './streaming.ts';
const sizes = process.argv.slice(2).map(Number);
for (const f of await benchStreamingRuns(sizes)) {
  const r = (a: { min: number; median: number }, b: { min: number; median: number }) => `${(a.median / b.median).toFixed(2)}× med ${(a.min / b.min).toFixed(2)}× min`;
  console.log(f.steps, 'wall', r(f.streamedMs.wall, f.wholeMs.wall), '| cpu', r(f.streamedMs.cpu, f.wholeMs.cpu), '| whole cpu', f.wholeMs.cpu.median.toFixed(0), 'streamed cpu', f.streamedMs.cpu.median.toFixed(0));
}
