import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../src/index.ts';
import { findForeignReferences } from '../../src/plan/foreign-references.ts';
import type { PlanStep } from '../../src/plan/plan-types.ts';
import { testTools } from '../support/tools.ts';

function step(id: number | string, tool: string, args: Record<string, unknown>, dependsOn: (number | string)[] = []): PlanStep {
  return { id: String(id), action: '', tool, args, dependsOn: dependsOn.map(String) };
}

/** The messages for the plan's last step, with the other steps as context. */
function messagesFor(...plan: PlanStep[]): string[] {
  const target = plan[plan.length - 1]!;
  return findForeignReferences(`step ${target.id} (${target.tool})`, target, plan).map((problem) => problem.message);
}

/** A three-step plan whose last step passes `value` as its only argument. */
function lastArgument(value: string, dependsOn: number[] = []): string[] {
  return messagesFor(
    step(1, 'Image_Downloader', { url: 'https://example.com/a.jpg' }),
    step(2, 'Audio_to_Text', { audio: 'talk.wav' }),
    step(3, 'Image_Editing', { image: value }, dependsOn),
  );
}

describe('foreign references are reported with the exact fix', () => {
  it('<output_of_step_1>', () => {
    expect(lastArgument('<output_of_step_1>', [1])).toEqual([
      'step 3 (Image_Editing): argument "image" uses <output_of_step_1>; write ${steps.1.output} to use step 1\'s output',
    ]);
  });

  it.each([
    ['<node-1>', '1'],
    ['{{step1.output}}', '1'],
    ['{{ steps.2.output }}', '2'],
    ['${Step 2.output}', '2'],
    ['${1}', '1'],
    ['$1', '1'],
    ['${arg2.result}', '2'],
    ['%{step_2_output%}', '2'],
    ['[output of step 2]', '2'],
    ['<output of step 1>', '1'],
    ["${'output_of_step_2'}", '2'],
    ['%CURRENT_NODE_1%_output%', '1'],
  ])('%s names step %s by number', (text, id) => {
    expect(lastArgument(text, [Number(id)])).toEqual([`step 3 (Image_Editing): argument "image" uses ${text}; write \${steps.${id}.output} to use step ${id}'s output`]);
  });

  it.each([
    ['${{TaskNodes[0].output.text}}', '1'],
    ['$[1]', '2'],
    ['$v0', '1'],
    ["${'arguments.[1].results[0].text'}", '2'],
  ])('%s counts nodes from 0: step %s', (text, id) => {
    expect(lastArgument(text, [Number(id)])).toEqual([`step 3 (Image_Editing): argument "image" uses ${text}; write \${steps.${id}.output} to use step ${id}'s output (counting steps from 0)`]);
  });

  it.each(['output_of_step_2', 'output of Step 2', 'output_from_step_2.wav', 'transcribed_text_from_step_2', 'the text from step 2', 'Step 2', 'NODE_2'])(
    'a whole argument that only names the output: %s',
    (text) => {
      expect(lastArgument(text)).toEqual([`step 3 (Image_Editing): argument "image" uses ${text}; write \${steps.2.output} to use step 2's output`]);
    },
  );

  it.each(['%{Audio-to-Text.output%}', '${AudioToText.output}', '[output of Audio to Text]', '<output_from_Audio_to_Text>', 'output of Audio-to-Text'])(
    '%s names the tool of the step: that step',
    (text) => {
      expect(lastArgument(text)).toEqual([`step 3 (Image_Editing): argument "image" uses ${text}; write \${steps.2.output} to use step 2's output (the Audio_to_Text step)`]);
    },
  );

  it('${transcribed_text}: the step it depends on, when there is one', () => {
    expect(lastArgument('${transcribed_text}', [2])).toEqual([
      'step 3 (Image_Editing): argument "image" uses ${transcribed_text}; write ${steps.2.output} to use step 2\'s output (the step it depends on)',
    ]);
  });

  it('${transcribed_text} with no dependency to go by: explains the syntax', () => {
    expect(lastArgument('${transcribed_text}')).toEqual([
      'step 3 (Image_Editing): argument "image" uses ${transcribed_text}, which is not a planexec reference; to use another step\'s output write ${steps.<id>.output} with that step\'s id (steps: 1, 2, 3)',
    ]);
  });

  it('a template variable as the whole argument of a step with a dependency: that dependency', () => {
    expect(lastArgument('{{transcribed_text}}', [2])).toEqual([
      'step 3 (Image_Editing): argument "image" uses {{transcribed_text}}; write ${steps.2.output} to use step 2\'s output (the step it depends on)',
    ]);
    expect(lastArgument('$transcribed_text', [1])).toEqual([
      'step 3 (Image_Editing): argument "image" uses $transcribed_text; write ${steps.1.output} to use step 1\'s output (the step it depends on)',
    ]);
  });

  it('"previous": the step it depends on, else the step before it', () => {
    expect(lastArgument('%{previous_step.output%}', [1])[0]).toContain('write ${steps.1.output} to use step 1\'s output (the step it depends on)');
    expect(lastArgument('%{previous_step.output%}')[0]).toContain('write ${steps.2.output} to use step 2\'s output (the step before it)');
  });

  it('a step the plan does not have', () => {
    expect(lastArgument('<output_of_step_7>')).toEqual([
      'step 3 (Image_Editing): argument "image" uses <output_of_step_7>, but the plan has no step 7; write ${steps.<id>.output} with the id of the step whose output you mean (steps: 1, 2, 3)',
    ]);
    expect(lastArgument('<output_of_step_7>', [2])).toEqual([
      'step 3 (Image_Editing): argument "image" uses <output_of_step_7>, but the plan has no step 7; write ${steps.2.output} to use step 2\'s output (the step it depends on)',
    ]);
  });

  it('the step itself', () => {
    expect(lastArgument('<output_of_step_3>')).toEqual([
      'step 3 (Image_Editing): argument "image" uses <output_of_step_3>, which is this step\'s own output; write ${steps.<id>.output} with the id of the step whose output you mean (steps: 1, 2, 3)',
    ]);
  });

  it('with named ids, a step number counts plan positions', () => {
    expect(messagesFor(step('fetch', 'Image_Downloader', { url: 'u' }), step('edit', 'Image_Editing', { image: '<output_of_step_1>' }))).toEqual([
      'step edit (Image_Editing): argument "image" uses <output_of_step_1>; write ${steps.fetch.output} to use step fetch\'s output (counting steps from 1)',
    ]);
  });

  it('inside longer text and nested arguments, naming the argument path; each text once per argument', () => {
    const messages = messagesFor(
      step(1, 'llm', { prompt: 'a' }),
      step(2, 'llm', { prompt: 'b' }),
      step(3, 'llm', { options: { prompt: 'Compare {{step1.output}} with {{step2.output}}, then {{step1.output}} again' }, files: ['<output_of_step_2>'] }),
    );
    expect(messages).toEqual([
      'step 3 (llm): argument "options.prompt" uses {{step1.output}}; write ${steps.1.output} to use step 1\'s output',
      'step 3 (llm): argument "options.prompt" uses {{step2.output}}; write ${steps.2.output} to use step 2\'s output',
      'step 3 (llm): argument "files.0" uses <output_of_step_2>; write ${steps.2.output} to use step 2\'s output',
    ]);
  });
});

describe('plain text is not flagged', () => {
  it.each([
    'It costs $5',
    '$5',
    'costs $1 per item',
    '$HOME/videos',
    'a < b',
    'a < b and c > d',
    '<b>bold</b> and <i>italics</i>',
    '<div class="result">done</div>',
    '<!-- output of step 1 -->',
    '<https://www.example.com/video.mp4>',
    'Mail <jane@example.com>',
    '<URL>',
    '<empty>',
    '<input_audio_file>',
    '<output>',
    'See [1] and [2]',
    '[x] done',
    'Summarize [the results]',
    'Reply as {"step": 1, "output": "text"}',
    '{name}',
    'use 50% {approx}',
    'output.wav',
    'output_video.mp4',
    'search results',
    'Repeat step 2 twice',
    'Summarize the output of step 1 for the readers of our newsletter',
    'v1.0.0..HEAD',
  ])('%s', (text) => {
    expect(lastArgument(text)).toEqual([]);
  });

  it('planexec references, valid or malformed, are left to the reference scanner', () => {
    expect(lastArgument('${steps.1.output}')).toEqual([]);
    expect(lastArgument('Compare <${steps.1.output}> with [${steps.2.output.text}]')).toEqual([]);
    expect(lastArgument('${steps.1.result}')).toEqual([]);
  });

  it('$N names a step only as the whole argument and only when the step exists', () => {
    expect(lastArgument('$9')).toEqual([]);
    expect(lastArgument('$3')).toEqual([]); // the step itself: not a plausible reference
  });
});

describe('compilePlan reports foreign references', () => {
  it('rejects the plan with a foreign-reference problem on the step', () => {
    const result = compilePlan(
      { steps: [{ id: 1, tool: 'list_commits', args: { since: 'v1' } }, { id: 2, tool: 'llm', args: { prompt: 'Summarize <output_of_step_1>' } }] },
      testTools,
    );
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'foreign-reference', stepId: '2', message: 'step 2 (llm): argument "prompt" uses <output_of_step_1>; write ${steps.1.output} to use step 1\'s output' }],
    });
  });

  it('a foreign reference is not a dependency: the fixed plan is what runs', () => {
    const fixed = compilePlan({ steps: [{ id: 1, tool: 'list_commits', args: { since: 'v1' } }, { id: 2, tool: 'llm', args: { prompt: 'Summarize ${steps.1.output}' } }] }, testTools);
    expect(fixed.ok && fixed.graph.byId.get('2')!.needs).toEqual(['1']);
  });

  it('a malformed planexec reference stays a dangling-reference, not a foreign one', () => {
    const result = compilePlan({ steps: [{ id: 1, tool: 'list_commits', args: { since: 'v1' } }, { id: 2, tool: 'llm', args: { prompt: '${steps.1.result}' } }] }, testTools);
    expect(result.ok ? [] : result.problems.map((problem) => problem.code)).toEqual(['dangling-reference']);
  });

  it('prices and comparisons in a prompt compile', () => {
    const result = compilePlan(
      { steps: [{ id: 1, tool: 'list_commits', args: { since: 'v1' } }, { id: 2, tool: 'llm', args: { prompt: 'If a < b, it costs $5 <b>now</b>: ${steps.1.output}' } }] },
      testTools,
    );
    expect(result.ok).toBe(true);
  });
});

describe('numbered references count steps the way the plan does', () => {
  /** A chain a → b → c (ids given), each step after the first passing `refs[i]` and linked to the step before unless `linked` is false. */
  function chain(ids: (number | string)[], refs: string[], linked = true): string[] {
    const tools = ['Image_Downloader', 'Image_Colorizer', 'Image_to_Text', 'Text_Summarizer'];
    const plan = ids.map((id, i) => step(id, tools[i]!, i === 0 ? { url: 'u' } : { value: refs[i - 1]! }, linked && i > 0 ? [ids[i - 1]!] : []));
    return plan.slice(1).flatMap((target) => findForeignReferences(`step ${target.id} (${target.tool})`, target, plan).map((problem) => problem.message));
  }

  it('<node-0> in a plan whose ids count from 1: the plan counts its nodes from 0, so <node-1> is the second step', () => {
    expect(chain([1, 2, 3], ['<node-0>', '<node-1>'], false)).toEqual([
      'step 2 (Image_Colorizer): argument "value" uses <node-0>; write ${steps.1.output} to use step 1\'s output (counting steps from 0)',
      'step 3 (Image_to_Text): argument "value" uses <node-1>; write ${steps.2.output} to use step 2\'s output (counting steps from 0)',
    ]);
  });

  it('the same references counted from 1 name the steps their numbers are', () => {
    expect(chain([1, 2, 3], ['<node-1>', '<node-2>'], false)).toEqual([
      'step 2 (Image_Colorizer): argument "value" uses <node-1>; write ${steps.1.output} to use step 1\'s output',
      'step 3 (Image_to_Text): argument "value" uses <node-2>; write ${steps.2.output} to use step 2\'s output',
    ]);
  });

  it('ids from 0 with references counted from 1 (the links show it)', () => {
    expect(chain([0, 1, 2, 3], ['output of step 1', 'output of step 2', 'output of step 3'])).toEqual([
      'step 1 (Image_Colorizer): argument "value" uses output of step 1; write ${steps.0.output} to use step 0\'s output (counting steps from 1)',
      'step 2 (Image_to_Text): argument "value" uses output of step 2; write ${steps.1.output} to use step 1\'s output (counting steps from 1)',
      'step 3 (Text_Summarizer): argument "value" uses output of step 3; write ${steps.2.output} to use step 2\'s output (counting steps from 1)',
    ]);
  });

  it('one reference against the links: the linked step, counted from 0', () => {
    const plan = [step(1, 'Image_Downloader', { url: 'u' }), step(2, 'Image_Colorizer', { value: 'x' }), step(3, 'Image_to_Text', { value: '{{step1.output}}' }, [2])];
    expect(messagesFor(...plan)).toEqual(['step 3 (Image_to_Text): argument "value" uses {{step1.output}}; write ${steps.2.output} to use step 2\'s output (counting steps from 0)']);
  });

  it('an index into a list of tasks counts from 0 unless the plan shows otherwise', () => {
    expect(chain([1, 2, 3], ['tasks[0].output', '$(task_list[1])'], false)).toEqual([
      'step 2 (Image_Colorizer): argument "value" uses tasks[0].output; write ${steps.1.output} to use step 1\'s output (counting steps from 0)',
      'step 3 (Image_to_Text): argument "value" uses $(task_list[1]); write ${steps.2.output} to use step 2\'s output (counting steps from 0)',
    ]);
    expect(chain([1, 2, 3], ['tasks[1].output', 'tasks[2].output'])).toEqual([
      'step 2 (Image_Colorizer): argument "value" uses tasks[1].output; write ${steps.1.output} to use step 1\'s output',
      'step 3 (Image_to_Text): argument "value" uses tasks[2].output; write ${steps.2.output} to use step 2\'s output',
    ]);
  });

  it('numeric ids and nothing else to tell the countings apart: ambiguous too, the ids\' reading first', () => {
    expect(lastArgument('<node-1>')).toEqual([
      'step 3 (Image_Editing): argument "image" uses <node-1>, which is step 1 by id or step 2 counting steps from 0, and the plan does not show which way it counts; write ${steps.1.output} or ${steps.2.output}, whichever step\'s output you mean',
    ]);
    expect(lastArgument('TaskNodes[0].output')).toEqual([
      'step 3 (Image_Editing): argument "image" uses TaskNodes[0].output; write ${steps.1.output} to use step 1\'s output (counting steps from 0)',
    ]);
  });

  it('named ids and nothing to tell the countings apart: the fix says the plan is ambiguous', () => {
    const plan = [step('fetch', 'Image_Downloader', { url: 'u' }), step('color', 'Image_Colorizer', { value: 'x' }), step('read', 'Image_to_Text', { value: '<output_of_step_1>' })];
    expect(messagesFor(...plan)).toEqual([
      'step read (Image_to_Text): argument "value" uses <output_of_step_1>, which is step fetch counting steps from 1 or step color counting steps from 0, and the plan does not show which way it counts; write ${steps.fetch.output} or ${steps.color.output}, whichever step\'s output you mean',
    ]);
  });

  it('named ids and a link: no ambiguity', () => {
    const plan = [step('fetch', 'Image_Downloader', { url: 'u' }), step('color', 'Image_Colorizer', { value: 'x' }), step('read', 'Image_to_Text', { value: '<output_of_step_1>' }, ['color'])];
    expect(messagesFor(...plan)).toEqual(['step read (Image_to_Text): argument "value" uses <output_of_step_1>; write ${steps.color.output} to use step color\'s output (counting steps from 0)']);
  });

  it('a plan that fits no counting: the step it depends on, not a step one counting happens to miss less', () => {
    expect(chain([1, 2, 3], ['text from step 2', 'text from step 3'])).toEqual([
      'step 2 (Image_Colorizer): argument "value" uses text from step 2; write ${steps.1.output} to use step 1\'s output (the step it depends on)',
      'step 3 (Image_to_Text): argument "value" uses text from step 3; write ${steps.2.output} to use step 2\'s output (the step it depends on)',
    ]);
  });
});

describe('other shapes models write', () => {
  it.each(['$(step_2.output)', '$(2)', '$(Audio_to_Text)', '$(AudioToText.result)'])('%s: the $(…) substitution', (text) => {
    expect(lastArgument(text)).toHaveLength(1);
    expect(lastArgument(text)[0]).toContain('write ${steps.2.output} to use step 2\'s output');
  });

  it.each(['Audio_to_Text', 'Audio to Text', 'AudioToText', '{{Audio_to_Text}}', '$Audio_to_Text'])('%s: a step\'s tool name as the whole argument', (text) => {
    expect(lastArgument(text)).toEqual([`step 3 (Image_Editing): argument "image" uses ${text}; write \${steps.2.output} to use step 2's output (the Audio_to_Text step)`]);
  });

  it.each(['Describe Audio to Text tools', '$(date)', 'echo $(pwd)', 'results[0]', 'Audio_to_Text_v2', 'Image_Editing'])('not a reference: %s', (text) => {
    // Image_Editing is the step's own tool, which no other step uses.
    expect(lastArgument(text)).toEqual([]);
  });
});

describe('a reference against the step\'s one link', () => {
  const chain = (last: Record<string, unknown>) => [
    step(1, 'Image_Downloader', { url: 'u' }),
    step(2, 'Image_Colorizer', { value: '<output_of_step_1>' }, [1]),
    step(3, 'Image_to_Text', { value: '<output_of_step_2>' }, [2]),
    step(4, 'Text_Summarizer', last, [3]),
  ];

  it('leads with the link, and names the step written as the other choice', () => {
    expect(messagesFor(...chain({ value: '<output_of_step_2>' }))).toEqual([
      'step 4 (Text_Summarizer): argument "value" uses <output_of_step_2>, which names step 2, but the step depends on step 3; write ${steps.3.output} to use step 3\'s output, or ${steps.2.output} if you meant step 2\'s',
    ]);
  });

  it('is no conflict when the step uses its link\'s output elsewhere: a second input', () => {
    expect(messagesFor(...chain({ value: '${steps.3.output}', other: '<output_of_step_2>' }))).toEqual([
      'step 4 (Text_Summarizer): argument "other" uses <output_of_step_2>; write ${steps.2.output} to use step 2\'s output',
    ]);
  });
});
