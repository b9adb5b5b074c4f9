import { describe, expect, it } from 'vitest';
import { renderArgv } from '../../src/tools/kinds/command/run-command.ts';
import { commandTool } from '../support/tools.ts';

const args = { type: 'object', properties: { ref: { type: 'string' }, all: { type: 'string' }, flag: { type: 'string', allowOptionLike: true }, files: { type: 'array' } } };

describe('option injection at run time', () => {
  it('refuses a leading "-" that came from a value, wherever the value sits in the element', () => {
    const git = commandTool('git_log', ['git', 'log', '{{args.ref}}', '{{args.all}}{{args.ref}}', '{{args.files}}'], { args });
    expect(() => renderArgv(git, { ref: '--upload-pack=x' })).toThrow('refused to run git: argument "ref" is "--upload-pack=x", which starts with "-"');
    expect(renderArgv(git, { ref: 'main', all: '', files: ['a', 'b'] })).toEqual(['git', 'log', 'main', 'main', 'a', 'b']);
    expect(() => renderArgv(commandTool('t', ['ls', '{{args.all}}{{args.ref}}'], { args }), { all: '', ref: '-la' })).toThrow('the argument "-la" starts with "-"');
    expect(() => renderArgv(commandTool('t', ['rm', '{{args.files}}'], { args }), { files: ['a', '-rf'] })).toThrow('argument "files" is "-rf"');
  });

  it('lets through the pipeline\'s own dashes, values after --, and allowOptionLike arguments', () => {
    expect(renderArgv(commandTool('t', ['ls', '{{#if args.all}}-a{{/if}}', '--since={{args.ref}}'], { args }), { all: 'yes', ref: '-1' })).toEqual(['ls', '-a', '--since=-1']);
    expect(renderArgv(commandTool('t', ['rm', '--', '{{args.ref}}'], { args }), { ref: '-rf' })).toEqual(['rm', '--', '-rf']);
    expect(renderArgv(commandTool('t', ['tool', '{{args.flag}}'], { args }), { flag: '--verbose' })).toEqual(['tool', '--verbose']);
  });
});
