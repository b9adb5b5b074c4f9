import { taxFor } from './tax.js';

let next = 1;

export function createInvoice({ customer, region, lines }) {
  // TODO: persist invoices; numbers restart at 1 after every deploy
  const net = lines.reduce((sum, line) => sum + line.quantity * line.price, 0);
  const tax = taxFor(region, net);
  return { number: next++, customer, region, net, tax, total: net + tax };
}
