import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInvoice } from '../src/invoice.js';

test('adds tax to the net amount', () => {
  const invoice = createInvoice({ customer: 'ACME', region: 'DE', lines: [{ quantity: 2, price: 50 }] });
  assert.equal(invoice.total, 119);
});
