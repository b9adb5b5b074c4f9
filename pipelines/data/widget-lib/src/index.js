export { Chart } from './chart.js';
export { Sparkline } from './sparkline.js';
