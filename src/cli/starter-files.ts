// What `planexec init` writes: a small pipeline (one command tool and the llm tool), the data file it
// reads, a project config, and the model answers its recording is made from. Pure text; the command
// decides where the files go and records the answers by running the pipeline once.

interface StarterFiles {
  /** Path relative to the target folder → content. */
  readonly pipeline: { readonly path: string; readonly text: string };
  readonly data: { readonly path: string; readonly text: string };
  readonly recording: string;
  readonly config: string;
}

interface StarterOptions {
  readonly name: string;
  /** Folder of the pipeline, relative to where init runs, e.g. "pipelines". */
  readonly dir: string;
  /** Folder holding planexec's JSON Schemas, relative to the pipeline folder and to the project root. */
  readonly schemasFromPipeline: string;
  readonly schemasFromRoot: string;
}

export function starterFiles(options: StarterOptions): StarterFiles {
  const { name, dir } = options;
  const join = (...parts: string[]) => parts.filter((part) => part !== '' && part !== '.').join('/');
  const pipelinePath = join(dir, `${name}.yaml`);
  const recording = join(dir, 'recordings', `${name}.json`);
  return {
    pipeline: { path: pipelinePath, text: pipelineText(options, pipelinePath, recording) },
    data: { path: join(dir, 'data', `${name}.txt`), text: starterData },
    recording,
    config: configText(options.schemasFromRoot),
  };
}

function pipelineText({ name, schemasFromPipeline }: StarterOptions, pipelinePath: string, recording: string): string {
  return `# yaml-language-server: $schema=${schemasFromPipeline}/pipeline.schema.json
#
# ${name}: a starter pipeline written by \`planexec init\`. The model plans a grep step and an llm step;
# planexec checks the plan and runs it. It runs offline as written: the model's answers are replayed
# from recordings/${name}.json.
#
#   planexec run ${pipelinePath}                       # offline, from the recording
#   planexec tools ${pipelinePath}                     # the tools as the model sees them
#   planexec plan ${pipelinePath} --format mermaid     # the checked plan, run nothing
#   planexec test ${pipelinePath}                      # its tests: below, offline, from the recording
#
# Make it yours: change the task and the tools, then run it against a model, which also records new
# answers for offline runs (any OpenAI-compatible endpoint; see model in planexec.config.yaml):
#
#   OPENAI_API_KEY=... planexec run ${pipelinePath} --record ${recording}
version: 1
name: ${name}
description: List the open TODO items of a checklist, grouped by priority
task: >-
  List the open TODO items in the file {{inputs.file}}, grouped by priority: the ones marked
  TODO(high) first, then the others.
inputs:
  file: { type: string, default: data/${name}.txt, description: "Checklist file, relative to this pipeline" }
model:
  replay: recordings/${name}.json
tools:
  - name: grep_lines
    description: Lines of a text file that match an extended regular expression, with their line numbers ("<line>:<text>").
    command: [grep, -n, -E, -e, "{{args.pattern}}", --, "{{args.file}}"]
    cwd: .
    args:
      type: object
      properties:
        pattern: { type: string, description: "Extended regular expression, e.g. TODO" }
        file: { type: string, format: path, description: "File relative to the pipeline" }
      required: [pattern, file]
      additionalProperties: false
    output: lines
replan: { strategy: full, maxReplans: 1 }
tests:
  - name: the high-priority items come first
    expect: { status: succeeded, result: { contains: ["High priority", "Normal"] }, maxLlmCalls: 2 }
`;
}

const starterData = `Release checklist for v2.0

- [x] freeze the public API
- [ ] TODO(high): update the migration guide for the new config format
- [ ] TODO: add screenshots of the new dashboard to the README
- [ ] TODO(high): run the load test against staging
- [x] tag the release candidate
- [ ] TODO: thank the contributors in the release notes
`;

function configText(schemasFromRoot: string): string {
  return `# yaml-language-server: $schema=${schemasFromRoot}/config.schema.json
#
# Project-wide defaults for every pipeline run from this directory or below (planexec looks for this
# file from the working directory upward). A pipeline's own settings win, field by field.
model:
  name: gpt-4o-mini
  apiKeyEnv: OPENAI_API_KEY          # the NAME of the variable holding the key, never the key
  # baseURL: http://localhost:11434/v1   # Ollama, vLLM, llama.cpp, Azure OpenAI, … (default: OPENAI_BASE_URL, else OpenAI)
  timeout: 60s
planning: { maxSteps: 50, maxRepairs: 2 }
replan: { strategy: full, maxReplans: 2 }
execution: { concurrency: 4, stepTimeout: 5m }
`;
}

/** The plan a good model writes for the starter task, and its answer to the llm step. */
export function starterAnswers(name: string): { readonly plan: string; readonly answer: string } {
  const plan = {
    steps: [
      { id: 1, action: 'Find the open TODO items', tool: 'grep_lines', args: { pattern: '^- \\[ \\] TODO', file: `data/${name}.txt` } },
      {
        id: 2,
        action: 'Group them by priority',
        tool: 'llm',
        args: { prompt: 'Group these open TODO items by priority: a "High priority" list for TODO(high), then a "Normal" list. One short line each, with its line number.\n\n${steps.1.output}' },
      },
    ],
  };
  const answer = `High priority
- Update the migration guide for the new config format (line 4)
- Run the load test against staging (line 6)

Normal
- Add screenshots of the new dashboard to the README (line 5)
- Thank the contributors in the release notes (line 8)`;
  return { plan: JSON.stringify(plan), answer };
}
