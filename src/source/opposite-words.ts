// Words that name opposite actions (buy/sell, upload/download, enable/disable, lock/unlock) and names
// that swap a conversion's direction (Text_to_Audio, Audio_to_Text). A suggestion that differs from
// what was written by one of these would do the opposite of what was asked: suggesting nothing is better.

import { sameWord, stemOf, wordsOf } from './name-words.ts';
import { similarWords } from './similar-words.ts';

/** Pairs of opposites; a word of one side is the opposite of each word on the other. */
const pairs: readonly (readonly [readonly string[], readonly string[]])[] = [
  [['buy', 'purchase'], ['sell']],
  [['add', 'insert', 'append', 'attach'], ['remove', 'delete', 'detach', 'drop', 'erase']],
  [['create', 'make', 'new'], ['delete', 'destroy', 'remove', 'drop']],
  [['enable', 'activate', 'allow', 'grant'], ['disable', 'deactivate', 'deny', 'revoke', 'block']],
  [['start', 'begin', 'launch', 'run', 'resume'], ['stop', 'end', 'halt', 'kill', 'pause']],
  [['open'], ['close', 'shut']],
  [['lock'], ['unlock']],
  [['upload'], ['download']],
  [['push'], ['pull', 'fetch']],
  [['send'], ['receive']],
  [['import'], ['export']],
  [['encrypt'], ['decrypt']],
  [['encode'], ['decode']],
  [['compress', 'zip', 'pack', 'shorten', 'summarize', 'condense'], ['decompress', 'unzip', 'unpack', 'expand', 'lengthen']],
  [['increase', 'raise', 'increment', 'grow', 'maximize'], ['decrease', 'lower', 'decrement', 'shrink', 'reduce', 'minimize']],
  [['show', 'display', 'reveal'], ['hide']],
  [['accept', 'approve', 'confirm'], ['reject', 'decline', 'deny']],
  [['connect', 'join', 'merge', 'combine', 'splice', 'stitch'], ['disconnect', 'split', 'separate']],
  [['subscribe'], ['unsubscribe']],
  [['install'], ['uninstall']],
  [['mount'], ['unmount']],
  [['follow'], ['unfollow']],
  [['login', 'signin'], ['logout', 'signout']],
  [['read', 'load', 'get'], ['write', 'save', 'set', 'store']],
  [['include'], ['exclude']],
  [['archive'], ['unarchive', 'restore']],
  [['freeze'], ['unfreeze', 'thaw']],
  [['ban'], ['unban']],
  [['mute'], ['unmute']],
  [['pin'], ['unpin']],
  [['assign'], ['unassign']],
  [['publish'], ['unpublish']],
  [['deposit'], ['withdraw']],
  [['credit'], ['debit']],
  [['do', 'redo', 'apply'], ['undo', 'revert', 'rollback']],
  [['up', 'upper', 'ascend', 'asc'], ['down', 'lower', 'descend', 'desc']],
  [['in', 'inbound', 'incoming'], ['out', 'outbound', 'outgoing']],
  [['input', 'source', 'src', 'from'], ['output', 'target', 'destination', 'dest']],
  [['on'], ['off']],
  [['first', 'head', 'oldest'], ['last', 'tail', 'latest', 'newest']],
  [['min', 'minimum'], ['max', 'maximum']],
  [['accelerate'], ['decelerate']],
  [['serialize'], ['deserialize']],
  [['wrap'], ['unwrap']],
  [['like', 'upvote'], ['unlike', 'dislike', 'downvote']],
];

/**
 * Prefixes that turn an action into its opposite (unlock, uninstall, deactivate, disconnect), with the
 * shortest rest each needs: "display" is no opposite of "play", nor "design" of "sign".
 */
const negations: readonly (readonly [string, number])[] = [['un', 3], ['de', 5], ['dis', 5]];

/** Each stem's opposites, made on first use: a pipeline with no mistake to suggest a fix for asks for none. */
let opposites: Map<string, Set<string>> | undefined;

function oppositesByStem(): Map<string, Set<string>> {
  if (opposites === undefined) {
    const table = new Map<string, Set<string>>();
    const link = (a: string, b: string): void => {
      if (!table.has(a)) table.set(a, new Set());
      if (!table.has(b)) table.set(b, new Set());
      table.get(a)!.add(b);
      table.get(b)!.add(a);
    };
    for (const [left, right] of pairs) {
      for (const a of left) for (const b of right) link(stemOf(a), stemOf(b));
    }
    opposites = table;
  }
  return opposites;
}

/** Whether two words name opposite actions. */
export function areOppositeWords(a: string, b: string): boolean {
  if (sameWord(a, b)) return false;
  const x = stemOf(a);
  const y = stemOf(b);
  if (oppositesByStem().get(x)?.has(y)) return true;
  // unlock/lock, deactivate/activate, disconnect/connect, disable/enable.
  for (const [prefix, rest] of negations) {
    const negates = (long: string, short: string) => long.startsWith(prefix) && long.length - prefix.length >= rest && sameWord(long.slice(prefix.length), short);
    if (negates(x, y) || negates(y, x)) return true;
  }
  return (x.startsWith('dis') && y.startsWith('en') && x.slice(3) === y.slice(2)) || (y.startsWith('dis') && x.startsWith('en') && y.slice(3) === x.slice(2));
}

/** `Text_to_Audio` → [text] → [audio]; undefined without exactly one "to" between words. */
function direction(words: readonly string[]): { readonly from: readonly string[]; readonly to: readonly string[] } | undefined {
  const at = words.indexOf('to');
  if (at <= 0 || at === words.length - 1 || words.lastIndexOf('to') !== at) return undefined;
  return { from: words.slice(0, at), to: words.slice(at + 1) };
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.some((y) => similarWords(x, y)));

/**
 * Whether `candidate` would do the opposite of `written`: a word of one is the opposite of a word
 * of the other that the other lacks (Image_Uploader / Image_Downloader), or the two convert in
 * opposite directions (Text_to_Audio / Audio_to_Text; Audio_to_Video / Video_to_Text).
 */
export function namesOpposite(written: string, candidate: string): boolean {
  return wordsOpposite(wordsOf(written), wordsOf(candidate));
}

/** namesOpposite on names already split into words (wordsOf). */
export function wordsOpposite(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) {
    if (b.some((y) => sameWord(x, y))) continue;
    for (const y of b) if (!a.some((z) => sameWord(z, y)) && areOppositeWords(x, y)) return true;
  }
  const da = direction(a);
  const db = direction(b);
  if (da === undefined || db === undefined) return false;
  // One consumes what the other produces: Audio_to_Video against Video_to_Text.
  return (overlaps(da.to, db.from) && !overlaps(da.from, db.from)) || (overlaps(da.from, db.to) && !overlaps(da.to, db.to));
}
