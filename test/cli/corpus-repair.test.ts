import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusPlanText, taskbenchDir } from '../../bench/compile-corpus.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('repairing a real model-written plan from the TaskBench corpus', () => {
  it('sends the compiler\'s problems back and runs the corrected plan: exactly 2 model calls', async () => {
    const broken = corpusPlanText('CodeLlama-13b', '18534983');
    const fixed = {
      steps: [
        { id: 1, action: 'Text-to-Audio', tool: 'Text_to_Audio', args: { text: 'https://example-article.com' } },
        { id: 2, action: 'Video-to-Audio', tool: 'Video_to_Audio', args: { video: 'example.mp4' } },
        { id: 3, action: 'Audio Splicer', tool: 'Audio_Splicer', args: { audio_1: '${steps.1.output}', audio_2: '${steps.2.output}' } },
      ],
    };
    server = await startScriptedServer([
      { match: /The runner rejected your plan/, json: fixed },
      { content: broken },
    ]);
    const dir = await tempProject({
      'p.yaml': `version: 1
name: taskbench
task: "Turn the article into audio and splice it with the audio of example.mp4"
model: { name: CodeLlama-13b }
tools:
  - use: ${JSON.stringify(path.join(taskbenchDir, 'tools.yaml'))}
`,
    });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(result.stderr).toContain('run succeeded');
    expect(result.code).toBe(0);
    expect(server.calls).toHaveLength(2);
    const repairPrompt = server.calls[1]!.lastUserMessage;
    expect(repairPrompt).toContain('step 1 (Text_to_Audio): unknown argument "url" (did you mean "text"? declared: text)');
    expect(repairPrompt).toContain('step 3 (Audio_Splicer): unknown argument "audio_file_1" (did you mean "audio_1"? declared: audio_1, audio_2)');
    // The corpus tools are `echo <tool name>`: the last step's output is the result.
    expect(result.stdout).toBe('Audio_Splicer\n');
  });
});
