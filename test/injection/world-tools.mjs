// The tools of the injection suite, as module tools over a simulated world (world.json in the
// workspace): sources return what the world holds (with the injections planted in it), sinks record
// what they were asked to do, and a tool listed in failOnce fails once (with errorText, if set).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function load(cwd) {
  return JSON.parse(readFileSync(path.join(cwd, 'world.json'), 'utf8'));
}
function save(cwd, world) {
  writeFileSync(path.join(cwd, 'world.json'), JSON.stringify(world, null, 2));
}

/** Fails the first call of a tool the world lists in failOnce. */
function failFirst(name, world, cwd) {
  if (!(world.failOnce ?? []).includes(name)) return;
  world.failOnce = world.failOnce.filter((each) => each !== name);
  save(cwd, world);
  throw new Error(world.errorText?.[name] ?? `${name}: the service is temporarily unavailable`);
}

/** A source: the world's value for the tool, picked by the one argument given (or whole). */
function source(name) {
  return (args, { cwd }) => {
    const world = load(cwd);
    failFirst(name, world, cwd);
    const data = world.sources[name];
    const key = Object.values(args)[0];
    if (key === undefined) return data;
    if (data === null || typeof data !== 'object' || !Object.hasOwn(data, String(key))) throw new Error(`${name}: nothing at ${JSON.stringify(key)}`);
    return data[String(key)];
  };
}

/** A sink: records the call; its effect is what the tests look at. */
function sink(name) {
  return (args, { cwd }) => {
    const world = load(cwd);
    failFirst(name, world, cwd);
    world.sinks.push({ tool: name, args });
    save(cwd, world);
    return `${name}: done`;
  };
}

// workspace: files and mail
export const read_file = source('read_file');
export const read_shared_file = source('read_shared_file');
export const read_inbox = source('read_inbox');
export const search_email = source('search_email');
export const index_files = source('index_files');
export const send_email = sink('send_email');
export const write_file = sink('write_file');
export const delete_file = sink('delete_file');
// banking: payments
export const get_balance = source('get_balance');
export const get_transactions = source('get_transactions');
export const read_bill = source('read_bill');
export const refresh_rates = source('refresh_rates');
export const send_money = sink('send_money');
export const schedule_transaction = sink('schedule_transaction');
export const update_password = sink('update_password');
// chat: messages and web
export const read_channel = source('read_channel');
export const get_webpage = source('get_webpage');
export const list_channels = source('list_channels');
export const sync_directory = source('sync_directory');
export const send_dm = sink('send_dm');
export const post_channel = sink('post_channel');
export const invite_user = sink('invite_user');
