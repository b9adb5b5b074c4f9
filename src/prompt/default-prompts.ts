// The built-in prompt templates. A pipeline may replace each with its own file (`prompts:`); the data
// each template receives is documented in the README ("Prompt templates").

/** The tool list every planning prompt shows; any template can include it as `{{> toolList}}`. */
export const toolListPartial = `Tools you may use (use only these names; each step's "args" must match the tool's JSON Schema):
{{#each tools}}
- {{name}}: {{description}}
  args schema: {{json args}}
  output: {{output}}
{{/each}}`;

export const defaultSystemPrompt = `You are the planner of planexec. You write plans as JSON; a runner checks each plan and executes it as a graph of tool calls. You never run anything yourself.`;

export const defaultPlanPrompt = `Task:
{{task}}

{{> toolList}}

Write a complete plan as one JSON object:
{"steps": [{"id": 1, "action": "<what the step does>", "tool": "<tool name>", "args": {...}, "dependsOn": [<ids>]}]}

Rules:
- Step ids are unique. The output of the LAST step is the result of the task, so end with the step that produces the answer.
- To pass an earlier step's output into an argument, write \${steps.<id>.output} inside the string (for a tool with json output, \${steps.<id>.output.<field>} reads one field). That makes the step wait for the other one; dependsOn is only for extra ordering.
- Steps that do not depend on each other run in parallel.
- At most {{maxSteps}} steps. Reply with the JSON object only, no prose.`;

export const defaultRepairPrompt = `The runner rejected your plan before running anything. Problems:
{{#each problems}}
- {{this}}
{{/each}}

Reply with your whole corrected answer as one JSON object {"steps": [...]}, no prose.`;

export const defaultReplanPrompt = `A step of your plan failed while running, so the runner needs a new plan.

Task:
{{task}}

{{> toolList}}

The plan that failed:
{{#each previous.steps}}
- step {{id}} ({{tool}}): {{action}} -- {{status}}
{{/each}}

Outputs of the steps that succeeded (abridged):
{{#each succeeded}}
- step {{id}}: {{output}}
{{else}}
- none
{{/each}}

Failed: step {{failed.id}} ({{failed.tool}}) with arguments {{json failed.args}}
Error: {{failed.error}}

Write a new complete plan that accomplishes the task despite this failure, as one JSON object in the same format as before ({"steps": [...]}). The new plan runs from scratch: it cannot refer to steps of the failed plan, so repeat any step whose output it needs. Avoid what caused the error. At most {{maxSteps}} steps. Reply with the JSON object only.`;

export const defaultTailPrompt = `A step of your plan failed while running. The steps that succeeded keep their outputs; replace only the failed step and the steps that depend on it.

Task:
{{task}}

{{> toolList}}

Steps that stay (do not repeat them; use their outputs with \${steps.<id>.output}):
{{#each kept}}
- step {{id}} ({{tool}}): {{action}} -- {{status}}{{#if preview}}; output begins: {{preview}}{{/if}}
{{else}}
- none
{{/each}}

Failed: step {{failed.id}} ({{failed.tool}}) with arguments {{json failed.args}}
Error: {{failed.error}}

Steps to replace:
{{#each replace}}
- step {{id}} ({{tool}}): {{action}}
{{/each}}

Reply with the replacement steps only, as {"steps": [...]} in the same format as before. Give them ids the steps that stay do not use ({{#each kept}}{{id}}{{#unless @last}}, {{/unless}}{{/each}}). The last step you write produces the result of the task. Reply with the JSON object only.`;

export const defaultFixArgsPrompt = `A step failed while running. Correct its arguments.

Step {{step.id}}: {{step.action}}
Tool: {{tool.name}} -- {{tool.description}}
Arguments schema: {{json tool.args}}
Arguments that failed: {{json step.args}}
Error: {{error}}

Reply with the corrected arguments as one JSON object (the arguments only, e.g. {"name": "value"}), no prose. Keep any \${steps.<id>.output} reference the step needs.`;
