import { createServer } from 'node:http';
import { program } from 'commander';
import { createInvoice } from './invoice.js';

program.option('--port <port>', 'port to listen on', '8080').parse();

// TODO: graceful shutdown on SIGTERM
createServer(async (req, res) => {
  if (req.method !== 'POST') return void res.writeHead(405).end();
  let body = '';
  for await (const chunk of req) body += chunk;
  // FIXME: a malformed body crashes the process instead of answering 400
  const invoice = createInvoice(JSON.parse(body));
  res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(invoice));
}).listen(Number(program.opts().port));
