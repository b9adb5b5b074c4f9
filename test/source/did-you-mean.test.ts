import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/source/did-you-mean.ts';

describe('closestMatch', () => {
  it('suggests a near miss, counting a swap of two letters as one typo', () => {
    expect(closestMatch('taks', ['version', 'name', 'task', 'tools'])).toBe('task');
    expect(closestMatch('maxstep', ['maxSteps', 'maxRepairs'])).toBe('maxSteps');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('tail', ['full', 'tail-only', 'retry-step', 'none'])).toBeUndefined();
    expect(closestMatch('xy', ['name'])).toBeUndefined();
  });
});

describe('closestMatch never suggests the opposite action', () => {
  it.each([
    ['enable_cache', ['disable_cache']],
    ['upload_file', ['download_file']],
    ['lock_account', ['unlock_account']],
    ['start_server', ['stop_server']],
    ['buy_stock', ['sell_stock']],
    ['push_changes', ['pull_changes']],
    ['text_to_audio', ['audio_to_text']],
    ['add_user', ['remove_user']],
    ['open_issue', ['close_issue']],
    ['create_branch', ['delete_branch']],
    ['connect', ['disconnect']],
  ])('%s: not %s', (word, candidates) => {
    expect(closestMatch(word, candidates)).toBeUndefined();
  });

  it('still suggests a near spelling that is not an opposite', () => {
    expect(closestMatch('enable_cach', ['disable_cache', 'enable_cache'])).toBe('enable_cache');
    expect(closestMatch('display_video', ['play_video'])).toBe('play_video');
  });
});
