// @ts-nocheck
// Generated from schemas/pipeline.schema.json, schemas/tool.schema.json, schemas/config.schema.json, schemas/draft-07.schema.json, schemas/plan.schema.json, draft-07
// by `npm run generate:validators` (scripts/generate-validators.ts). Do not edit: change a schema and
// regenerate. test/source/project-validators-fresh.test.ts fails while this file is stale.
import runtime_ucs2length_module from 'ajv/dist/runtime/ucs2length.js';
import runtime_equal_module from 'ajv/dist/runtime/equal.js';
// A CommonJS `exports.default`: Node gives the exports object, a bundler or test runner may give the function.
const runtime_ucs2length = typeof runtime_ucs2length_module === 'function' ? runtime_ucs2length_module : runtime_ucs2length_module.default;
const runtime_equal = typeof runtime_equal_module === 'function' ? runtime_equal_module : runtime_equal_module.default;
export const pipeline = validate17;
const schema18 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://planexec.dev/schemas/pipeline.schema.json","title":"planexec pipeline","description":"A plan-and-execute pipeline: a task for the model, the tools its plan may use, and how planning, replanning and execution behave.","type":"object","additionalProperties":false,"required":["version","name","tools"],"if":{"not":{"properties":{"plan":true},"required":["plan"]}},"then":{"properties":{"task":true},"required":["task"]},"properties":{"$schema":{"title":"JSON Schema","description":"Path or URL of this schema, for editors. Ignored by planexec.","type":"string"},"version":{"title":"Format version","description":"Version of the pipeline format. Always 1.","const":1},"name":{"title":"Pipeline name","description":"Short name shown in progress output and run history.","examples":["release-notes"],"type":"string","minLength":1},"description":{"title":"Pipeline description","description":"What the pipeline is for; free text.","examples":["Draft release notes from the commits since the last tag"],"type":"string"},"task":{"title":"Task","description":"What the model should achieve. A Handlebars template over `inputs`, e.g. \"Write release notes for {{inputs.repo}}\". Required unless the pipeline has a fixed `plan`.","examples":["Write release notes for {{inputs.version}} from the commits since {{inputs.since}}."],"type":"string","minLength":1},"secrets":{"title":"Secrets","description":"Environment variables whose values are secrets. A run fails at the start when one is not set. A tool receives a secret only by naming it, as {{secrets.NAME}} in a command's env or an http tool's headers; every secret's value (and the model's API key) is replaced by *** in output, events, error messages and prompts sent to the model.","type":"array","uniqueItems":true,"items":{"title":"Secret","description":"Name of an environment variable, e.g. GH_TOKEN.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","patternErrorMessage":"must be the name of an environment variable (letters, digits and _), not its value"}},"writable":{"title":"Writable folders","description":"Folders of the workspace (the directory planexec runs in) that a plan may write under, through tool arguments marked writes: true (write_file of tools/fs.yaml). Everything else is read-only to a plan; [] allows no writes. Each entry is relative to the workspace, without .. and not the workspace itself; nothing inside .git or .planexec can be writable, and no part of a written path may be a symbolic link. Default [out/].","type":"array","uniqueItems":true,"examples":[["out/"],["out/","docs/generated/"]],"items":{"title":"Writable folder","description":"A folder relative to the workspace, e.g. out/ or docs/generated/.","type":"string","minLength":1}},"inputs":{"title":"Inputs","description":"Values a run takes with `--input name=value`, by name.","examples":[{"since":{"type":"string","default":"v1.0.0","description":"Tag to start from"}}],"type":"object","propertyNames":{"$ref":"tool.schema.json#/definitions/name"},"additionalProperties":{"$ref":"#/definitions/input"}},"model":{"$ref":"#/definitions/model","title":"Model","description":"The OpenAI-compatible model endpoint. Fields left out come from planexec.config.yaml, then built-in defaults."},"tools":{"title":"Tools","description":"The tools a plan may use: declarations, and imports of tool files with `use:`. The built-in `llm` tool is always available.","type":"array","items":{"title":"Tool declaration or import","description":"Either `use: path/to/tools.yaml` (an import) or a tool declaration: name, description, args and one of command, url or module.","if":{"type":"object","properties":{"use":true},"required":["use"]},"then":{"$ref":"#/definitions/toolImport"},"else":{"$ref":"tool.schema.json#/definitions/tool"}}},"prompts":{"title":"Prompt templates","description":"Handlebars files replacing the built-in prompts, relative to this file.","type":"object","additionalProperties":false,"properties":{"plan":{"title":"Plan prompt","description":"Template file of the prompt that asks for a plan.","examples":["prompts/plan.hbs"],"type":"string","minLength":1},"replan":{"title":"Replan prompt","description":"Template file of the prompt that asks for a whole new plan after a step failed, with replan.strategy full (data: task, tools, previous, succeeded, failed).","type":"string","minLength":1},"repair":{"title":"Repair prompt","description":"Template file of the prompt that asks the model to fix an invalid plan.","type":"string","minLength":1},"tail":{"title":"Tail prompt","description":"Template file of the prompt that asks for replacement steps after a step failed, with replan.strategy tail-only (data: task, tools, kept, failed, replace).","type":"string","minLength":1}}},"planning":{"$ref":"#/definitions/planning","title":"Planning","description":"Limits on the plan the model returns."},"replan":{"$ref":"#/definitions/replan","title":"Replanning","description":"What happens when a step fails."},"budget":{"$ref":"#/definitions/budget","title":"Budget","description":"Limits on model calls and tokens per run."},"execution":{"$ref":"#/definitions/execution","title":"Execution","description":"How steps run."},"policy":{"$ref":"#/definitions/policy","title":"Policy","description":"What the compiler does about a plan that breaks the data-flow policy."},"result":{"title":"Result template","description":"Handlebars template over `inputs`, `steps` and `last` that renders the run's result. Defaults to the last step's output.","examples":["{{last}}","## Release {{inputs.version}}\n\n{{last}}"],"type":"string"},"resultFormat":{"title":"Result format","description":"What the run's result is, for where it is shown formatted (the GitHub Action's step summary): markdown renders it as Markdown (raw HTML and images shown as text), text shows it as it is in a code block. Default: markdown when the result is the output of an llm step (the plan's last step, with no result template), text otherwise.","examples":["markdown"],"enum":["markdown","text"]},"plan":{"title":"Fixed plan","description":"The pipeline's plan, written out: the pipeline then runs this fixed DAG with no planning call (like a promptflow flow or a GitHub Actions job graph), and `task` becomes optional. Same format as a plan the model writes (schemas/plan.schema.json); `${inputs.<name>}` in a string argument is replaced by the input's value, `${steps.<id>.output}` by a step's output. A failing step is replanned with the model as `replan` says.","type":"object","required":["steps"],"additionalProperties":false,"properties":{"steps":{"description":"The steps: each { id, action, tool, args, dependsOn }, checked by the plan compiler when the pipeline loads.","type":"array","minItems":1,"items":{"type":"object"}}}},"approve":{"title":"Approve before running","description":"Show the compiled plan and ask before executing it (planexec run --yes skips the question; without a terminal the run stops with exit 2 unless --yes is given). Default false.","type":"boolean"},"tests":{"title":"Pipeline tests","description":"Tests that `planexec test` runs offline, each from a recording of the model's answers (the tools run for real): the inputs to run with and what to expect of the run.","type":"array","minItems":1,"items":{"$ref":"#/definitions/test"}}},"definitions":{"input":{"title":"Input","description":"One input of the pipeline. Without a default it is required.","type":"object","additionalProperties":false,"properties":{"type":{"title":"Input type","description":"How the `--input` text is read.","enum":["string","number","boolean"],"default":"string"},"default":{"title":"Default value","description":"Value used when the run does not give the input; without one, the input is required.","type":["string","number","boolean"]},"description":{"title":"Input description","description":"What the input means; shown in help and to the model.","type":"string"}}},"toolImport":{"title":"Tool file import","description":"Imports the tools declared in a tool file.","type":"object","additionalProperties":false,"required":["use"],"properties":{"use":{"title":"Tool file","description":"Path of a tool file (a YAML list of tool declarations), relative to this file.","examples":["../tools/git.yaml"],"type":"string","minLength":1},"only":{"title":"Only these tools","description":"Import only the tools with these names.","examples":[["git_log","git_show"]],"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"tool.schema.json#/definitions/name"}}}},"model":{"title":"Model","description":"The OpenAI-compatible model endpoint. Fields left out come from planexec.config.yaml, then built-in defaults.","type":"object","additionalProperties":false,"properties":{"name":{"title":"Model name","description":"Model to ask, as the endpoint names it. Default gpt-4o-mini.","examples":["gpt-4o-mini","llama3.1:8b"],"type":"string","minLength":1},"provider":{"title":"Provider","description":"How the endpoint is set up. openai (default): model.baseURL, else OPENAI_BASE_URL, else OpenAI; the key in OPENAI_API_KEY. azure: Azure OpenAI, from AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION; requests go to the deployment model.deployment (default model.name). ollama: the server OLLAMA_HOST names (default 127.0.0.1:11434), no key needed.","examples":["azure","ollama"],"enum":["openai","azure","ollama"]},"deployment":{"title":"Azure deployment","description":"provider azure: the deployment requests go to (/openai/deployments/<deployment>/chat/completions). Default: model.name.","examples":["gpt-4o-mini-prod"],"type":"string","minLength":1},"apiVersion":{"title":"Azure API version","description":"provider azure: the api-version sent with every request. Default: OPENAI_API_VERSION.","examples":["2024-10-21"],"type":"string","minLength":1},"baseURL":{"title":"Endpoint URL","description":"Base URL of an OpenAI-compatible API, e.g. http://localhost:8000/v1 (vLLM) or http://localhost:8080/v1 (llama.cpp). Default: OPENAI_BASE_URL, else OpenAI. With provider azure: the resource endpoint, https://<resource>.openai.azure.com (default AZURE_OPENAI_ENDPOINT); with provider ollama: instead of OLLAMA_HOST. --base-url overrides it.","examples":["http://localhost:11434/v1"],"type":"string","pattern":"^https?://","patternErrorMessage":"must be an http:// or https:// URL"},"apiKeyEnv":{"title":"API key variable","description":"Name of the environment variable holding the API key (never the key itself). Default OPENAI_API_KEY; AZURE_OPENAI_API_KEY with provider azure; OLLAMA_API_KEY with provider ollama (optional there).","examples":["OPENAI_API_KEY"],"type":"string","pattern":"^[A-Z_][A-Z0-9_]*$","patternErrorMessage":"must be the name of an environment variable (A-Z, 0-9 and _), not the key itself"},"temperature":{"title":"Temperature","description":"Sampling temperature, 0 to 2.","examples":[0.2],"type":"number","minimum":0,"maximum":2},"replay":{"title":"Replay recording","description":"Serve model responses from this recording instead of calling an endpoint; path relative to the file that sets it.","examples":["recordings/release-notes.json"],"type":"string","minLength":1},"maxRetries":{"title":"Retries","description":"Retries of a request after 429, 5xx or network errors. Default 2.","type":"integer","minimum":0},"timeout":{"$ref":"tool.schema.json#/definitions/duration","title":"Request timeout","description":"Timeout of one model request, e.g. 60s. Default 60s."}}},"policy":{"title":"Policy","description":"What the compiler does about a plan that breaks the data-flow policy.","type":"object","additionalProperties":false,"properties":{"untrustedFlow":{"title":"Untrusted data flow","description":"A plan in which untrusted data (the output of a trust: untrusted tool, or anything computed from it) can reach an argument that accepts only trusted data: reject (default) makes it a plan problem the model must repair; ask runs it only once approved (the same gate as approve; --yes approves).","enum":["reject","ask"],"default":"reject"}}},"planning":{"title":"Planning","description":"Limits on the plan the model returns.","type":"object","additionalProperties":false,"properties":{"maxSteps":{"title":"Maximum steps","description":"Most steps a plan may have. Default 50.","examples":[20],"type":"integer","minimum":1},"maxRepairs":{"title":"Maximum repairs","description":"How often the model may be asked to fix an invalid plan. Default 2.","examples":[2],"type":"integer","minimum":0},"maxArgumentBytes":{"title":"Maximum argument size","description":"Largest JSON size, in bytes, of one step's arguments. Default 65536.","type":"integer","minimum":1,"examples":[65536]},"maxArgumentDepth":{"title":"Maximum argument nesting","description":"Deepest nesting of one step's arguments. Default 16.","type":"integer","minimum":1,"examples":[16]},"maxPlanBytes":{"title":"Maximum plan size","description":"Largest model reply, in bytes, that is read as a plan; a longer one is rejected unread. Default 1048576 (1 MiB).","type":"integer","minimum":1,"examples":[1048576]},"cache":{"title":"Plan cache","description":"Reuse the stored plan of an identical planning request (same prompt, model and tool declarations) instead of asking the model again; --no-cache bypasses it. Default false.","type":"boolean"},"stream":{"title":"Stream the plan","description":"Read the first plan as the model writes it: a step starts as soon as its JSON is complete, it passes every check it can pass alone (schema, tool, arguments, references only to earlier steps) and its needs have succeeded. Checks of the whole plan still run when it is complete; if it fails them, running steps are cancelled and the repair loop runs. Steps of tools with sideEffects or confirm, and pipelines with approve, wait for the whole plan. Replays and servers that cannot stream use the whole plan. Default true.","type":"boolean"}}},"replan":{"title":"Replanning","description":"What happens when a step fails.","type":"object","additionalProperties":false,"properties":{"strategy":{"title":"Replan strategy","description":"full: a whole new plan (identical finished calls are reused, not rerun); tail-only: keep every step not downstream of the failure and replace only the failed step and its dependents; retry-step: rerun the failed step (with fixArgs, with corrected arguments), then fall back; none: fail the run. Default full.","enum":["full","tail-only","retry-step","none"]},"maxReplans":{"title":"Maximum replans","description":"How many new plans (full or tail) a run may ask for. Default 2.","examples":[2],"type":"integer","minimum":0},"retries":{"title":"Retries","description":"retry-step: how often the failed step is rerun before replan.fallback. Default 2.","type":"integer","minimum":0,"examples":[2]},"fixArgs":{"title":"Fix arguments","description":"retry-step: before each rerun, ask the model for corrected arguments of the failed step (one small prompt). Default false.","type":"boolean"},"fallback":{"title":"Fallback","description":"retry-step: what happens when the retries are spent. Default tail-only.","enum":["tail-only","full","none"]}}},"execution":{"title":"Execution","description":"How steps run.","type":"object","additionalProperties":false,"properties":{"concurrency":{"title":"Concurrency","description":"Most steps running at once. Default 4.","examples":[4],"type":"integer","minimum":1},"stepTimeout":{"$ref":"tool.schema.json#/definitions/duration","title":"Step timeout","description":"How long one step may run, e.g. 5m, unless its tool sets `timeout`. Default 5m."},"maxOutputBytes":{"title":"Maximum output bytes","description":"Most bytes of output kept from one step; the rest is discarded (memory stays flat) and the step notes the truncation. Default 1048576 (1 MiB).","examples":[1048576],"type":"integer","minimum":1},"onFailure":{"title":"On failure","description":"What happens to steps still running when a step fails: wait lets them finish (their outputs are kept for replanning), cancel stops them at once. No new step starts either way. Default wait.","enum":["wait","cancel"]},"backend":{"$ref":"#/definitions/backend"}}},"backend":{"title":"Backend","description":"Where steps run. Default: in this process. kind bullmq: `planexec run` stays the coordinator (it plans, schedules, replans and keeps the run store) and each ready step becomes a BullMQ job on Redis, run by `planexec worker` processes that have the same pipeline and tools (`llm` steps stay on the coordinator). A step whose worker stops mid-step is run again by another worker (at-least-once) unless its tool sets idempotent: false. `planexec run --backend <url>` overrides it.","examples":[{"kind":"bullmq","redis":"redis://localhost:6379"}],"type":"object","required":["kind"],"if":{"properties":{"kind":{"const":"bullmq"}}},"then":{"required":["kind","redis"],"additionalProperties":false,"properties":{"kind":{"const":"bullmq"},"redis":{"title":"Redis URL","description":"redis://[user:password@]host[:port][/db], or rediss://… for TLS. Rather than writing a password here, leave it out and set PLANEXEC_REDIS_PASSWORD.","examples":["redis://localhost:6379","rediss://default@redis.internal:6380/0"],"type":"string","pattern":"^rediss?://","patternErrorMessage":"must be a redis:// or rediss:// URL"},"queue":{"title":"Queue","description":"Name of the BullMQ queue; workers must use the same (planexec worker --queue). Default planexec.","type":"string","pattern":"^[A-Za-z0-9_.-]{1,100}$","patternErrorMessage":"must be 1 to 100 letters, digits, _, . or -"}}},"else":{"additionalProperties":false,"properties":{"kind":{"title":"Backend kind","description":"local: run steps in this process (the default); bullmq: run them on workers through Redis.","enum":["local","bullmq"]}}}},"budget":{"title":"Budget","description":"Limits on what a run may spend on the model, checked before each call; a run that reaches one ends with exit 3 naming it.","type":"object","additionalProperties":false,"properties":{"maxLlmCalls":{"title":"Maximum model calls","description":"Most model calls a run may make (planning, repairs, replans and llm steps).","type":"integer","minimum":1,"examples":[20]},"maxTokens":{"title":"Maximum tokens","description":"Most prompt plus completion tokens a run may use, as the API reports them.","type":"integer","minimum":1,"examples":[200000]}}},"test":{"title":"Pipeline test","description":"One test: run the pipeline with `inputs`, serving the model's answers from `replay`, and check the run against `expect`.","examples":[{"name":"default version","inputs":{"version":"v1.1.0"},"replay":"recordings/release-notes.json","expect":{"status":"succeeded","result":{"contains":"### Features"},"maxLlmCalls":2}}],"type":"object","additionalProperties":false,"required":["name","expect"],"properties":{"name":{"title":"Test name","description":"Unique within the pipeline; shown by `planexec test` and in JUnit XML.","type":"string","minLength":1},"inputs":{"title":"Test inputs","description":"Input values by name, as `--input name=value` gives them; inputs not given take their defaults.","type":"object","additionalProperties":{"type":["string","number","boolean"]}},"replay":{"title":"Recording","description":"The recording the model's answers are served from, relative to this file (made with `planexec run <pipeline> --record <file>`). Default: `model.replay`. A pipeline with a fixed `plan` may have a test with neither: then any model call the run makes fails the test. A test never calls a live model.","type":"string","minLength":1},"expect":{"$ref":"#/definitions/testExpect"}}},"testExpect":{"title":"Test expectations","description":"What the run must do for the test to pass; every field given must hold.","type":"object","additionalProperties":false,"properties":{"status":{"title":"Expected status","description":"How the run must end. Default succeeded.","enum":["succeeded","failed","plan-failed","invalid-input","not-approved"]},"result":{"$ref":"#/definitions/resultCheck"},"maxLlmCalls":{"title":"Most model calls","description":"The run may make at most this many model calls (planning, repairs, replans and llm steps).","type":"integer","minimum":0}}},"resultCheck":{"title":"Result check","description":"Checks on the run's result; every one given must hold.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"equals":{"title":"Result equals","description":"The whole result, exactly (one newline at the end of either is ignored).","type":"string"},"contains":{"title":"Result contains","description":"Text the result must contain; a list: every item.","oneOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"items":{"type":"string","minLength":1}}]},"matches":{"title":"Result matches","description":"A JavaScript regular expression the result must match somewhere; anchor it with ^ and $ to match the whole.","type":"string","minLength":1},"jsonSchema":{"title":"Result JSON Schema","description":"The result must be JSON that this JSON Schema (draft-07) accepts.","type":"object"}}}}};
const schema22 = {"title":"Name","description":"Letters, digits and _, not starting with a digit.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","patternErrorMessage":"must be a name of letters, digits and _, not starting with a digit"};
const schema70 = {"title":"Input","description":"One input of the pipeline. Without a default it is required.","type":"object","additionalProperties":false,"properties":{"type":{"title":"Input type","description":"How the `--input` text is read.","enum":["string","number","boolean"],"default":"string"},"default":{"title":"Default value","description":"Value used when the run does not give the input; without one, the input is required.","type":["string","number","boolean"]},"description":{"title":"Input description","description":"What the input means; shown in help and to the model.","type":"string"}}};
const schema76 = {"title":"Planning","description":"Limits on the plan the model returns.","type":"object","additionalProperties":false,"properties":{"maxSteps":{"title":"Maximum steps","description":"Most steps a plan may have. Default 50.","examples":[20],"type":"integer","minimum":1},"maxRepairs":{"title":"Maximum repairs","description":"How often the model may be asked to fix an invalid plan. Default 2.","examples":[2],"type":"integer","minimum":0},"maxArgumentBytes":{"title":"Maximum argument size","description":"Largest JSON size, in bytes, of one step's arguments. Default 65536.","type":"integer","minimum":1,"examples":[65536]},"maxArgumentDepth":{"title":"Maximum argument nesting","description":"Deepest nesting of one step's arguments. Default 16.","type":"integer","minimum":1,"examples":[16]},"maxPlanBytes":{"title":"Maximum plan size","description":"Largest model reply, in bytes, that is read as a plan; a longer one is rejected unread. Default 1048576 (1 MiB).","type":"integer","minimum":1,"examples":[1048576]},"cache":{"title":"Plan cache","description":"Reuse the stored plan of an identical planning request (same prompt, model and tool declarations) instead of asking the model again; --no-cache bypasses it. Default false.","type":"boolean"},"stream":{"title":"Stream the plan","description":"Read the first plan as the model writes it: a step starts as soon as its JSON is complete, it passes every check it can pass alone (schema, tool, arguments, references only to earlier steps) and its needs have succeeded. Checks of the whole plan still run when it is complete; if it fails them, running steps are cancelled and the repair loop runs. Steps of tools with sideEffects or confirm, and pipelines with approve, wait for the whole plan. Replays and servers that cannot stream use the whole plan. Default true.","type":"boolean"}}};
const schema77 = {"title":"Replanning","description":"What happens when a step fails.","type":"object","additionalProperties":false,"properties":{"strategy":{"title":"Replan strategy","description":"full: a whole new plan (identical finished calls are reused, not rerun); tail-only: keep every step not downstream of the failure and replace only the failed step and its dependents; retry-step: rerun the failed step (with fixArgs, with corrected arguments), then fall back; none: fail the run. Default full.","enum":["full","tail-only","retry-step","none"]},"maxReplans":{"title":"Maximum replans","description":"How many new plans (full or tail) a run may ask for. Default 2.","examples":[2],"type":"integer","minimum":0},"retries":{"title":"Retries","description":"retry-step: how often the failed step is rerun before replan.fallback. Default 2.","type":"integer","minimum":0,"examples":[2]},"fixArgs":{"title":"Fix arguments","description":"retry-step: before each rerun, ask the model for corrected arguments of the failed step (one small prompt). Default false.","type":"boolean"},"fallback":{"title":"Fallback","description":"retry-step: what happens when the retries are spent. Default tail-only.","enum":["tail-only","full","none"]}}};
const schema78 = {"title":"Budget","description":"Limits on what a run may spend on the model, checked before each call; a run that reaches one ends with exit 3 naming it.","type":"object","additionalProperties":false,"properties":{"maxLlmCalls":{"title":"Maximum model calls","description":"Most model calls a run may make (planning, repairs, replans and llm steps).","type":"integer","minimum":1,"examples":[20]},"maxTokens":{"title":"Maximum tokens","description":"Most prompt plus completion tokens a run may use, as the API reports them.","type":"integer","minimum":1,"examples":[200000]}}};
const schema82 = {"title":"Policy","description":"What the compiler does about a plan that breaks the data-flow policy.","type":"object","additionalProperties":false,"properties":{"untrustedFlow":{"title":"Untrusted data flow","description":"A plan in which untrusted data (the output of a trust: untrusted tool, or anything computed from it) can reach an argument that accepts only trusted data: reject (default) makes it a plan problem the model must repair; ask runs it only once approved (the same gate as approve; --yes approves).","enum":["reject","ask"],"default":"reject"}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = runtime_ucs2length;
const pattern0 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const schema71 = {"title":"Model","description":"The OpenAI-compatible model endpoint. Fields left out come from planexec.config.yaml, then built-in defaults.","type":"object","additionalProperties":false,"properties":{"name":{"title":"Model name","description":"Model to ask, as the endpoint names it. Default gpt-4o-mini.","examples":["gpt-4o-mini","llama3.1:8b"],"type":"string","minLength":1},"provider":{"title":"Provider","description":"How the endpoint is set up. openai (default): model.baseURL, else OPENAI_BASE_URL, else OpenAI; the key in OPENAI_API_KEY. azure: Azure OpenAI, from AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION; requests go to the deployment model.deployment (default model.name). ollama: the server OLLAMA_HOST names (default 127.0.0.1:11434), no key needed.","examples":["azure","ollama"],"enum":["openai","azure","ollama"]},"deployment":{"title":"Azure deployment","description":"provider azure: the deployment requests go to (/openai/deployments/<deployment>/chat/completions). Default: model.name.","examples":["gpt-4o-mini-prod"],"type":"string","minLength":1},"apiVersion":{"title":"Azure API version","description":"provider azure: the api-version sent with every request. Default: OPENAI_API_VERSION.","examples":["2024-10-21"],"type":"string","minLength":1},"baseURL":{"title":"Endpoint URL","description":"Base URL of an OpenAI-compatible API, e.g. http://localhost:8000/v1 (vLLM) or http://localhost:8080/v1 (llama.cpp). Default: OPENAI_BASE_URL, else OpenAI. With provider azure: the resource endpoint, https://<resource>.openai.azure.com (default AZURE_OPENAI_ENDPOINT); with provider ollama: instead of OLLAMA_HOST. --base-url overrides it.","examples":["http://localhost:11434/v1"],"type":"string","pattern":"^https?://","patternErrorMessage":"must be an http:// or https:// URL"},"apiKeyEnv":{"title":"API key variable","description":"Name of the environment variable holding the API key (never the key itself). Default OPENAI_API_KEY; AZURE_OPENAI_API_KEY with provider azure; OLLAMA_API_KEY with provider ollama (optional there).","examples":["OPENAI_API_KEY"],"type":"string","pattern":"^[A-Z_][A-Z0-9_]*$","patternErrorMessage":"must be the name of an environment variable (A-Z, 0-9 and _), not the key itself"},"temperature":{"title":"Temperature","description":"Sampling temperature, 0 to 2.","examples":[0.2],"type":"number","minimum":0,"maximum":2},"replay":{"title":"Replay recording","description":"Serve model responses from this recording instead of calling an endpoint; path relative to the file that sets it.","examples":["recordings/release-notes.json"],"type":"string","minLength":1},"maxRetries":{"title":"Retries","description":"Retries of a request after 429, 5xx or network errors. Default 2.","type":"integer","minimum":0},"timeout":{"$ref":"tool.schema.json#/definitions/duration","title":"Request timeout","description":"Timeout of one model request, e.g. 60s. Default 60s."}}};
const schema37 = {"title":"Duration","description":"A duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds.","examples":["500ms","30s","5m","1h"],"type":["string","integer"],"pattern":"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$","minimum":0,"patternErrorMessage":"must be a duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds"};
const pattern2 = new RegExp("^https?://", "u");
const pattern16 = new RegExp("^[A-Z_][A-Z0-9_]*$", "u");
const pattern5 = new RegExp("^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$", "u");

function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema71.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema71,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err1 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.name,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.name.type,parentSchema:schema71.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.provider !== undefined){
let data1 = data.provider;
if(!(((data1 === "openai") || (data1 === "azure")) || (data1 === "ollama"))){
const err3 = {instancePath:instancePath+"/provider",schemaPath:"#/properties/provider/enum",keyword:"enum",params:{allowedValues: schema71.properties.provider.enum},message:"must be equal to one of the allowed values",schema:schema71.properties.provider.enum,parentSchema:schema71.properties.provider,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.deployment !== undefined){
let data2 = data.deployment;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err4 = {instancePath:instancePath+"/deployment",schemaPath:"#/properties/deployment/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.deployment,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/deployment",schemaPath:"#/properties/deployment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.deployment.type,parentSchema:schema71.properties.deployment,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data3 = data.apiVersion;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err6 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.apiVersion,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.apiVersion.type,parentSchema:schema71.properties.apiVersion,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.baseURL !== undefined){
let data4 = data.baseURL;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err8 = {instancePath:instancePath+"/baseURL",schemaPath:"#/properties/baseURL/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema71.properties.baseURL,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/baseURL",schemaPath:"#/properties/baseURL/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.baseURL.type,parentSchema:schema71.properties.baseURL,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.apiKeyEnv !== undefined){
let data5 = data.apiKeyEnv;
if(typeof data5 === "string"){
if(!pattern16.test(data5)){
const err10 = {instancePath:instancePath+"/apiKeyEnv",schemaPath:"#/properties/apiKeyEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Z_][A-Z0-9_]*$"},message:"must match pattern \""+"^[A-Z_][A-Z0-9_]*$"+"\"",schema:"^[A-Z_][A-Z0-9_]*$",parentSchema:schema71.properties.apiKeyEnv,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/apiKeyEnv",schemaPath:"#/properties/apiKeyEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.apiKeyEnv.type,parentSchema:schema71.properties.apiKeyEnv,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.temperature !== undefined){
let data6 = data.temperature;
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 2 || isNaN(data6)){
const err12 = {instancePath:instancePath+"/temperature",schemaPath:"#/properties/temperature/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2},message:"must be <= 2",schema:2,parentSchema:schema71.properties.temperature,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data6 < 0 || isNaN(data6)){
const err13 = {instancePath:instancePath+"/temperature",schemaPath:"#/properties/temperature/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema71.properties.temperature,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/temperature",schemaPath:"#/properties/temperature/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema71.properties.temperature.type,parentSchema:schema71.properties.temperature,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.replay !== undefined){
let data7 = data.replay;
if(typeof data7 === "string"){
if(func3(data7) < 1){
const err15 = {instancePath:instancePath+"/replay",schemaPath:"#/properties/replay/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.replay,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/replay",schemaPath:"#/properties/replay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.replay.type,parentSchema:schema71.properties.replay,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.maxRetries !== undefined){
let data8 = data.maxRetries;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err17 = {instancePath:instancePath+"/maxRetries",schemaPath:"#/properties/maxRetries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema71.properties.maxRetries.type,parentSchema:schema71.properties.maxRetries,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err18 = {instancePath:instancePath+"/maxRetries",schemaPath:"#/properties/maxRetries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema71.properties.maxRetries,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.timeout !== undefined){
let data9 = data.timeout;
if((typeof data9 !== "string") && (!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9))))){
const err19 = {instancePath:instancePath+"/timeout",schemaPath:"tool.schema.json#/definitions/duration/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err20 = {instancePath:instancePath+"/timeout",schemaPath:"tool.schema.json#/definitions/duration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(typeof data9 === "string"){
if(!pattern5.test(data9)){
const err21 = {instancePath:instancePath+"/timeout",schemaPath:"tool.schema.json#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.type,parentSchema:schema71,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate46.errors = vErrors;
return errors === 0;
}

const schema73 = {"title":"Tool file import","description":"Imports the tools declared in a tool file.","type":"object","additionalProperties":false,"required":["use"],"properties":{"use":{"title":"Tool file","description":"Path of a tool file (a YAML list of tool declarations), relative to this file.","examples":["../tools/git.yaml"],"type":"string","minLength":1},"only":{"title":"Only these tools","description":"Import only the tools with these names.","examples":[["git_log","git_show"]],"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"tool.schema.json#/definitions/name"}}}};
const func0 = runtime_equal;

function validate48(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.use === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "use"},message:"must have required property '"+"use"+"'",schema:schema73.required,parentSchema:schema73,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "use") || (key0 === "only"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema73,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.use !== undefined){
let data0 = data.use;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err2 = {instancePath:instancePath+"/use",schemaPath:"#/properties/use/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema73.properties.use,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/use",schemaPath:"#/properties/use/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema73.properties.use.type,parentSchema:schema73.properties.use,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.only !== undefined){
let data1 = data.only;
if(Array.isArray(data1)){
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/only",schemaPath:"#/properties/only/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema73.properties.only,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err5 = {instancePath:instancePath+"/only/" + i0,schemaPath:"tool.schema.json#/definitions/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema22,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/only/" + i0,schemaPath:"tool.schema.json#/definitions/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err7 = {instancePath:instancePath+"/only",schemaPath:"#/properties/only/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema73.properties.only,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err8 = {instancePath:instancePath+"/only",schemaPath:"#/properties/only/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema73.properties.only.type,parentSchema:schema73.properties.only,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema73.type,parentSchema:schema73,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate48.errors = vErrors;
return errors === 0;
}

const schema20 = {"title":"Tool declaration","description":"A tool the plan may use: a command (`command:`, argv only, never a shell line), an HTTP request (`url:`) or a JS/TS module's export (`module:`), with a JSON Schema for the arguments the plan may pass.","examples":[{"name":"grep_lines","description":"Lines of a text file that match an extended regular expression, as <line>:<text>","command":["grep","-n","-E","-e","{{args.pattern}}","--","{{args.file}}"],"args":{"type":"object","properties":{"pattern":{"type":"string"},"file":{"type":"string"}},"required":["pattern","file"],"additionalProperties":false},"output":"lines"}],"type":"object","if":{"type":"object","properties":{"url":true},"required":["url"]},"then":{"$ref":"#/definitions/httpTool"},"else":{"if":{"type":"object","properties":{"module":true},"required":["module"]},"then":{"$ref":"#/definitions/moduleTool"},"else":{"$ref":"#/definitions/commandTool"}}};
const schema21 = {"title":"HTTP tool","description":"An HTTP request the plan may make: method, url, query, headers and body are templates over the step's arguments; status 400 or above fails the step.","type":"object","additionalProperties":false,"required":["name","description","url","args"],"properties":{"name":{"$ref":"#/definitions/toolName"},"description":{"$ref":"#/definitions/toolDescription"},"args":{"$ref":"#/definitions/argsSchema"},"output":{"$ref":"#/definitions/outputFormat"},"method":{"title":"HTTP method","description":"The request's method. Default GET.","enum":["GET","HEAD","POST","PUT","PATCH","DELETE"],"default":"GET"},"url":{"title":"URL","description":"The request URL: a Handlebars template over `args`, each inserted value percent-encoded, e.g. \"https://api.github.com/repos/{{args.owner}}/{{args.repo}}/releases\". Its host must be static unless `allowHosts` lists the hosts it may be.","examples":["https://api.github.com/repos/{{args.owner}}/{{args.repo}}/releases"],"type":"string","pattern":"^https?://","patternErrorMessage":"must be an http:// or https:// URL"},"query":{"title":"Query parameters","description":"Query parameters added to the URL (encoded), each a Handlebars template over `args`; a parameter that renders empty is left out.","examples":[{"per_page":"{{args.limit}}","q":"{{args.query}}"}],"type":"object","additionalProperties":{"title":"Query parameter value","description":"A Handlebars template over `args`.","type":"string"}},"headers":{"title":"Headers","description":"Request headers. Each value is a Handlebars template over `args`, `secrets` and `env`, e.g. \"Bearer {{secrets.GITHUB_TOKEN}}\" (with GITHUB_TOKEN under the pipeline's `secrets:`). Headers are the only place of an http tool where secrets and environment variables can be read; their values are redacted from the response and from errors.","examples":[{"accept":"application/vnd.github+json","authorization":"Bearer {{env.GITHUB_TOKEN}}"}],"type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$","patternErrorMessage":"must be an HTTP header name"},"additionalProperties":{"title":"Header value","description":"A Handlebars template over `args`, `secrets` and `env`.","type":"string"}},"body":{"title":"Body","description":"A string: a Handlebars template over `args`, sent as text. A map or list: sent as JSON; each string in it is a template over `args`, and a string that is exactly \"{{args.name}}\" becomes the argument's value itself (a number stays a number; an argument not given leaves the field out).","examples":[{"title":"{{args.title}}","labels":"{{args.labels}}"},"{{args.text}}"],"type":["string","object","array"]},"allowHosts":{"title":"Allowed hosts","description":"Hosts the request and any redirect may go to; `*.example.com` allows every subdomain. Defaults to the host of `url` (which then must not depend on `args`).","examples":[["api.github.com"],["*.example.com","localhost:8080"]],"type":"array","minItems":1,"uniqueItems":true,"items":{"title":"Allowed host","description":"A host name, with an optional port (example.com:8443), or *.example.com.","type":"string","pattern":"^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$","patternErrorMessage":"must be a host name such as api.example.com, *.example.com or localhost:8080"}},"allowLinkLocal":{"title":"Allow link-local addresses","description":"Let the request reach link-local and cloud metadata addresses (169.254.0.0/16 such as 169.254.169.254, fe80::/10, metadata.google.internal). Default false: such a request, or a host name that resolves to such an address, is refused.","type":"boolean","default":false},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"critical":{"$ref":"#/definitions/critical"},"confirm":{"$ref":"#/definitions/confirm"},"sideEffects":{"$ref":"#/definitions/sideEffects"},"trust":{"$ref":"#/definitions/trust"},"accepts":{"$ref":"#/definitions/accepts"},"idempotent":{"$ref":"#/definitions/idempotent"}}};
const schema23 = {"title":"Tool description","description":"What the tool does and returns, in one or two sentences. The model reads it to decide when to use the tool.","examples":["Commit subjects since a tag or commit, newest first, one per line."],"type":"string","minLength":1};
const schema36 = {"title":"Output format","description":"How the tool's output (a command's stdout, a response body, a function's return value) is read: `text` as is, `lines` as a list of non-empty lines, `json` parsed as JSON.","enum":["text","lines","json"],"default":"text"};
const schema41 = {"title":"Critical","description":"false: when a step of this tool fails and no other step needs its output (and it is not the plan's last step), the run goes on without replanning. Default true.","type":"boolean"};
const schema42 = {"title":"Confirm","description":"true: a plan that uses this tool is shown and must be approved before it runs (see the pipeline's approve). Default false.","type":"boolean"};
const schema43 = {"title":"Side effects","description":"true: the tool changes something outside the run (writes, sends, deploys), so with planning.stream its steps never start before the whole plan is checked, and (unless it says accepts: any) none of its arguments may carry untrusted data. Default false, except for http tools whose method is not GET or HEAD.","type":"boolean"};
const schema44 = {"title":"Trust of the output","description":"untrusted: the tool returns data from outside the user's control (web pages, issue bodies, emails, other people's files). Its output, and everything computed from it (a reference to it, the output of an llm step whose prompt holds it), is untrusted and cannot reach an argument that accepts only trusted data. Default trusted.","enum":["trusted","untrusted"],"default":"trusted"};
const schema45 = {"title":"Data the arguments accept","description":"trusted: no argument of this tool may carry untrusted data (the compiler rejects such a plan, naming the path the data takes). any: every argument may. Default trusted for a tool with side effects (sideEffects: true, or an http tool whose method is not GET or HEAD), otherwise any; one argument can be made trusted-only with x-accepts: trusted in the args schema.","enum":["trusted","any"]};
const schema46 = {"title":"Idempotent","description":"false: with execution.backend bullmq, a step whose worker stopped while running it (killed, lost, shut down) fails instead of being run again by another worker. Default true: such a step is run again (at-least-once).","type":"boolean"};
const pattern3 = new RegExp("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", "u");
const pattern4 = new RegExp("^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$", "u");
const schema24 = {"title":"Argument schema","description":"JSON Schema (draft-07) of the arguments a plan may pass to this tool; its top-level type must be object. Four planexec additions: `format: path` on a string confines it to the workspace (no .., absolute path or symlink leading outside the directory planexec runs in, nothing inside .git); `writes: true` on a path the tool writes confines it further to the pipeline's writable folders (default out/), through no symbolic link, to no file with other hard links; `allowOptionLike: true` on a property lets its value start with - where it fills the start of a command argument (otherwise refused as option injection, unless it follows a literal -- in the command); `x-accepts: trusted` on a top-level property means that argument may not carry untrusted data (see trust and accepts).","examples":[{"type":"object","properties":{"since":{"type":"string","description":"A tag or commit, e.g. v1.2.0"}},"required":["since"],"additionalProperties":false}],"allOf":[{"$ref":"draft-07.schema.json"}],"type":"object","required":["type"],"properties":{"type":{"title":"Argument schema type","description":"Always object: a plan passes arguments by name.","const":"object"}}};
const schema25 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://planexec.dev/schemas/draft-07.schema.json","$comment":"JSON Schema draft-07 (http://json-schema.org/draft-07/schema#) as ajv ships it, with its own $id: tool.schema.json checks an args schema against it, and editors load it from here, with no network.","title":"Core schema meta-schema","definitions":{"schemaArray":{"type":"array","minItems":1,"items":{"$ref":"#"}},"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]},"simpleTypes":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}},"type":["object","boolean"],"properties":{"$id":{"type":"string","format":"uri-reference"},"$schema":{"type":"string","format":"uri"},"$ref":{"type":"string","format":"uri-reference"},"$comment":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"default":true,"readOnly":{"type":"boolean","default":false},"examples":{"type":"array","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#/definitions/nonNegativeInteger"},"minLength":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"pattern":{"type":"string","format":"regex"},"additionalItems":{"$ref":"#"},"items":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/schemaArray"}],"default":true},"maxItems":{"$ref":"#/definitions/nonNegativeInteger"},"minItems":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"contains":{"$ref":"#"},"maxProperties":{"$ref":"#/definitions/nonNegativeInteger"},"minProperties":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"required":{"$ref":"#/definitions/stringArray"},"additionalProperties":{"$ref":"#"},"definitions":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"properties":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"patternProperties":{"type":"object","additionalProperties":{"$ref":"#"},"propertyNames":{"format":"regex"},"default":{}},"dependencies":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/stringArray"}]}},"propertyNames":{"$ref":"#"},"const":true,"enum":{"type":"array","items":true,"minItems":1,"uniqueItems":true},"type":{"anyOf":[{"$ref":"#/definitions/simpleTypes"},{"type":"array","items":{"$ref":"#/definitions/simpleTypes"},"minItems":1,"uniqueItems":true}]},"format":{"type":"string"},"contentMediaType":{"type":"string"},"contentEncoding":{"type":"string"},"if":{"$ref":"#"},"then":{"$ref":"#"},"else":{"$ref":"#"},"allOf":{"$ref":"#/definitions/schemaArray"},"anyOf":{"$ref":"#/definitions/schemaArray"},"oneOf":{"$ref":"#/definitions/schemaArray"},"not":{"$ref":"#"}},"default":true};
const schema26 = {"type":"integer","minimum":0};
const schema32 = {"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]};
const schema34 = {"enum":["array","boolean","integer","null","number","object","string"]};
const schema27 = {"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){
const err0 = {instancePath,schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.type,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if((typeof data == "number") && (isFinite(data))){
if(data < 0 || isNaN(data)){
const err1 = {instancePath,schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
validate23.errors = vErrors;
return errors === 0;
}

const schema29 = {"type":"array","minItems":1,"items":{"$ref":"#"}};
const root1 = {validate: validate22};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
if(data.length < 1){
const err0 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(root1.validate(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? root1.validate.errors : vErrors.concat(root1.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err1 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://planexec.dev/schemas/draft-07.schema.json" */;
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (typeof data !== "boolean")){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema25.type},message:"must be object,boolean",schema:schema25.type,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.$id !== undefined){
let data0 = data.$id;
if(!(typeof data0 === "string")){
const err1 = {instancePath:instancePath+"/$id",schemaPath:"#/properties/%24id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.$id.type,parentSchema:schema25.properties.$id,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.$schema !== undefined){
let data1 = data.$schema;
if(!(typeof data1 === "string")){
const err2 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.$schema.type,parentSchema:schema25.properties.$schema,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.$ref !== undefined){
let data2 = data.$ref;
if(!(typeof data2 === "string")){
const err3 = {instancePath:instancePath+"/$ref",schemaPath:"#/properties/%24ref/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.$ref.type,parentSchema:schema25.properties.$ref,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.$comment !== undefined){
let data3 = data.$comment;
if(typeof data3 !== "string"){
const err4 = {instancePath:instancePath+"/$comment",schemaPath:"#/properties/%24comment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.$comment.type,parentSchema:schema25.properties.$comment,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.title !== undefined){
let data4 = data.title;
if(typeof data4 !== "string"){
const err5 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.title.type,parentSchema:schema25.properties.title,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.description !== undefined){
let data5 = data.description;
if(typeof data5 !== "string"){
const err6 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.description.type,parentSchema:schema25.properties.description,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.readOnly !== undefined){
let data6 = data.readOnly;
if(typeof data6 !== "boolean"){
const err7 = {instancePath:instancePath+"/readOnly",schemaPath:"#/properties/readOnly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.readOnly.type,parentSchema:schema25.properties.readOnly,data:data6};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.examples !== undefined){
let data7 = data.examples;
if(!(Array.isArray(data7))){
const err8 = {instancePath:instancePath+"/examples",schemaPath:"#/properties/examples/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema25.properties.examples.type,parentSchema:schema25.properties.examples,data:data7};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.multipleOf !== undefined){
let data8 = data.multipleOf;
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 <= 0 || isNaN(data8)){
const err9 = {instancePath:instancePath+"/multipleOf",schemaPath:"#/properties/multipleOf/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema25.properties.multipleOf,data:data8};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/multipleOf",schemaPath:"#/properties/multipleOf/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema25.properties.multipleOf.type,parentSchema:schema25.properties.multipleOf,data:data8};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.maximum !== undefined){
let data9 = data.maximum;
if(!((typeof data9 == "number") && (isFinite(data9)))){
const err11 = {instancePath:instancePath+"/maximum",schemaPath:"#/properties/maximum/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema25.properties.maximum.type,parentSchema:schema25.properties.maximum,data:data9};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.exclusiveMaximum !== undefined){
let data10 = data.exclusiveMaximum;
if(!((typeof data10 == "number") && (isFinite(data10)))){
const err12 = {instancePath:instancePath+"/exclusiveMaximum",schemaPath:"#/properties/exclusiveMaximum/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema25.properties.exclusiveMaximum.type,parentSchema:schema25.properties.exclusiveMaximum,data:data10};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.minimum !== undefined){
let data11 = data.minimum;
if(!((typeof data11 == "number") && (isFinite(data11)))){
const err13 = {instancePath:instancePath+"/minimum",schemaPath:"#/properties/minimum/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema25.properties.minimum.type,parentSchema:schema25.properties.minimum,data:data11};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.exclusiveMinimum !== undefined){
let data12 = data.exclusiveMinimum;
if(!((typeof data12 == "number") && (isFinite(data12)))){
const err14 = {instancePath:instancePath+"/exclusiveMinimum",schemaPath:"#/properties/exclusiveMinimum/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema25.properties.exclusiveMinimum.type,parentSchema:schema25.properties.exclusiveMinimum,data:data12};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.maxLength !== undefined){
let data13 = data.maxLength;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err15 = {instancePath:instancePath+"/maxLength",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.type,parentSchema:schema26,data:data13};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err16 = {instancePath:instancePath+"/maxLength",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema26,data:data13};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data.minLength !== undefined){
if(!(validate23(data.minLength, {instancePath:instancePath+"/minLength",parentData:data,parentDataProperty:"minLength",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.pattern !== undefined){
let data15 = data.pattern;
if(!(typeof data15 === "string")){
const err17 = {instancePath:instancePath+"/pattern",schemaPath:"#/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.pattern.type,parentSchema:schema25.properties.pattern,data:data15};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.additionalItems !== undefined){
if(!(validate22(data.additionalItems, {instancePath:instancePath+"/additionalItems",parentData:data,parentDataProperty:"additionalItems",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.items !== undefined){
let data17 = data.items;
const _errs36 = errors;
let valid2 = false;
const _errs37 = errors;
if(!(validate22(data17, {instancePath:instancePath+"/items",parentData:data,parentDataProperty:"items",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
var _valid0 = _errs37 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs38 = errors;
if(!(validate25(data17, {instancePath:instancePath+"/items",parentData:data,parentDataProperty:"items",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
var _valid0 = _errs38 === errors;
valid2 = valid2 || _valid0;
}
if(!valid2){
const err18 = {instancePath:instancePath+"/items",schemaPath:"#/properties/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema25.properties.items.anyOf,parentSchema:schema25.properties.items,data:data17};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
else {
errors = _errs36;
if(vErrors !== null){
if(_errs36){
vErrors.length = _errs36;
}
else {
vErrors = null;
}
}
}
}
if(data.maxItems !== undefined){
let data18 = data.maxItems;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err19 = {instancePath:instancePath+"/maxItems",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.type,parentSchema:schema26,data:data18};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err20 = {instancePath:instancePath+"/maxItems",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema26,data:data18};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data.minItems !== undefined){
if(!(validate23(data.minItems, {instancePath:instancePath+"/minItems",parentData:data,parentDataProperty:"minItems",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.uniqueItems !== undefined){
let data20 = data.uniqueItems;
if(typeof data20 !== "boolean"){
const err21 = {instancePath:instancePath+"/uniqueItems",schemaPath:"#/properties/uniqueItems/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.uniqueItems.type,parentSchema:schema25.properties.uniqueItems,data:data20};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.contains !== undefined){
if(!(validate22(data.contains, {instancePath:instancePath+"/contains",parentData:data,parentDataProperty:"contains",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.maxProperties !== undefined){
let data22 = data.maxProperties;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err22 = {instancePath:instancePath+"/maxProperties",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.type,parentSchema:schema26,data:data22};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 0 || isNaN(data22)){
const err23 = {instancePath:instancePath+"/maxProperties",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema26,data:data22};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data.minProperties !== undefined){
if(!(validate23(data.minProperties, {instancePath:instancePath+"/minProperties",parentData:data,parentDataProperty:"minProperties",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.required !== undefined){
let data24 = data.required;
if(Array.isArray(data24)){
const len0 = data24.length;
for(let i0=0; i0<len0; i0++){
let data25 = data24[i0];
if(typeof data25 !== "string"){
const err24 = {instancePath:instancePath+"/required/" + i0,schemaPath:"#/definitions/stringArray/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.items.type,parentSchema:schema32.items,data:data25};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let i1 = data24.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data24[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err25 = {instancePath:instancePath+"/required",schemaPath:"#/definitions/stringArray/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema32,data:data24};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err26 = {instancePath:instancePath+"/required",schemaPath:"#/definitions/stringArray/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.type,parentSchema:schema32,data:data24};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.additionalProperties !== undefined){
if(!(validate22(data.additionalProperties, {instancePath:instancePath+"/additionalProperties",parentData:data,parentDataProperty:"additionalProperties",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.definitions !== undefined){
let data27 = data.definitions;
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
for(const key0 in data27){
if(!(validate22(data27[key0], {instancePath:instancePath+"/definitions/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data27,parentDataProperty:key0,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err27 = {instancePath:instancePath+"/definitions",schemaPath:"#/properties/definitions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.properties.definitions.type,parentSchema:schema25.properties.definitions,data:data27};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.properties !== undefined){
let data29 = data.properties;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(const key1 in data29){
if(!(validate22(data29[key1], {instancePath:instancePath+"/properties/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data29,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err28 = {instancePath:instancePath+"/properties",schemaPath:"#/properties/properties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.properties.properties.type,parentSchema:schema25.properties.properties,data:data29};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.patternProperties !== undefined){
let data31 = data.patternProperties;
if(data31 && typeof data31 == "object" && !Array.isArray(data31)){
for(const key2 in data31){
const _errs66 = errors;
var valid11 = _errs66 === errors;
if(!valid11){
const err29 = {instancePath:instancePath+"/patternProperties",schemaPath:"#/properties/patternProperties/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema25.properties.patternProperties.propertyNames,parentSchema:schema25.properties.patternProperties,data:data31};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
for(const key3 in data31){
if(!(validate22(data31[key3], {instancePath:instancePath+"/patternProperties/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data31,parentDataProperty:key3,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err30 = {instancePath:instancePath+"/patternProperties",schemaPath:"#/properties/patternProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.properties.patternProperties.type,parentSchema:schema25.properties.patternProperties,data:data31};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.dependencies !== undefined){
let data33 = data.dependencies;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key4 in data33){
let data34 = data33[key4];
const _errs73 = errors;
let valid14 = false;
const _errs74 = errors;
if(!(validate22(data34, {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data33,parentDataProperty:key4,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
var _valid1 = _errs74 === errors;
valid14 = valid14 || _valid1;
if(!valid14){
const _errs75 = errors;
if(Array.isArray(data34)){
const len1 = data34.length;
for(let i2=0; i2<len1; i2++){
let data35 = data34[i2];
if(typeof data35 !== "string"){
const err31 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i2,schemaPath:"#/definitions/stringArray/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.items.type,parentSchema:schema32.items,data:data35};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let i3 = data34.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data34[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err32 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/stringArray/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema32,data:data34};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err33 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/stringArray/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.type,parentSchema:schema32,data:data34};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid1 = _errs75 === errors;
valid14 = valid14 || _valid1;
}
if(!valid14){
const err34 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/dependencies/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema25.properties.dependencies.additionalProperties.anyOf,parentSchema:schema25.properties.dependencies.additionalProperties,data:data34};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
else {
errors = _errs73;
if(vErrors !== null){
if(_errs73){
vErrors.length = _errs73;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err35 = {instancePath:instancePath+"/dependencies",schemaPath:"#/properties/dependencies/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.properties.dependencies.type,parentSchema:schema25.properties.dependencies,data:data33};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.propertyNames !== undefined){
if(!(validate22(data.propertyNames, {instancePath:instancePath+"/propertyNames",parentData:data,parentDataProperty:"propertyNames",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.enum !== undefined){
let data37 = data.enum;
if(Array.isArray(data37)){
if(data37.length < 1){
const err36 = {instancePath:instancePath+"/enum",schemaPath:"#/properties/enum/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema25.properties.enum,data:data37};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
let i4 = data37.length;
let j2;
if(i4 > 1){
outer0:
for(;i4--;){
for(j2 = i4; j2--;){
if(func0(data37[i4], data37[j2])){
const err37 = {instancePath:instancePath+"/enum",schemaPath:"#/properties/enum/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i4+" are identical)",schema:true,parentSchema:schema25.properties.enum,data:data37};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err38 = {instancePath:instancePath+"/enum",schemaPath:"#/properties/enum/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema25.properties.enum.type,parentSchema:schema25.properties.enum,data:data37};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.type !== undefined){
let data38 = data.type;
const _errs84 = errors;
let valid20 = false;
const _errs85 = errors;
if(!(((((((data38 === "array") || (data38 === "boolean")) || (data38 === "integer")) || (data38 === "null")) || (data38 === "number")) || (data38 === "object")) || (data38 === "string"))){
const err39 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/simpleTypes/enum",keyword:"enum",params:{allowedValues: schema34.enum},message:"must be equal to one of the allowed values",schema:schema34.enum,parentSchema:schema34,data:data38};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
var _valid2 = _errs85 === errors;
valid20 = valid20 || _valid2;
if(!valid20){
const _errs87 = errors;
if(Array.isArray(data38)){
if(data38.length < 1){
const err40 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema25.properties.type.anyOf[1],data:data38};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
const len2 = data38.length;
for(let i5=0; i5<len2; i5++){
let data39 = data38[i5];
if(!(((((((data39 === "array") || (data39 === "boolean")) || (data39 === "integer")) || (data39 === "null")) || (data39 === "number")) || (data39 === "object")) || (data39 === "string"))){
const err41 = {instancePath:instancePath+"/type/" + i5,schemaPath:"#/definitions/simpleTypes/enum",keyword:"enum",params:{allowedValues: schema34.enum},message:"must be equal to one of the allowed values",schema:schema34.enum,parentSchema:schema34,data:data39};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
let i6 = data38.length;
let j3;
if(i6 > 1){
outer1:
for(;i6--;){
for(j3 = i6; j3--;){
if(func0(data38[i6], data38[j3])){
const err42 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i6+" are identical)",schema:true,parentSchema:schema25.properties.type.anyOf[1],data:data38};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema25.properties.type.anyOf[1].type,parentSchema:schema25.properties.type.anyOf[1],data:data38};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
var _valid2 = _errs87 === errors;
valid20 = valid20 || _valid2;
}
if(!valid20){
const err44 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema25.properties.type.anyOf,parentSchema:schema25.properties.type,data:data38};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
else {
errors = _errs84;
if(vErrors !== null){
if(_errs84){
vErrors.length = _errs84;
}
else {
vErrors = null;
}
}
}
}
if(data.format !== undefined){
let data40 = data.format;
if(typeof data40 !== "string"){
const err45 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.format.type,parentSchema:schema25.properties.format,data:data40};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.contentMediaType !== undefined){
let data41 = data.contentMediaType;
if(typeof data41 !== "string"){
const err46 = {instancePath:instancePath+"/contentMediaType",schemaPath:"#/properties/contentMediaType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.contentMediaType.type,parentSchema:schema25.properties.contentMediaType,data:data41};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.contentEncoding !== undefined){
let data42 = data.contentEncoding;
if(typeof data42 !== "string"){
const err47 = {instancePath:instancePath+"/contentEncoding",schemaPath:"#/properties/contentEncoding/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.contentEncoding.type,parentSchema:schema25.properties.contentEncoding,data:data42};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.if !== undefined){
if(!(validate22(data.if, {instancePath:instancePath+"/if",parentData:data,parentDataProperty:"if",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.then !== undefined){
if(!(validate22(data.then, {instancePath:instancePath+"/then",parentData:data,parentDataProperty:"then",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.else !== undefined){
if(!(validate22(data.else, {instancePath:instancePath+"/else",parentData:data,parentDataProperty:"else",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.allOf !== undefined){
if(!(validate25(data.allOf, {instancePath:instancePath+"/allOf",parentData:data,parentDataProperty:"allOf",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data.anyOf !== undefined){
if(!(validate25(data.anyOf, {instancePath:instancePath+"/anyOf",parentData:data,parentDataProperty:"anyOf",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data.oneOf !== undefined){
if(!(validate25(data.oneOf, {instancePath:instancePath+"/oneOf",parentData:data,parentDataProperty:"oneOf",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data.not !== undefined){
if(!(validate22(data.not, {instancePath:instancePath+"/not",parentData:data,parentDataProperty:"not",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
validate22.errors = vErrors;
return errors === 0;
}


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(validate22(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema24.required,parentSchema:schema24,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type !== undefined){
let data0 = data.type;
if("object" !== data0){
const err1 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "object"},message:"must be equal to constant",schema:"object",parentSchema:schema24.properties.type,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}

const schema38 = {"title":"Retries","description":"Retry a call that failed for a transient reason (HTTP 429 or 5xx, a network error, an exit code listed in retryOn) before replanning is involved.","examples":[{"attempts":3,"backoff":"1s","maxBackoff":"30s"}],"type":"object","additionalProperties":false,"required":["attempts"],"properties":{"attempts":{"title":"Retry attempts","description":"Retries after the first failure (a call runs at most attempts + 1 times).","type":"integer","minimum":1,"maximum":20},"backoff":{"$ref":"#/definitions/duration","title":"Backoff","description":"Delay before the first retry; doubled for each further one, with random jitter. Default 1s."},"maxBackoff":{"$ref":"#/definitions/duration","title":"Longest backoff","description":"Upper bound of one delay, including a server's Retry-After. Default 30s."}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.attempts === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "attempts"},message:"must have required property '"+"attempts"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "attempts") || (key0 === "backoff")) || (key0 === "maxBackoff"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.attempts !== undefined){
let data0 = data.attempts;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err2 = {instancePath:instancePath+"/attempts",schemaPath:"#/properties/attempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.properties.attempts.type,parentSchema:schema38.properties.attempts,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 20 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/attempts",schemaPath:"#/properties/attempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 20},message:"must be <= 20",schema:20,parentSchema:schema38.properties.attempts,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/attempts",schemaPath:"#/properties/attempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38.properties.attempts,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.backoff !== undefined){
let data1 = data.backoff;
if((typeof data1 !== "string") && (!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1))))){
const err5 = {instancePath:instancePath+"/backoff",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/backoff",schemaPath:"#/definitions/duration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
const err7 = {instancePath:instancePath+"/backoff",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.maxBackoff !== undefined){
let data2 = data.maxBackoff;
if((typeof data2 !== "string") && (!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2))))){
const err8 = {instancePath:instancePath+"/maxBackoff",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/maxBackoff",schemaPath:"#/definitions/duration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(typeof data2 === "string"){
if(!pattern5.test(data2)){
const err10 = {instancePath:instancePath+"/maxBackoff",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema21.required,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.description === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'",schema:schema21.required,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.url === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema21.required,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.args === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "args"},message:"must have required property '"+"args"+"'",schema:schema21.required,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema21.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/toolName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/toolName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data1 = data.description;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/toolDescription/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema23,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/toolDescription/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.args !== undefined){
if(!(validate21(data.args, {instancePath:instancePath+"/args",parentData:data,parentDataProperty:"args",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.output !== undefined){
let data3 = data.output;
if(!(((data3 === "text") || (data3 === "lines")) || (data3 === "json"))){
const err9 = {instancePath:instancePath+"/output",schemaPath:"#/definitions/outputFormat/enum",keyword:"enum",params:{allowedValues: schema36.enum},message:"must be equal to one of the allowed values",schema:schema36.enum,parentSchema:schema36,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.method !== undefined){
let data4 = data.method;
if(!((((((data4 === "GET") || (data4 === "HEAD")) || (data4 === "POST")) || (data4 === "PUT")) || (data4 === "PATCH")) || (data4 === "DELETE"))){
const err10 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema21.properties.method.enum},message:"must be equal to one of the allowed values",schema:schema21.properties.method.enum,parentSchema:schema21.properties.method,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.url !== undefined){
let data5 = data.url;
if(typeof data5 === "string"){
if(!pattern2.test(data5)){
const err11 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema21.properties.url,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.properties.url.type,parentSchema:schema21.properties.url,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.query !== undefined){
let data6 = data.query;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
let data7 = data6[key1];
if(typeof data7 !== "string"){
const err13 = {instancePath:instancePath+"/query/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/query/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.properties.query.additionalProperties.type,parentSchema:schema21.properties.query.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/query",schemaPath:"#/properties/query/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.properties.query.type,parentSchema:schema21.properties.query,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.headers !== undefined){
let data8 = data.headers;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key2 in data8){
const _errs23 = errors;
if(typeof key2 === "string"){
if(!pattern3.test(key2)){
const err15 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},message:"must match pattern \""+"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"+"\"",schema:"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",parentSchema:schema21.properties.headers.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var valid5 = _errs23 === errors;
if(!valid5){
const err16 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema21.properties.headers.propertyNames,parentSchema:schema21.properties.headers,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
for(const key3 in data8){
let data9 = data8[key3];
if(typeof data9 !== "string"){
const err17 = {instancePath:instancePath+"/headers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.properties.headers.additionalProperties.type,parentSchema:schema21.properties.headers.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.properties.headers.type,parentSchema:schema21.properties.headers,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.body !== undefined){
let data10 = data.body;
if((!data10 || typeof data10 != "object") && (typeof data10 !== "string")){
const err19 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: schema21.properties.body.type},message:"must be string,object,array",schema:schema21.properties.body.type,parentSchema:schema21.properties.body,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.allowHosts !== undefined){
let data11 = data.allowHosts;
if(Array.isArray(data11)){
if(data11.length < 1){
const err20 = {instancePath:instancePath+"/allowHosts",schemaPath:"#/properties/allowHosts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema21.properties.allowHosts,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
let data12 = data11[i0];
if(typeof data12 === "string"){
if(!pattern4.test(data12)){
const err21 = {instancePath:instancePath+"/allowHosts/" + i0,schemaPath:"#/properties/allowHosts/items/pattern",keyword:"pattern",params:{pattern: "^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$"},message:"must match pattern \""+"^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$"+"\"",schema:"^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$",parentSchema:schema21.properties.allowHosts.items,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/allowHosts/" + i0,schemaPath:"#/properties/allowHosts/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.properties.allowHosts.items.type,parentSchema:schema21.properties.allowHosts.items,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let i1 = data11.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data11[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err23 = {instancePath:instancePath+"/allowHosts",schemaPath:"#/properties/allowHosts/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema21.properties.allowHosts,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err24 = {instancePath:instancePath+"/allowHosts",schemaPath:"#/properties/allowHosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema21.properties.allowHosts.type,parentSchema:schema21.properties.allowHosts,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.allowLinkLocal !== undefined){
let data13 = data.allowLinkLocal;
if(typeof data13 !== "boolean"){
const err25 = {instancePath:instancePath+"/allowLinkLocal",schemaPath:"#/properties/allowLinkLocal/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema21.properties.allowLinkLocal.type,parentSchema:schema21.properties.allowLinkLocal,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.timeout !== undefined){
let data14 = data.timeout;
if((typeof data14 !== "string") && (!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14))))){
const err26 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err27 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(typeof data14 === "string"){
if(!pattern5.test(data14)){
const err28 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data.retries !== undefined){
if(!(validate34(data.retries, {instancePath:instancePath+"/retries",parentData:data,parentDataProperty:"retries",rootData}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
if(data.critical !== undefined){
let data16 = data.critical;
if(typeof data16 !== "boolean"){
const err29 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/critical/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema41.type,parentSchema:schema41,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.confirm !== undefined){
let data17 = data.confirm;
if(typeof data17 !== "boolean"){
const err30 = {instancePath:instancePath+"/confirm",schemaPath:"#/definitions/confirm/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema42.type,parentSchema:schema42,data:data17};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.sideEffects !== undefined){
let data18 = data.sideEffects;
if(typeof data18 !== "boolean"){
const err31 = {instancePath:instancePath+"/sideEffects",schemaPath:"#/definitions/sideEffects/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.type,parentSchema:schema43,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.trust !== undefined){
let data19 = data.trust;
if(!((data19 === "trusted") || (data19 === "untrusted"))){
const err32 = {instancePath:instancePath+"/trust",schemaPath:"#/definitions/trust/enum",keyword:"enum",params:{allowedValues: schema44.enum},message:"must be equal to one of the allowed values",schema:schema44.enum,parentSchema:schema44,data:data19};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.accepts !== undefined){
let data20 = data.accepts;
if(!((data20 === "trusted") || (data20 === "any"))){
const err33 = {instancePath:instancePath+"/accepts",schemaPath:"#/definitions/accepts/enum",keyword:"enum",params:{allowedValues: schema45.enum},message:"must be equal to one of the allowed values",schema:schema45.enum,parentSchema:schema45,data:data20};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.idempotent !== undefined){
let data21 = data.idempotent;
if(typeof data21 !== "boolean"){
const err34 = {instancePath:instancePath+"/idempotent",schemaPath:"#/definitions/idempotent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema46.type,parentSchema:schema46,data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const schema47 = {"title":"Module tool","description":"A function exported by a JS/TS module, called with the step's arguments and an AbortSignal.","type":"object","additionalProperties":false,"required":["name","description","module","args"],"properties":{"name":{"$ref":"#/definitions/toolName"},"description":{"$ref":"#/definitions/toolDescription"},"args":{"$ref":"#/definitions/argsSchema"},"output":{"$ref":"#/definitions/outputFormat"},"module":{"title":"Module","description":"Path of a JavaScript or TypeScript module, relative to the file that declares the tool.","examples":["scripts/csv-summary.mjs","./tools.ts"],"type":"string","minLength":1},"export":{"title":"Export","description":"Name of the exported function, called as fn(args, { signal }); what it returns (or resolves to) is the step's output. Default: default.","examples":["default","summarizeCsv"],"type":"string","pattern":"^[A-Za-z_$][A-Za-z0-9_$]*$","patternErrorMessage":"must be a JavaScript export name","default":"default"},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"critical":{"$ref":"#/definitions/critical"},"confirm":{"$ref":"#/definitions/confirm"},"sideEffects":{"$ref":"#/definitions/sideEffects"},"trust":{"$ref":"#/definitions/trust"},"accepts":{"$ref":"#/definitions/accepts"},"idempotent":{"$ref":"#/definitions/idempotent"}}};
const pattern9 = new RegExp("^[A-Za-z_$][A-Za-z0-9_$]*$", "u");

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema47.required,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.description === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'",schema:schema47.required,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.module === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "module"},message:"must have required property '"+"module"+"'",schema:schema47.required,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.args === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "args"},message:"must have required property '"+"args"+"'",schema:schema47.required,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema47.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/toolName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/toolName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data1 = data.description;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/toolDescription/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema23,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/toolDescription/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.args !== undefined){
if(!(validate21(data.args, {instancePath:instancePath+"/args",parentData:data,parentDataProperty:"args",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.output !== undefined){
let data3 = data.output;
if(!(((data3 === "text") || (data3 === "lines")) || (data3 === "json"))){
const err9 = {instancePath:instancePath+"/output",schemaPath:"#/definitions/outputFormat/enum",keyword:"enum",params:{allowedValues: schema36.enum},message:"must be equal to one of the allowed values",schema:schema36.enum,parentSchema:schema36,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.module !== undefined){
let data4 = data.module;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err10 = {instancePath:instancePath+"/module",schemaPath:"#/properties/module/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema47.properties.module,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/module",schemaPath:"#/properties/module/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.module.type,parentSchema:schema47.properties.module,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.export !== undefined){
let data5 = data.export;
if(typeof data5 === "string"){
if(!pattern9.test(data5)){
const err12 = {instancePath:instancePath+"/export",schemaPath:"#/properties/export/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_$][A-Za-z0-9_$]*$"},message:"must match pattern \""+"^[A-Za-z_$][A-Za-z0-9_$]*$"+"\"",schema:"^[A-Za-z_$][A-Za-z0-9_$]*$",parentSchema:schema47.properties.export,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/export",schemaPath:"#/properties/export/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.export.type,parentSchema:schema47.properties.export,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.timeout !== undefined){
let data6 = data.timeout;
if((typeof data6 !== "string") && (!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6))))){
const err14 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err15 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(typeof data6 === "string"){
if(!pattern5.test(data6)){
const err16 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data.retries !== undefined){
if(!(validate34(data.retries, {instancePath:instancePath+"/retries",parentData:data,parentDataProperty:"retries",rootData}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
if(data.critical !== undefined){
let data8 = data.critical;
if(typeof data8 !== "boolean"){
const err17 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/critical/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema41.type,parentSchema:schema41,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.confirm !== undefined){
let data9 = data.confirm;
if(typeof data9 !== "boolean"){
const err18 = {instancePath:instancePath+"/confirm",schemaPath:"#/definitions/confirm/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema42.type,parentSchema:schema42,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.sideEffects !== undefined){
let data10 = data.sideEffects;
if(typeof data10 !== "boolean"){
const err19 = {instancePath:instancePath+"/sideEffects",schemaPath:"#/definitions/sideEffects/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.type,parentSchema:schema43,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.trust !== undefined){
let data11 = data.trust;
if(!((data11 === "trusted") || (data11 === "untrusted"))){
const err20 = {instancePath:instancePath+"/trust",schemaPath:"#/definitions/trust/enum",keyword:"enum",params:{allowedValues: schema44.enum},message:"must be equal to one of the allowed values",schema:schema44.enum,parentSchema:schema44,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.accepts !== undefined){
let data12 = data.accepts;
if(!((data12 === "trusted") || (data12 === "any"))){
const err21 = {instancePath:instancePath+"/accepts",schemaPath:"#/definitions/accepts/enum",keyword:"enum",params:{allowedValues: schema45.enum},message:"must be equal to one of the allowed values",schema:schema45.enum,parentSchema:schema45,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.idempotent !== undefined){
let data13 = data.idempotent;
if(typeof data13 !== "boolean"){
const err22 = {instancePath:instancePath+"/idempotent",schemaPath:"#/definitions/idempotent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema46.type,parentSchema:schema46,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate37.errors = vErrors;
return errors === 0;
}

const schema58 = {"title":"Command tool","description":"A command the plan may run: argv only (never a shell line), with a JSON Schema for the arguments the plan may pass.","type":"object","additionalProperties":false,"required":["name","description","command","args"],"properties":{"name":{"$ref":"#/definitions/toolName"},"description":{"$ref":"#/definitions/toolDescription"},"args":{"$ref":"#/definitions/argsSchema"},"output":{"$ref":"#/definitions/outputFormat"},"command":{"title":"Command (argv)","description":"The program and its arguments, one list item each; never run through a shell. Each item is a Handlebars template over `args`, e.g. \"{{args.since}}..HEAD\".","examples":[["git","log","--format=%s","{{args.since}}..HEAD"],["grep","-n","-e","{{args.pattern}}","--","{{args.file}}"]],"type":"array","minItems":1,"items":{"title":"Command argument","description":"One argv element; a Handlebars template over `args`.","type":"string"}},"cwd":{"title":"Working directory","description":"Directory the command runs in, relative to the file that declares the tool. Defaults to the directory the run starts in.","examples":[".","../src"],"type":"string","minLength":1},"env":{"title":"Environment","description":"Extra environment variables for the process, on top of a minimal inherited set (PATH, HOME, LANG…). A value may name a secret the pipeline lists under `secrets:`, e.g. GH_TOKEN: \"{{secrets.GH_TOKEN}}\"; that is the only way a command receives one.","examples":[{"LC_ALL":"C","GIT_PAGER":"cat"}],"type":"object","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$","patternErrorMessage":"must be an environment variable name (letters, digits and _, not starting with a digit)"},"additionalProperties":{"title":"Environment variable value","description":"The variable's value, as a string; `{{secrets.NAME}}` is replaced by the secret's value, nothing else is a placeholder.","type":"string"}},"retryOn":{"title":"Retryable exit codes","description":"Exit codes that mean the command failed for a transient reason and may be retried (with `retries`), e.g. [75] (EX_TEMPFAIL).","examples":[[75]],"type":"array","minItems":1,"uniqueItems":true,"items":{"title":"Exit code","description":"An exit code from 1 to 255.","type":"integer","minimum":1,"maximum":255}},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"critical":{"$ref":"#/definitions/critical"},"confirm":{"$ref":"#/definitions/confirm"},"sideEffects":{"$ref":"#/definitions/sideEffects"},"trust":{"$ref":"#/definitions/trust"},"accepts":{"$ref":"#/definitions/accepts"},"idempotent":{"$ref":"#/definitions/idempotent"}}};

function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.description === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.command === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.args === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "args"},message:"must have required property '"+"args"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema58.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/toolName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/toolName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data1 = data.description;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/toolDescription/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema23,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/toolDescription/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.args !== undefined){
if(!(validate21(data.args, {instancePath:instancePath+"/args",parentData:data,parentDataProperty:"args",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.output !== undefined){
let data3 = data.output;
if(!(((data3 === "text") || (data3 === "lines")) || (data3 === "json"))){
const err9 = {instancePath:instancePath+"/output",schemaPath:"#/definitions/outputFormat/enum",keyword:"enum",params:{allowedValues: schema36.enum},message:"must be equal to one of the allowed values",schema:schema36.enum,parentSchema:schema36,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.command !== undefined){
let data4 = data.command;
if(Array.isArray(data4)){
if(data4.length < 1){
const err10 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema58.properties.command,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 !== "string"){
const err11 = {instancePath:instancePath+"/command/" + i0,schemaPath:"#/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.command.items.type,parentSchema:schema58.properties.command.items,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.command.type,parentSchema:schema58.properties.command,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.cwd !== undefined){
let data6 = data.cwd;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err13 = {instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema58.properties.cwd,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.cwd.type,parentSchema:schema58.properties.cwd,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.env !== undefined){
let data7 = data.env;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
const _errs20 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err15 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema58.properties.env.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var valid6 = _errs20 === errors;
if(!valid6){
const err16 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema58.properties.env.propertyNames,parentSchema:schema58.properties.env,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
for(const key2 in data7){
let data8 = data7[key2];
if(typeof data8 !== "string"){
const err17 = {instancePath:instancePath+"/env/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.env.additionalProperties.type,parentSchema:schema58.properties.env.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.properties.env.type,parentSchema:schema58.properties.env,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.retryOn !== undefined){
let data9 = data.retryOn;
if(Array.isArray(data9)){
if(data9.length < 1){
const err19 = {instancePath:instancePath+"/retryOn",schemaPath:"#/properties/retryOn/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema58.properties.retryOn,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len1 = data9.length;
for(let i1=0; i1<len1; i1++){
let data10 = data9[i1];
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err20 = {instancePath:instancePath+"/retryOn/" + i1,schemaPath:"#/properties/retryOn/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema58.properties.retryOn.items.type,parentSchema:schema58.properties.retryOn.items,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 255 || isNaN(data10)){
const err21 = {instancePath:instancePath+"/retryOn/" + i1,schemaPath:"#/properties/retryOn/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema58.properties.retryOn.items,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err22 = {instancePath:instancePath+"/retryOn/" + i1,schemaPath:"#/properties/retryOn/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema58.properties.retryOn.items,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
let i2 = data9.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data9[i2];
if(!(((typeof item0 == "number") && (!(item0 % 1) && !isNaN(item0))) && (isFinite(item0)))){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err23 = {instancePath:instancePath+"/retryOn",schemaPath:"#/properties/retryOn/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema58.properties.retryOn,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err24 = {instancePath:instancePath+"/retryOn",schemaPath:"#/properties/retryOn/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.retryOn.type,parentSchema:schema58.properties.retryOn,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.timeout !== undefined){
let data11 = data.timeout;
if((typeof data11 !== "string") && (!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11))))){
const err25 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err26 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(typeof data11 === "string"){
if(!pattern5.test(data11)){
const err27 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(data.retries !== undefined){
if(!(validate34(data.retries, {instancePath:instancePath+"/retries",parentData:data,parentDataProperty:"retries",rootData}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
if(data.critical !== undefined){
let data13 = data.critical;
if(typeof data13 !== "boolean"){
const err28 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/critical/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema41.type,parentSchema:schema41,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.confirm !== undefined){
let data14 = data.confirm;
if(typeof data14 !== "boolean"){
const err29 = {instancePath:instancePath+"/confirm",schemaPath:"#/definitions/confirm/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema42.type,parentSchema:schema42,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.sideEffects !== undefined){
let data15 = data.sideEffects;
if(typeof data15 !== "boolean"){
const err30 = {instancePath:instancePath+"/sideEffects",schemaPath:"#/definitions/sideEffects/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.type,parentSchema:schema43,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.trust !== undefined){
let data16 = data.trust;
if(!((data16 === "trusted") || (data16 === "untrusted"))){
const err31 = {instancePath:instancePath+"/trust",schemaPath:"#/definitions/trust/enum",keyword:"enum",params:{allowedValues: schema44.enum},message:"must be equal to one of the allowed values",schema:schema44.enum,parentSchema:schema44,data:data16};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.accepts !== undefined){
let data17 = data.accepts;
if(!((data17 === "trusted") || (data17 === "any"))){
const err32 = {instancePath:instancePath+"/accepts",schemaPath:"#/definitions/accepts/enum",keyword:"enum",params:{allowedValues: schema45.enum},message:"must be equal to one of the allowed values",schema:schema45.enum,parentSchema:schema45,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.idempotent !== undefined){
let data18 = data.idempotent;
if(typeof data18 !== "boolean"){
const err33 = {instancePath:instancePath+"/idempotent",schemaPath:"#/definitions/idempotent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema46.type,parentSchema:schema46,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}


function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(data && typeof data == "object" && !Array.isArray(data))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(errors === _errs2){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.url === undefined) && (missing0 = "url")){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs4 = errors;
if(!(validate20(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
var _valid0 = _errs4 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs5 = errors;
const _errs6 = errors;
let valid1 = true;
const _errs7 = errors;
if(errors === _errs7){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.module === undefined) && (missing1 = "module")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs7 === errors;
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
let ifClause1;
if(_valid1){
const _errs9 = errors;
if(!(validate37(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
var _valid1 = _errs9 === errors;
valid1 = _valid1;
ifClause1 = "then";
}
else {
const _errs10 = errors;
if(!(validate41(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
var _valid1 = _errs10 === errors;
valid1 = _valid1;
ifClause1 = "else";
}
if(!valid1){
const err5 = {instancePath,schemaPath:"#/else/if",keyword:"if",params:{failingKeyword: ifClause1},message:"must match \""+ifClause1+"\" schema",schema:schema20.else.if,parentSchema:schema20.else,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs5 === errors;
valid0 = _valid0;
ifClause0 = "else";
}
if(!valid0){
const err6 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema20.if,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate50.errors = vErrors;
return errors === 0;
}

const schema79 = {"title":"Execution","description":"How steps run.","type":"object","additionalProperties":false,"properties":{"concurrency":{"title":"Concurrency","description":"Most steps running at once. Default 4.","examples":[4],"type":"integer","minimum":1},"stepTimeout":{"$ref":"tool.schema.json#/definitions/duration","title":"Step timeout","description":"How long one step may run, e.g. 5m, unless its tool sets `timeout`. Default 5m."},"maxOutputBytes":{"title":"Maximum output bytes","description":"Most bytes of output kept from one step; the rest is discarded (memory stays flat) and the step notes the truncation. Default 1048576 (1 MiB).","examples":[1048576],"type":"integer","minimum":1},"onFailure":{"title":"On failure","description":"What happens to steps still running when a step fails: wait lets them finish (their outputs are kept for replanning), cancel stops them at once. No new step starts either way. Default wait.","enum":["wait","cancel"]},"backend":{"$ref":"#/definitions/backend"}}};
const schema81 = {"title":"Backend","description":"Where steps run. Default: in this process. kind bullmq: `planexec run` stays the coordinator (it plans, schedules, replans and keeps the run store) and each ready step becomes a BullMQ job on Redis, run by `planexec worker` processes that have the same pipeline and tools (`llm` steps stay on the coordinator). A step whose worker stops mid-step is run again by another worker (at-least-once) unless its tool sets idempotent: false. `planexec run --backend <url>` overrides it.","examples":[{"kind":"bullmq","redis":"redis://localhost:6379"}],"type":"object","required":["kind"],"if":{"properties":{"kind":{"const":"bullmq"}}},"then":{"required":["kind","redis"],"additionalProperties":false,"properties":{"kind":{"const":"bullmq"},"redis":{"title":"Redis URL","description":"redis://[user:password@]host[:port][/db], or rediss://… for TLS. Rather than writing a password here, leave it out and set PLANEXEC_REDIS_PASSWORD.","examples":["redis://localhost:6379","rediss://default@redis.internal:6380/0"],"type":"string","pattern":"^rediss?://","patternErrorMessage":"must be a redis:// or rediss:// URL"},"queue":{"title":"Queue","description":"Name of the BullMQ queue; workers must use the same (planexec worker --queue). Default planexec.","type":"string","pattern":"^[A-Za-z0-9_.-]{1,100}$","patternErrorMessage":"must be 1 to 100 letters, digits, _, . or -"}}},"else":{"additionalProperties":false,"properties":{"kind":{"title":"Backend kind","description":"local: run steps in this process (the default); bullmq: run them on workers through Redis.","enum":["local","bullmq"]}}}};
const pattern20 = new RegExp("^rediss?://", "u");
const pattern21 = new RegExp("^[A-Za-z0-9_.-]{1,100}$", "u");

function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "concurrency") || (key0 === "stepTimeout")) || (key0 === "maxOutputBytes")) || (key0 === "onFailure")) || (key0 === "backend"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.concurrency !== undefined){
let data0 = data.concurrency;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema79.properties.concurrency.type,parentSchema:schema79.properties.concurrency,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 1 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema79.properties.concurrency,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.stepTimeout !== undefined){
let data1 = data.stepTimeout;
if((typeof data1 !== "string") && (!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1))))){
const err3 = {instancePath:instancePath+"/stepTimeout",schemaPath:"tool.schema.json#/definitions/duration/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/stepTimeout",schemaPath:"tool.schema.json#/definitions/duration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
const err5 = {instancePath:instancePath+"/stepTimeout",schemaPath:"tool.schema.json#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.maxOutputBytes !== undefined){
let data2 = data.maxOutputBytes;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/maxOutputBytes",schemaPath:"#/properties/maxOutputBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema79.properties.maxOutputBytes.type,parentSchema:schema79.properties.maxOutputBytes,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/maxOutputBytes",schemaPath:"#/properties/maxOutputBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema79.properties.maxOutputBytes,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.onFailure !== undefined){
let data3 = data.onFailure;
if(!((data3 === "wait") || (data3 === "cancel"))){
const err8 = {instancePath:instancePath+"/onFailure",schemaPath:"#/properties/onFailure/enum",keyword:"enum",params:{allowedValues: schema79.properties.onFailure.enum},message:"must be equal to one of the allowed values",schema:schema79.properties.onFailure.enum,parentSchema:schema79.properties.onFailure,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.backend !== undefined){
let data4 = data.backend;
const _errs14 = errors;
let valid3 = true;
const _errs15 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind !== undefined){
if("bullmq" !== data4.kind){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
var _valid0 = _errs15 === errors;
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs17 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err10 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/then/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema81.then.required,parentSchema:schema81.then,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data4.redis === undefined){
const err11 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/then/required",keyword:"required",params:{missingProperty: "redis"},message:"must have required property '"+"redis"+"'",schema:schema81.then.required,parentSchema:schema81.then,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data4){
if(!(((key1 === "kind") || (key1 === "redis")) || (key1 === "queue"))){
const err12 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema81.then,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.kind !== undefined){
let data6 = data4.kind;
if("bullmq" !== data6){
const err13 = {instancePath:instancePath+"/backend/kind",schemaPath:"#/definitions/backend/then/properties/kind/const",keyword:"const",params:{allowedValue: "bullmq"},message:"must be equal to constant",schema:"bullmq",parentSchema:schema81.then.properties.kind,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data4.redis !== undefined){
let data7 = data4.redis;
if(typeof data7 === "string"){
if(!pattern20.test(data7)){
const err14 = {instancePath:instancePath+"/backend/redis",schemaPath:"#/definitions/backend/then/properties/redis/pattern",keyword:"pattern",params:{pattern: "^rediss?://"},message:"must match pattern \""+"^rediss?://"+"\"",schema:"^rediss?://",parentSchema:schema81.then.properties.redis,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/backend/redis",schemaPath:"#/definitions/backend/then/properties/redis/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.then.properties.redis.type,parentSchema:schema81.then.properties.redis,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.queue !== undefined){
let data8 = data4.queue;
if(typeof data8 === "string"){
if(!pattern21.test(data8)){
const err16 = {instancePath:instancePath+"/backend/queue",schemaPath:"#/definitions/backend/then/properties/queue/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]{1,100}$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]{1,100}$"+"\"",schema:"^[A-Za-z0-9_.-]{1,100}$",parentSchema:schema81.then.properties.queue,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/backend/queue",schemaPath:"#/definitions/backend/then/properties/queue/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.then.properties.queue.type,parentSchema:schema81.then.properties.queue,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
var _valid0 = _errs17 === errors;
valid3 = _valid0;
ifClause0 = "then";
}
else {
const _errs26 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(key2 === "kind")){
const err18 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/else/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema81.else,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.kind !== undefined){
let data9 = data4.kind;
if(!((data9 === "local") || (data9 === "bullmq"))){
const err19 = {instancePath:instancePath+"/backend/kind",schemaPath:"#/definitions/backend/else/properties/kind/enum",keyword:"enum",params:{allowedValues: schema81.else.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema81.else.properties.kind.enum,parentSchema:schema81.else.properties.kind,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
var _valid0 = _errs26 === errors;
valid3 = _valid0;
ifClause0 = "else";
}
if(!valid3){
const err20 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema81.if,parentSchema:schema81,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err21 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema81.required,parentSchema:schema81,data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema81.type,parentSchema:schema81,data:data4};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.type,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate55.errors = vErrors;
return errors === 0;
}

const schema83 = {"title":"Pipeline test","description":"One test: run the pipeline with `inputs`, serving the model's answers from `replay`, and check the run against `expect`.","examples":[{"name":"default version","inputs":{"version":"v1.1.0"},"replay":"recordings/release-notes.json","expect":{"status":"succeeded","result":{"contains":"### Features"},"maxLlmCalls":2}}],"type":"object","additionalProperties":false,"required":["name","expect"],"properties":{"name":{"title":"Test name","description":"Unique within the pipeline; shown by `planexec test` and in JUnit XML.","type":"string","minLength":1},"inputs":{"title":"Test inputs","description":"Input values by name, as `--input name=value` gives them; inputs not given take their defaults.","type":"object","additionalProperties":{"type":["string","number","boolean"]}},"replay":{"title":"Recording","description":"The recording the model's answers are served from, relative to this file (made with `planexec run <pipeline> --record <file>`). Default: `model.replay`. A pipeline with a fixed `plan` may have a test with neither: then any model call the run makes fails the test. A test never calls a live model.","type":"string","minLength":1},"expect":{"$ref":"#/definitions/testExpect"}}};
const schema84 = {"title":"Test expectations","description":"What the run must do for the test to pass; every field given must hold.","type":"object","additionalProperties":false,"properties":{"status":{"title":"Expected status","description":"How the run must end. Default succeeded.","enum":["succeeded","failed","plan-failed","invalid-input","not-approved"]},"result":{"$ref":"#/definitions/resultCheck"},"maxLlmCalls":{"title":"Most model calls","description":"The run may make at most this many model calls (planning, repairs, replans and llm steps).","type":"integer","minimum":0}}};
const schema85 = {"title":"Result check","description":"Checks on the run's result; every one given must hold.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"equals":{"title":"Result equals","description":"The whole result, exactly (one newline at the end of either is ignored).","type":"string"},"contains":{"title":"Result contains","description":"Text the result must contain; a list: every item.","oneOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"items":{"type":"string","minLength":1}}]},"matches":{"title":"Result matches","description":"A JavaScript regular expression the result must match somewhere; anchor it with ^ and $ to match the whole.","type":"string","minLength":1},"jsonSchema":{"title":"Result JSON Schema","description":"The result must be JSON that this JSON Schema (draft-07) accepts.","type":"object"}}};

function validate58(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "status") || (key0 === "result")) || (key0 === "maxLlmCalls"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema84,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.status !== undefined){
let data0 = data.status;
if(!(((((data0 === "succeeded") || (data0 === "failed")) || (data0 === "plan-failed")) || (data0 === "invalid-input")) || (data0 === "not-approved"))){
const err1 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/enum",keyword:"enum",params:{allowedValues: schema84.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema84.properties.status.enum,parentSchema:schema84.properties.status,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.result !== undefined){
let data1 = data.result;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length < 1){
const err2 = {instancePath:instancePath+"/result",schemaPath:"#/definitions/resultCheck/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema85,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key1 in data1){
if(!((((key1 === "equals") || (key1 === "contains")) || (key1 === "matches")) || (key1 === "jsonSchema"))){
const err3 = {instancePath:instancePath+"/result",schemaPath:"#/definitions/resultCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema85,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data1.equals !== undefined){
let data2 = data1.equals;
if(typeof data2 !== "string"){
const err4 = {instancePath:instancePath+"/result/equals",schemaPath:"#/definitions/resultCheck/properties/equals/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.equals.type,parentSchema:schema85.properties.equals,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data1.contains !== undefined){
let data3 = data1.contains;
const _errs10 = errors;
let valid3 = false;
let passing0 = null;
const _errs11 = errors;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err5 = {instancePath:instancePath+"/result/contains",schemaPath:"#/definitions/resultCheck/properties/contains/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema85.properties.contains.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/result/contains",schemaPath:"#/definitions/resultCheck/properties/contains/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.contains.oneOf[0].type,parentSchema:schema85.properties.contains.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var _valid0 = _errs11 === errors;
if(_valid0){
valid3 = true;
passing0 = 0;
}
const _errs13 = errors;
if(Array.isArray(data3)){
if(data3.length < 1){
const err7 = {instancePath:instancePath+"/result/contains",schemaPath:"#/definitions/resultCheck/properties/contains/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema85.properties.contains.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err8 = {instancePath:instancePath+"/result/contains/" + i0,schemaPath:"#/definitions/resultCheck/properties/contains/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema85.properties.contains.oneOf[1].items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/result/contains/" + i0,schemaPath:"#/definitions/resultCheck/properties/contains/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.contains.oneOf[1].items.type,parentSchema:schema85.properties.contains.oneOf[1].items,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/result/contains",schemaPath:"#/definitions/resultCheck/properties/contains/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema85.properties.contains.oneOf[1].type,parentSchema:schema85.properties.contains.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs13 === errors;
if(_valid0 && valid3){
valid3 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid3 = true;
passing0 = 1;
}
}
if(!valid3){
const err11 = {instancePath:instancePath+"/result/contains",schemaPath:"#/definitions/resultCheck/properties/contains/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema85.properties.contains.oneOf,parentSchema:schema85.properties.contains,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs10;
if(vErrors !== null){
if(_errs10){
vErrors.length = _errs10;
}
else {
vErrors = null;
}
}
}
}
if(data1.matches !== undefined){
let data5 = data1.matches;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err12 = {instancePath:instancePath+"/result/matches",schemaPath:"#/definitions/resultCheck/properties/matches/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema85.properties.matches,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/result/matches",schemaPath:"#/definitions/resultCheck/properties/matches/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.matches.type,parentSchema:schema85.properties.matches,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data1.jsonSchema !== undefined){
let data6 = data1.jsonSchema;
if(!(data6 && typeof data6 == "object" && !Array.isArray(data6))){
const err14 = {instancePath:instancePath+"/result/jsonSchema",schemaPath:"#/definitions/resultCheck/properties/jsonSchema/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema85.properties.jsonSchema.type,parentSchema:schema85.properties.jsonSchema,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/result",schemaPath:"#/definitions/resultCheck/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema85.type,parentSchema:schema85,data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.maxLlmCalls !== undefined){
let data7 = data.maxLlmCalls;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err16 = {instancePath:instancePath+"/maxLlmCalls",schemaPath:"#/properties/maxLlmCalls/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema84.properties.maxLlmCalls.type,parentSchema:schema84.properties.maxLlmCalls,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/maxLlmCalls",schemaPath:"#/properties/maxLlmCalls/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema84.properties.maxLlmCalls,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema84.type,parentSchema:schema84,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate58.errors = vErrors;
return errors === 0;
}


function validate57(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema83.required,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.expect === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expect"},message:"must have required property '"+"expect"+"'",schema:schema83.required,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "inputs")) || (key0 === "replay")) || (key0 === "expect"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema83.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.properties.name.type,parentSchema:schema83.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.inputs !== undefined){
let data1 = data.inputs;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
let data2 = data1[key1];
if(((typeof data2 !== "string") && (!((typeof data2 == "number") && (isFinite(data2))))) && (typeof data2 !== "boolean")){
const err5 = {instancePath:instancePath+"/inputs/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/inputs/additionalProperties/type",keyword:"type",params:{type: schema83.properties.inputs.additionalProperties.type},message:"must be string,number,boolean",schema:schema83.properties.inputs.additionalProperties.type,parentSchema:schema83.properties.inputs.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/inputs",schemaPath:"#/properties/inputs/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema83.properties.inputs.type,parentSchema:schema83.properties.inputs,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.replay !== undefined){
let data3 = data.replay;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err7 = {instancePath:instancePath+"/replay",schemaPath:"#/properties/replay/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema83.properties.replay,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/replay",schemaPath:"#/properties/replay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema83.properties.replay.type,parentSchema:schema83.properties.replay,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.expect !== undefined){
if(!(validate58(data.expect, {instancePath:instancePath+"/expect",parentData:data,parentDataProperty:"expect",rootData}))){
vErrors = vErrors === null ? validate58.errors : vErrors.concat(validate58.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema83.type,parentSchema:schema83,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate57.errors = vErrors;
return errors === 0;
}


function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://planexec.dev/schemas/pipeline.schema.json" */;
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
const _errs3 = errors;
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.plan === undefined) && (missing0 = "plan")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var valid1 = _errs4 === errors;
if(valid1){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.task === undefined){
const err2 = {instancePath,schemaPath:"#/then/required",keyword:"required",params:{missingProperty: "task"},message:"must have required property '"+"task"+"'",schema:schema18.then.required,parentSchema:schema18.then,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid0 = _valid0;
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema18.if,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.name === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.tools === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tools"},message:"must have required property '"+"tools"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema18.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err8 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.$schema.type,parentSchema:schema18.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.version !== undefined){
let data1 = data.version;
if(1 !== data1){
const err9 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema18.properties.version,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err10 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.name,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.name.type,parentSchema:schema18.properties.name,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.description !== undefined){
let data3 = data.description;
if(typeof data3 !== "string"){
const err12 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.description.type,parentSchema:schema18.properties.description,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.task !== undefined){
let data4 = data.task;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err13 = {instancePath:instancePath+"/task",schemaPath:"#/properties/task/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.task,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/task",schemaPath:"#/properties/task/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.task.type,parentSchema:schema18.properties.task,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.secrets !== undefined){
let data5 = data.secrets;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(!pattern0.test(data6)){
const err15 = {instancePath:instancePath+"/secrets/" + i0,schemaPath:"#/properties/secrets/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema18.properties.secrets.items,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/secrets/" + i0,schemaPath:"#/properties/secrets/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.secrets.items.type,parentSchema:schema18.properties.secrets.items,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let i1 = data5.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data5[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err17 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema18.properties.secrets,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err18 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.secrets.type,parentSchema:schema18.properties.secrets,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.writable !== undefined){
let data7 = data.writable;
if(Array.isArray(data7)){
const len1 = data7.length;
for(let i2=0; i2<len1; i2++){
let data8 = data7[i2];
if(typeof data8 === "string"){
if(func3(data8) < 1){
const err19 = {instancePath:instancePath+"/writable/" + i2,schemaPath:"#/properties/writable/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.writable.items,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/writable/" + i2,schemaPath:"#/properties/writable/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.writable.items.type,parentSchema:schema18.properties.writable.items,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
let i3 = data7.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data7[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err21 = {instancePath:instancePath+"/writable",schemaPath:"#/properties/writable/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema18.properties.writable,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err22 = {instancePath:instancePath+"/writable",schemaPath:"#/properties/writable/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.writable.type,parentSchema:schema18.properties.writable,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.inputs !== undefined){
let data9 = data.inputs;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key1 in data9){
const _errs27 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err23 = {instancePath:instancePath+"/inputs",schemaPath:"tool.schema.json#/definitions/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema22,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/inputs",schemaPath:"tool.schema.json#/definitions/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
var valid9 = _errs27 === errors;
if(!valid9){
const err25 = {instancePath:instancePath+"/inputs",schemaPath:"#/properties/inputs/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema18.properties.inputs.propertyNames,parentSchema:schema18.properties.inputs,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
for(const key2 in data9){
let data10 = data9[key2];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key3 in data10){
if(!(((key3 === "type") || (key3 === "default")) || (key3 === "description"))){
const err26 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/input/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema70,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data10.type !== undefined){
let data11 = data10.type;
if(!(((data11 === "string") || (data11 === "number")) || (data11 === "boolean"))){
const err27 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/type",schemaPath:"#/definitions/input/properties/type/enum",keyword:"enum",params:{allowedValues: schema70.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema70.properties.type.enum,parentSchema:schema70.properties.type,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data10.default !== undefined){
let data12 = data10.default;
if(((typeof data12 !== "string") && (!((typeof data12 == "number") && (isFinite(data12))))) && (typeof data12 !== "boolean")){
const err28 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/default",schemaPath:"#/definitions/input/properties/default/type",keyword:"type",params:{type: schema70.properties.default.type},message:"must be string,number,boolean",schema:schema70.properties.default.type,parentSchema:schema70.properties.default,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data10.description !== undefined){
let data13 = data10.description;
if(typeof data13 !== "string"){
const err29 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/definitions/input/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.description.type,parentSchema:schema70.properties.description,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/inputs/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/input/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema70.type,parentSchema:schema70,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/inputs",schemaPath:"#/properties/inputs/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.inputs.type,parentSchema:schema18.properties.inputs,data:data9};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.model !== undefined){
if(!(validate46(data.model, {instancePath:instancePath+"/model",parentData:data,parentDataProperty:"model",rootData}))){
vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
errors = vErrors.length;
}
}
if(data.tools !== undefined){
let data15 = data.tools;
if(Array.isArray(data15)){
const len2 = data15.length;
for(let i4=0; i4<len2; i4++){
let data16 = data15[i4];
const _errs45 = errors;
let valid16 = true;
const _errs46 = errors;
if(errors === _errs46){
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
let missing1;
if((data16.use === undefined) && (missing1 = "use")){
const err32 = {};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
var _valid1 = _errs46 === errors;
errors = _errs45;
if(vErrors !== null){
if(_errs45){
vErrors.length = _errs45;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid1){
const _errs48 = errors;
if(!(validate48(data16, {instancePath:instancePath+"/tools/" + i4,parentData:data15,parentDataProperty:i4,rootData}))){
vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
errors = vErrors.length;
}
var _valid1 = _errs48 === errors;
valid16 = _valid1;
ifClause0 = "then";
}
else {
const _errs49 = errors;
if(!(validate50(data16, {instancePath:instancePath+"/tools/" + i4,parentData:data15,parentDataProperty:i4,rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
var _valid1 = _errs49 === errors;
valid16 = _valid1;
ifClause0 = "else";
}
if(!valid16){
const err34 = {instancePath:instancePath+"/tools/" + i4,schemaPath:"#/properties/tools/items/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema18.properties.tools.items.if,parentSchema:schema18.properties.tools.items,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/tools",schemaPath:"#/properties/tools/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.tools.type,parentSchema:schema18.properties.tools,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.prompts !== undefined){
let data17 = data.prompts;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key4 in data17){
if(!((((key4 === "plan") || (key4 === "replan")) || (key4 === "repair")) || (key4 === "tail"))){
const err36 = {instancePath:instancePath+"/prompts",schemaPath:"#/properties/prompts/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema18.properties.prompts,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data17.plan !== undefined){
let data18 = data17.plan;
if(typeof data18 === "string"){
if(func3(data18) < 1){
const err37 = {instancePath:instancePath+"/prompts/plan",schemaPath:"#/properties/prompts/properties/plan/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.prompts.properties.plan,data:data18};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/prompts/plan",schemaPath:"#/properties/prompts/properties/plan/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.prompts.properties.plan.type,parentSchema:schema18.properties.prompts.properties.plan,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data17.replan !== undefined){
let data19 = data17.replan;
if(typeof data19 === "string"){
if(func3(data19) < 1){
const err39 = {instancePath:instancePath+"/prompts/replan",schemaPath:"#/properties/prompts/properties/replan/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.prompts.properties.replan,data:data19};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/prompts/replan",schemaPath:"#/properties/prompts/properties/replan/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.prompts.properties.replan.type,parentSchema:schema18.properties.prompts.properties.replan,data:data19};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data17.repair !== undefined){
let data20 = data17.repair;
if(typeof data20 === "string"){
if(func3(data20) < 1){
const err41 = {instancePath:instancePath+"/prompts/repair",schemaPath:"#/properties/prompts/properties/repair/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.prompts.properties.repair,data:data20};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/prompts/repair",schemaPath:"#/properties/prompts/properties/repair/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.prompts.properties.repair.type,parentSchema:schema18.properties.prompts.properties.repair,data:data20};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data17.tail !== undefined){
let data21 = data17.tail;
if(typeof data21 === "string"){
if(func3(data21) < 1){
const err43 = {instancePath:instancePath+"/prompts/tail",schemaPath:"#/properties/prompts/properties/tail/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema18.properties.prompts.properties.tail,data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/prompts/tail",schemaPath:"#/properties/prompts/properties/tail/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.prompts.properties.tail.type,parentSchema:schema18.properties.prompts.properties.tail,data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/prompts",schemaPath:"#/properties/prompts/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.prompts.type,parentSchema:schema18.properties.prompts,data:data17};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.planning !== undefined){
let data22 = data.planning;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key5 in data22){
if(!(((((((key5 === "maxSteps") || (key5 === "maxRepairs")) || (key5 === "maxArgumentBytes")) || (key5 === "maxArgumentDepth")) || (key5 === "maxPlanBytes")) || (key5 === "cache")) || (key5 === "stream"))){
const err46 = {instancePath:instancePath+"/planning",schemaPath:"#/definitions/planning/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema76,data:data22};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data22.maxSteps !== undefined){
let data23 = data22.maxSteps;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err47 = {instancePath:instancePath+"/planning/maxSteps",schemaPath:"#/definitions/planning/properties/maxSteps/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxSteps.type,parentSchema:schema76.properties.maxSteps,data:data23};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 1 || isNaN(data23)){
const err48 = {instancePath:instancePath+"/planning/maxSteps",schemaPath:"#/definitions/planning/properties/maxSteps/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxSteps,data:data23};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
if(data22.maxRepairs !== undefined){
let data24 = data22.maxRepairs;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err49 = {instancePath:instancePath+"/planning/maxRepairs",schemaPath:"#/definitions/planning/properties/maxRepairs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxRepairs.type,parentSchema:schema76.properties.maxRepairs,data:data24};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err50 = {instancePath:instancePath+"/planning/maxRepairs",schemaPath:"#/definitions/planning/properties/maxRepairs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema76.properties.maxRepairs,data:data24};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
if(data22.maxArgumentBytes !== undefined){
let data25 = data22.maxArgumentBytes;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err51 = {instancePath:instancePath+"/planning/maxArgumentBytes",schemaPath:"#/definitions/planning/properties/maxArgumentBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxArgumentBytes.type,parentSchema:schema76.properties.maxArgumentBytes,data:data25};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 1 || isNaN(data25)){
const err52 = {instancePath:instancePath+"/planning/maxArgumentBytes",schemaPath:"#/definitions/planning/properties/maxArgumentBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxArgumentBytes,data:data25};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
if(data22.maxArgumentDepth !== undefined){
let data26 = data22.maxArgumentDepth;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err53 = {instancePath:instancePath+"/planning/maxArgumentDepth",schemaPath:"#/definitions/planning/properties/maxArgumentDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxArgumentDepth.type,parentSchema:schema76.properties.maxArgumentDepth,data:data26};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 < 1 || isNaN(data26)){
const err54 = {instancePath:instancePath+"/planning/maxArgumentDepth",schemaPath:"#/definitions/planning/properties/maxArgumentDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxArgumentDepth,data:data26};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
if(data22.maxPlanBytes !== undefined){
let data27 = data22.maxPlanBytes;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err55 = {instancePath:instancePath+"/planning/maxPlanBytes",schemaPath:"#/definitions/planning/properties/maxPlanBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxPlanBytes.type,parentSchema:schema76.properties.maxPlanBytes,data:data27};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 < 1 || isNaN(data27)){
const err56 = {instancePath:instancePath+"/planning/maxPlanBytes",schemaPath:"#/definitions/planning/properties/maxPlanBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxPlanBytes,data:data27};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
if(data22.cache !== undefined){
let data28 = data22.cache;
if(typeof data28 !== "boolean"){
const err57 = {instancePath:instancePath+"/planning/cache",schemaPath:"#/definitions/planning/properties/cache/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema76.properties.cache.type,parentSchema:schema76.properties.cache,data:data28};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data22.stream !== undefined){
let data29 = data22.stream;
if(typeof data29 !== "boolean"){
const err58 = {instancePath:instancePath+"/planning/stream",schemaPath:"#/definitions/planning/properties/stream/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema76.properties.stream.type,parentSchema:schema76.properties.stream,data:data29};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/planning",schemaPath:"#/definitions/planning/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.type,parentSchema:schema76,data:data22};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data.replan !== undefined){
let data30 = data.replan;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
for(const key6 in data30){
if(!(((((key6 === "strategy") || (key6 === "maxReplans")) || (key6 === "retries")) || (key6 === "fixArgs")) || (key6 === "fallback"))){
const err60 = {instancePath:instancePath+"/replan",schemaPath:"#/definitions/replan/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema77,data:data30};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data30.strategy !== undefined){
let data31 = data30.strategy;
if(!((((data31 === "full") || (data31 === "tail-only")) || (data31 === "retry-step")) || (data31 === "none"))){
const err61 = {instancePath:instancePath+"/replan/strategy",schemaPath:"#/definitions/replan/properties/strategy/enum",keyword:"enum",params:{allowedValues: schema77.properties.strategy.enum},message:"must be equal to one of the allowed values",schema:schema77.properties.strategy.enum,parentSchema:schema77.properties.strategy,data:data31};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data30.maxReplans !== undefined){
let data32 = data30.maxReplans;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err62 = {instancePath:instancePath+"/replan/maxReplans",schemaPath:"#/definitions/replan/properties/maxReplans/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema77.properties.maxReplans.type,parentSchema:schema77.properties.maxReplans,data:data32};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 < 0 || isNaN(data32)){
const err63 = {instancePath:instancePath+"/replan/maxReplans",schemaPath:"#/definitions/replan/properties/maxReplans/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema77.properties.maxReplans,data:data32};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
if(data30.retries !== undefined){
let data33 = data30.retries;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err64 = {instancePath:instancePath+"/replan/retries",schemaPath:"#/definitions/replan/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema77.properties.retries.type,parentSchema:schema77.properties.retries,data:data33};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 < 0 || isNaN(data33)){
const err65 = {instancePath:instancePath+"/replan/retries",schemaPath:"#/definitions/replan/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema77.properties.retries,data:data33};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
if(data30.fixArgs !== undefined){
let data34 = data30.fixArgs;
if(typeof data34 !== "boolean"){
const err66 = {instancePath:instancePath+"/replan/fixArgs",schemaPath:"#/definitions/replan/properties/fixArgs/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema77.properties.fixArgs.type,parentSchema:schema77.properties.fixArgs,data:data34};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data30.fallback !== undefined){
let data35 = data30.fallback;
if(!(((data35 === "tail-only") || (data35 === "full")) || (data35 === "none"))){
const err67 = {instancePath:instancePath+"/replan/fallback",schemaPath:"#/definitions/replan/properties/fallback/enum",keyword:"enum",params:{allowedValues: schema77.properties.fallback.enum},message:"must be equal to one of the allowed values",schema:schema77.properties.fallback.enum,parentSchema:schema77.properties.fallback,data:data35};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
else {
const err68 = {instancePath:instancePath+"/replan",schemaPath:"#/definitions/replan/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema77.type,parentSchema:schema77,data:data30};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data.budget !== undefined){
let data36 = data.budget;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key7 in data36){
if(!((key7 === "maxLlmCalls") || (key7 === "maxTokens"))){
const err69 = {instancePath:instancePath+"/budget",schemaPath:"#/definitions/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema78,data:data36};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data36.maxLlmCalls !== undefined){
let data37 = data36.maxLlmCalls;
if(!(((typeof data37 == "number") && (!(data37 % 1) && !isNaN(data37))) && (isFinite(data37)))){
const err70 = {instancePath:instancePath+"/budget/maxLlmCalls",schemaPath:"#/definitions/budget/properties/maxLlmCalls/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.properties.maxLlmCalls.type,parentSchema:schema78.properties.maxLlmCalls,data:data37};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if((typeof data37 == "number") && (isFinite(data37))){
if(data37 < 1 || isNaN(data37)){
const err71 = {instancePath:instancePath+"/budget/maxLlmCalls",schemaPath:"#/definitions/budget/properties/maxLlmCalls/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema78.properties.maxLlmCalls,data:data37};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
if(data36.maxTokens !== undefined){
let data38 = data36.maxTokens;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err72 = {instancePath:instancePath+"/budget/maxTokens",schemaPath:"#/definitions/budget/properties/maxTokens/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.properties.maxTokens.type,parentSchema:schema78.properties.maxTokens,data:data38};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 < 1 || isNaN(data38)){
const err73 = {instancePath:instancePath+"/budget/maxTokens",schemaPath:"#/definitions/budget/properties/maxTokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema78.properties.maxTokens,data:data38};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
}
else {
const err74 = {instancePath:instancePath+"/budget",schemaPath:"#/definitions/budget/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema78.type,parentSchema:schema78,data:data36};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data.execution !== undefined){
if(!(validate55(data.execution, {instancePath:instancePath+"/execution",parentData:data,parentDataProperty:"execution",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
if(data.policy !== undefined){
let data40 = data.policy;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key8 in data40){
if(!(key8 === "untrustedFlow")){
const err75 = {instancePath:instancePath+"/policy",schemaPath:"#/definitions/policy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema82,data:data40};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data40.untrustedFlow !== undefined){
let data41 = data40.untrustedFlow;
if(!((data41 === "reject") || (data41 === "ask"))){
const err76 = {instancePath:instancePath+"/policy/untrustedFlow",schemaPath:"#/definitions/policy/properties/untrustedFlow/enum",keyword:"enum",params:{allowedValues: schema82.properties.untrustedFlow.enum},message:"must be equal to one of the allowed values",schema:schema82.properties.untrustedFlow.enum,parentSchema:schema82.properties.untrustedFlow,data:data41};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/policy",schemaPath:"#/definitions/policy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema82.type,parentSchema:schema82,data:data40};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.result !== undefined){
let data42 = data.result;
if(typeof data42 !== "string"){
const err78 = {instancePath:instancePath+"/result",schemaPath:"#/properties/result/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.properties.result.type,parentSchema:schema18.properties.result,data:data42};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data.resultFormat !== undefined){
let data43 = data.resultFormat;
if(!((data43 === "markdown") || (data43 === "text"))){
const err79 = {instancePath:instancePath+"/resultFormat",schemaPath:"#/properties/resultFormat/enum",keyword:"enum",params:{allowedValues: schema18.properties.resultFormat.enum},message:"must be equal to one of the allowed values",schema:schema18.properties.resultFormat.enum,parentSchema:schema18.properties.resultFormat,data:data43};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.plan !== undefined){
let data44 = data.plan;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
if(data44.steps === undefined){
const err80 = {instancePath:instancePath+"/plan",schemaPath:"#/properties/plan/required",keyword:"required",params:{missingProperty: "steps"},message:"must have required property '"+"steps"+"'",schema:schema18.properties.plan.required,parentSchema:schema18.properties.plan,data:data44};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
for(const key9 in data44){
if(!(key9 === "steps")){
const err81 = {instancePath:instancePath+"/plan",schemaPath:"#/properties/plan/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema18.properties.plan,data:data44};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data44.steps !== undefined){
let data45 = data44.steps;
if(Array.isArray(data45)){
if(data45.length < 1){
const err82 = {instancePath:instancePath+"/plan/steps",schemaPath:"#/properties/plan/properties/steps/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema18.properties.plan.properties.steps,data:data45};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
const len3 = data45.length;
for(let i5=0; i5<len3; i5++){
let data46 = data45[i5];
if(!(data46 && typeof data46 == "object" && !Array.isArray(data46))){
const err83 = {instancePath:instancePath+"/plan/steps/" + i5,schemaPath:"#/properties/plan/properties/steps/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.plan.properties.steps.items.type,parentSchema:schema18.properties.plan.properties.steps.items,data:data46};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
else {
const err84 = {instancePath:instancePath+"/plan/steps",schemaPath:"#/properties/plan/properties/steps/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.plan.properties.steps.type,parentSchema:schema18.properties.plan.properties.steps,data:data45};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
else {
const err85 = {instancePath:instancePath+"/plan",schemaPath:"#/properties/plan/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.plan.type,parentSchema:schema18.properties.plan,data:data44};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data.approve !== undefined){
let data47 = data.approve;
if(typeof data47 !== "boolean"){
const err86 = {instancePath:instancePath+"/approve",schemaPath:"#/properties/approve/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema18.properties.approve.type,parentSchema:schema18.properties.approve,data:data47};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data.tests !== undefined){
let data48 = data.tests;
if(Array.isArray(data48)){
if(data48.length < 1){
const err87 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema18.properties.tests,data:data48};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
const len4 = data48.length;
for(let i6=0; i6<len4; i6++){
if(!(validate57(data48[i6], {instancePath:instancePath+"/tests/" + i6,parentData:data48,parentDataProperty:i6,rootData}))){
vErrors = vErrors === null ? validate57.errors : vErrors.concat(validate57.errors);
errors = vErrors.length;
}
}
}
else {
const err88 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema18.properties.tests.type,parentSchema:schema18.properties.tests,data:data48};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
else {
const err89 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}

export const tool = validate18;
const schema19 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://planexec.dev/schemas/tool.schema.json","title":"planexec tool file","description":"A reusable list of tool declarations. A pipeline imports it with `tools: [{ use: path/to/this.yaml }]`.","type":"array","items":{"$ref":"#/definitions/tool"},"definitions":{"tool":{"title":"Tool declaration","description":"A tool the plan may use: a command (`command:`, argv only, never a shell line), an HTTP request (`url:`) or a JS/TS module's export (`module:`), with a JSON Schema for the arguments the plan may pass.","examples":[{"name":"grep_lines","description":"Lines of a text file that match an extended regular expression, as <line>:<text>","command":["grep","-n","-E","-e","{{args.pattern}}","--","{{args.file}}"],"args":{"type":"object","properties":{"pattern":{"type":"string"},"file":{"type":"string"}},"required":["pattern","file"],"additionalProperties":false},"output":"lines"}],"type":"object","if":{"type":"object","properties":{"url":true},"required":["url"]},"then":{"$ref":"#/definitions/httpTool"},"else":{"if":{"type":"object","properties":{"module":true},"required":["module"]},"then":{"$ref":"#/definitions/moduleTool"},"else":{"$ref":"#/definitions/commandTool"}}},"commandTool":{"title":"Command tool","description":"A command the plan may run: argv only (never a shell line), with a JSON Schema for the arguments the plan may pass.","type":"object","additionalProperties":false,"required":["name","description","command","args"],"properties":{"name":{"$ref":"#/definitions/toolName"},"description":{"$ref":"#/definitions/toolDescription"},"args":{"$ref":"#/definitions/argsSchema"},"output":{"$ref":"#/definitions/outputFormat"},"command":{"title":"Command (argv)","description":"The program and its arguments, one list item each; never run through a shell. Each item is a Handlebars template over `args`, e.g. \"{{args.since}}..HEAD\".","examples":[["git","log","--format=%s","{{args.since}}..HEAD"],["grep","-n","-e","{{args.pattern}}","--","{{args.file}}"]],"type":"array","minItems":1,"items":{"title":"Command argument","description":"One argv element; a Handlebars template over `args`.","type":"string"}},"cwd":{"title":"Working directory","description":"Directory the command runs in, relative to the file that declares the tool. Defaults to the directory the run starts in.","examples":[".","../src"],"type":"string","minLength":1},"env":{"title":"Environment","description":"Extra environment variables for the process, on top of a minimal inherited set (PATH, HOME, LANG…). A value may name a secret the pipeline lists under `secrets:`, e.g. GH_TOKEN: \"{{secrets.GH_TOKEN}}\"; that is the only way a command receives one.","examples":[{"LC_ALL":"C","GIT_PAGER":"cat"}],"type":"object","propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$","patternErrorMessage":"must be an environment variable name (letters, digits and _, not starting with a digit)"},"additionalProperties":{"title":"Environment variable value","description":"The variable's value, as a string; `{{secrets.NAME}}` is replaced by the secret's value, nothing else is a placeholder.","type":"string"}},"retryOn":{"title":"Retryable exit codes","description":"Exit codes that mean the command failed for a transient reason and may be retried (with `retries`), e.g. [75] (EX_TEMPFAIL).","examples":[[75]],"type":"array","minItems":1,"uniqueItems":true,"items":{"title":"Exit code","description":"An exit code from 1 to 255.","type":"integer","minimum":1,"maximum":255}},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"critical":{"$ref":"#/definitions/critical"},"confirm":{"$ref":"#/definitions/confirm"},"sideEffects":{"$ref":"#/definitions/sideEffects"},"trust":{"$ref":"#/definitions/trust"},"accepts":{"$ref":"#/definitions/accepts"},"idempotent":{"$ref":"#/definitions/idempotent"}}},"httpTool":{"title":"HTTP tool","description":"An HTTP request the plan may make: method, url, query, headers and body are templates over the step's arguments; status 400 or above fails the step.","type":"object","additionalProperties":false,"required":["name","description","url","args"],"properties":{"name":{"$ref":"#/definitions/toolName"},"description":{"$ref":"#/definitions/toolDescription"},"args":{"$ref":"#/definitions/argsSchema"},"output":{"$ref":"#/definitions/outputFormat"},"method":{"title":"HTTP method","description":"The request's method. Default GET.","enum":["GET","HEAD","POST","PUT","PATCH","DELETE"],"default":"GET"},"url":{"title":"URL","description":"The request URL: a Handlebars template over `args`, each inserted value percent-encoded, e.g. \"https://api.github.com/repos/{{args.owner}}/{{args.repo}}/releases\". Its host must be static unless `allowHosts` lists the hosts it may be.","examples":["https://api.github.com/repos/{{args.owner}}/{{args.repo}}/releases"],"type":"string","pattern":"^https?://","patternErrorMessage":"must be an http:// or https:// URL"},"query":{"title":"Query parameters","description":"Query parameters added to the URL (encoded), each a Handlebars template over `args`; a parameter that renders empty is left out.","examples":[{"per_page":"{{args.limit}}","q":"{{args.query}}"}],"type":"object","additionalProperties":{"title":"Query parameter value","description":"A Handlebars template over `args`.","type":"string"}},"headers":{"title":"Headers","description":"Request headers. Each value is a Handlebars template over `args`, `secrets` and `env`, e.g. \"Bearer {{secrets.GITHUB_TOKEN}}\" (with GITHUB_TOKEN under the pipeline's `secrets:`). Headers are the only place of an http tool where secrets and environment variables can be read; their values are redacted from the response and from errors.","examples":[{"accept":"application/vnd.github+json","authorization":"Bearer {{env.GITHUB_TOKEN}}"}],"type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$","patternErrorMessage":"must be an HTTP header name"},"additionalProperties":{"title":"Header value","description":"A Handlebars template over `args`, `secrets` and `env`.","type":"string"}},"body":{"title":"Body","description":"A string: a Handlebars template over `args`, sent as text. A map or list: sent as JSON; each string in it is a template over `args`, and a string that is exactly \"{{args.name}}\" becomes the argument's value itself (a number stays a number; an argument not given leaves the field out).","examples":[{"title":"{{args.title}}","labels":"{{args.labels}}"},"{{args.text}}"],"type":["string","object","array"]},"allowHosts":{"title":"Allowed hosts","description":"Hosts the request and any redirect may go to; `*.example.com` allows every subdomain. Defaults to the host of `url` (which then must not depend on `args`).","examples":[["api.github.com"],["*.example.com","localhost:8080"]],"type":"array","minItems":1,"uniqueItems":true,"items":{"title":"Allowed host","description":"A host name, with an optional port (example.com:8443), or *.example.com.","type":"string","pattern":"^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$","patternErrorMessage":"must be a host name such as api.example.com, *.example.com or localhost:8080"}},"allowLinkLocal":{"title":"Allow link-local addresses","description":"Let the request reach link-local and cloud metadata addresses (169.254.0.0/16 such as 169.254.169.254, fe80::/10, metadata.google.internal). Default false: such a request, or a host name that resolves to such an address, is refused.","type":"boolean","default":false},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"critical":{"$ref":"#/definitions/critical"},"confirm":{"$ref":"#/definitions/confirm"},"sideEffects":{"$ref":"#/definitions/sideEffects"},"trust":{"$ref":"#/definitions/trust"},"accepts":{"$ref":"#/definitions/accepts"},"idempotent":{"$ref":"#/definitions/idempotent"}}},"moduleTool":{"title":"Module tool","description":"A function exported by a JS/TS module, called with the step's arguments and an AbortSignal.","type":"object","additionalProperties":false,"required":["name","description","module","args"],"properties":{"name":{"$ref":"#/definitions/toolName"},"description":{"$ref":"#/definitions/toolDescription"},"args":{"$ref":"#/definitions/argsSchema"},"output":{"$ref":"#/definitions/outputFormat"},"module":{"title":"Module","description":"Path of a JavaScript or TypeScript module, relative to the file that declares the tool.","examples":["scripts/csv-summary.mjs","./tools.ts"],"type":"string","minLength":1},"export":{"title":"Export","description":"Name of the exported function, called as fn(args, { signal }); what it returns (or resolves to) is the step's output. Default: default.","examples":["default","summarizeCsv"],"type":"string","pattern":"^[A-Za-z_$][A-Za-z0-9_$]*$","patternErrorMessage":"must be a JavaScript export name","default":"default"},"timeout":{"$ref":"#/definitions/timeout"},"retries":{"$ref":"#/definitions/retries"},"critical":{"$ref":"#/definitions/critical"},"confirm":{"$ref":"#/definitions/confirm"},"sideEffects":{"$ref":"#/definitions/sideEffects"},"trust":{"$ref":"#/definitions/trust"},"accepts":{"$ref":"#/definitions/accepts"},"idempotent":{"$ref":"#/definitions/idempotent"}}},"toolName":{"$ref":"#/definitions/name","title":"Tool name","description":"How plans name this tool. Letters, digits and _, not starting with a digit; `llm` is reserved for the built-in tool.","examples":["grep_lines","list_commits"]},"toolDescription":{"title":"Tool description","description":"What the tool does and returns, in one or two sentences. The model reads it to decide when to use the tool.","examples":["Commit subjects since a tag or commit, newest first, one per line."],"type":"string","minLength":1},"argsSchema":{"title":"Argument schema","description":"JSON Schema (draft-07) of the arguments a plan may pass to this tool; its top-level type must be object. Four planexec additions: `format: path` on a string confines it to the workspace (no .., absolute path or symlink leading outside the directory planexec runs in, nothing inside .git); `writes: true` on a path the tool writes confines it further to the pipeline's writable folders (default out/), through no symbolic link, to no file with other hard links; `allowOptionLike: true` on a property lets its value start with - where it fills the start of a command argument (otherwise refused as option injection, unless it follows a literal -- in the command); `x-accepts: trusted` on a top-level property means that argument may not carry untrusted data (see trust and accepts).","examples":[{"type":"object","properties":{"since":{"type":"string","description":"A tag or commit, e.g. v1.2.0"}},"required":["since"],"additionalProperties":false}],"allOf":[{"$ref":"draft-07.schema.json"}],"type":"object","required":["type"],"properties":{"type":{"title":"Argument schema type","description":"Always object: a plan passes arguments by name.","const":"object"}}},"outputFormat":{"title":"Output format","description":"How the tool's output (a command's stdout, a response body, a function's return value) is read: `text` as is, `lines` as a list of non-empty lines, `json` parsed as JSON.","enum":["text","lines","json"],"default":"text"},"timeout":{"$ref":"#/definitions/duration","title":"Timeout","description":"How long one call of the tool may run before it is stopped, e.g. 30s, 5m, 1h, 500ms, or a number of milliseconds. Defaults to execution.stepTimeout.","examples":["30s","2m"]},"retries":{"title":"Retries","description":"Retry a call that failed for a transient reason (HTTP 429 or 5xx, a network error, an exit code listed in retryOn) before replanning is involved.","examples":[{"attempts":3,"backoff":"1s","maxBackoff":"30s"}],"type":"object","additionalProperties":false,"required":["attempts"],"properties":{"attempts":{"title":"Retry attempts","description":"Retries after the first failure (a call runs at most attempts + 1 times).","type":"integer","minimum":1,"maximum":20},"backoff":{"$ref":"#/definitions/duration","title":"Backoff","description":"Delay before the first retry; doubled for each further one, with random jitter. Default 1s."},"maxBackoff":{"$ref":"#/definitions/duration","title":"Longest backoff","description":"Upper bound of one delay, including a server's Retry-After. Default 30s."}}},"name":{"title":"Name","description":"Letters, digits and _, not starting with a digit.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","patternErrorMessage":"must be a name of letters, digits and _, not starting with a digit"},"duration":{"title":"Duration","description":"A duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds.","examples":["500ms","30s","5m","1h"],"type":["string","integer"],"pattern":"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$","minimum":0,"patternErrorMessage":"must be a duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds"},"critical":{"title":"Critical","description":"false: when a step of this tool fails and no other step needs its output (and it is not the plan's last step), the run goes on without replanning. Default true.","type":"boolean"},"confirm":{"title":"Confirm","description":"true: a plan that uses this tool is shown and must be approved before it runs (see the pipeline's approve). Default false.","type":"boolean"},"idempotent":{"title":"Idempotent","description":"false: with execution.backend bullmq, a step whose worker stopped while running it (killed, lost, shut down) fails instead of being run again by another worker. Default true: such a step is run again (at-least-once).","type":"boolean"},"sideEffects":{"title":"Side effects","description":"true: the tool changes something outside the run (writes, sends, deploys), so with planning.stream its steps never start before the whole plan is checked, and (unless it says accepts: any) none of its arguments may carry untrusted data. Default false, except for http tools whose method is not GET or HEAD.","type":"boolean"},"trust":{"title":"Trust of the output","description":"untrusted: the tool returns data from outside the user's control (web pages, issue bodies, emails, other people's files). Its output, and everything computed from it (a reference to it, the output of an llm step whose prompt holds it), is untrusted and cannot reach an argument that accepts only trusted data. Default trusted.","enum":["trusted","untrusted"],"default":"trusted"},"accepts":{"title":"Data the arguments accept","description":"trusted: no argument of this tool may carry untrusted data (the compiler rejects such a plan, naming the path the data takes). any: every argument may. Default trusted for a tool with side effects (sideEffects: true, or an http tool whose method is not GET or HEAD), otherwise any; one argument can be made trusted-only with x-accepts: trusted in the args schema.","enum":["trusted","any"]}}};

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(data && typeof data == "object" && !Array.isArray(data))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(errors === _errs2){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.url === undefined) && (missing0 = "url")){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs4 = errors;
if(!(validate20(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
var _valid0 = _errs4 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs5 = errors;
const _errs6 = errors;
let valid1 = true;
const _errs7 = errors;
if(errors === _errs7){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.module === undefined) && (missing1 = "module")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs7 === errors;
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
let ifClause1;
if(_valid1){
const _errs9 = errors;
if(!(validate37(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
var _valid1 = _errs9 === errors;
valid1 = _valid1;
ifClause1 = "then";
}
else {
const _errs10 = errors;
if(!(validate41(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
var _valid1 = _errs10 === errors;
valid1 = _valid1;
ifClause1 = "else";
}
if(!valid1){
const err5 = {instancePath,schemaPath:"#/else/if",keyword:"if",params:{failingKeyword: ifClause1},message:"must match \""+ifClause1+"\" schema",schema:schema20.else.if,parentSchema:schema20.else,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs5 === errors;
valid0 = _valid0;
ifClause0 = "else";
}
if(!valid0){
const err6 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema20.if,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}


function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://planexec.dev/schemas/tool.schema.json" */;
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate19(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema19.type,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}

export const config = validate61;
const schema86 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://planexec.dev/schemas/config.schema.json","title":"planexec project configuration","description":"planexec.config.yaml: project-wide defaults for pipelines. A pipeline overrides them field by field.","type":"object","additionalProperties":false,"properties":{"$schema":{"title":"JSON Schema","description":"Path or URL of this schema, for editors. Ignored by planexec.","type":"string"},"model":{"$ref":"pipeline.schema.json#/definitions/model","title":"Model defaults","description":"Defaults for every pipeline's `model`. A `replay` path is relative to this file."},"planning":{"$ref":"pipeline.schema.json#/definitions/planning","title":"Planning defaults","description":"Defaults for every pipeline's `planning`."},"replan":{"$ref":"pipeline.schema.json#/definitions/replan","title":"Replanning defaults","description":"Defaults for every pipeline's `replan`."},"budget":{"$ref":"pipeline.schema.json#/definitions/budget","title":"Budget defaults","description":"Defaults for every pipeline's `budget`."},"execution":{"$ref":"pipeline.schema.json#/definitions/execution","title":"Execution defaults","description":"Defaults for every pipeline's `execution`."},"policy":{"$ref":"pipeline.schema.json#/definitions/policy","title":"Policy defaults","description":"Defaults for every pipeline's `policy`."}}};

function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema71.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema71,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err1 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.name,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.name.type,parentSchema:schema71.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.provider !== undefined){
let data1 = data.provider;
if(!(((data1 === "openai") || (data1 === "azure")) || (data1 === "ollama"))){
const err3 = {instancePath:instancePath+"/provider",schemaPath:"#/properties/provider/enum",keyword:"enum",params:{allowedValues: schema71.properties.provider.enum},message:"must be equal to one of the allowed values",schema:schema71.properties.provider.enum,parentSchema:schema71.properties.provider,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.deployment !== undefined){
let data2 = data.deployment;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err4 = {instancePath:instancePath+"/deployment",schemaPath:"#/properties/deployment/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.deployment,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/deployment",schemaPath:"#/properties/deployment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.deployment.type,parentSchema:schema71.properties.deployment,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data3 = data.apiVersion;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err6 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.apiVersion,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.apiVersion.type,parentSchema:schema71.properties.apiVersion,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.baseURL !== undefined){
let data4 = data.baseURL;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err8 = {instancePath:instancePath+"/baseURL",schemaPath:"#/properties/baseURL/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema71.properties.baseURL,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/baseURL",schemaPath:"#/properties/baseURL/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.baseURL.type,parentSchema:schema71.properties.baseURL,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.apiKeyEnv !== undefined){
let data5 = data.apiKeyEnv;
if(typeof data5 === "string"){
if(!pattern16.test(data5)){
const err10 = {instancePath:instancePath+"/apiKeyEnv",schemaPath:"#/properties/apiKeyEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Z_][A-Z0-9_]*$"},message:"must match pattern \""+"^[A-Z_][A-Z0-9_]*$"+"\"",schema:"^[A-Z_][A-Z0-9_]*$",parentSchema:schema71.properties.apiKeyEnv,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/apiKeyEnv",schemaPath:"#/properties/apiKeyEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.apiKeyEnv.type,parentSchema:schema71.properties.apiKeyEnv,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.temperature !== undefined){
let data6 = data.temperature;
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 2 || isNaN(data6)){
const err12 = {instancePath:instancePath+"/temperature",schemaPath:"#/properties/temperature/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2},message:"must be <= 2",schema:2,parentSchema:schema71.properties.temperature,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data6 < 0 || isNaN(data6)){
const err13 = {instancePath:instancePath+"/temperature",schemaPath:"#/properties/temperature/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema71.properties.temperature,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/temperature",schemaPath:"#/properties/temperature/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema71.properties.temperature.type,parentSchema:schema71.properties.temperature,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.replay !== undefined){
let data7 = data.replay;
if(typeof data7 === "string"){
if(func3(data7) < 1){
const err15 = {instancePath:instancePath+"/replay",schemaPath:"#/properties/replay/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema71.properties.replay,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/replay",schemaPath:"#/properties/replay/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.replay.type,parentSchema:schema71.properties.replay,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.maxRetries !== undefined){
let data8 = data.maxRetries;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err17 = {instancePath:instancePath+"/maxRetries",schemaPath:"#/properties/maxRetries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema71.properties.maxRetries.type,parentSchema:schema71.properties.maxRetries,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err18 = {instancePath:instancePath+"/maxRetries",schemaPath:"#/properties/maxRetries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema71.properties.maxRetries,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.timeout !== undefined){
let data9 = data.timeout;
if((typeof data9 !== "string") && (!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9))))){
const err19 = {instancePath:instancePath+"/timeout",schemaPath:"tool.schema.json#/definitions/duration/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err20 = {instancePath:instancePath+"/timeout",schemaPath:"tool.schema.json#/definitions/duration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(typeof data9 === "string"){
if(!pattern5.test(data9)){
const err21 = {instancePath:instancePath+"/timeout",schemaPath:"tool.schema.json#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.type,parentSchema:schema71,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate62.errors = vErrors;
return errors === 0;
}


function validate64(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "concurrency") || (key0 === "stepTimeout")) || (key0 === "maxOutputBytes")) || (key0 === "onFailure")) || (key0 === "backend"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.concurrency !== undefined){
let data0 = data.concurrency;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema79.properties.concurrency.type,parentSchema:schema79.properties.concurrency,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 1 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/concurrency",schemaPath:"#/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema79.properties.concurrency,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.stepTimeout !== undefined){
let data1 = data.stepTimeout;
if((typeof data1 !== "string") && (!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1))))){
const err3 = {instancePath:instancePath+"/stepTimeout",schemaPath:"tool.schema.json#/definitions/duration/type",keyword:"type",params:{type: schema37.type},message:"must be string,integer",schema:schema37.type,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/stepTimeout",schemaPath:"tool.schema.json#/definitions/duration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
const err5 = {instancePath:instancePath+"/stepTimeout",schemaPath:"tool.schema.json#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema37,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.maxOutputBytes !== undefined){
let data2 = data.maxOutputBytes;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/maxOutputBytes",schemaPath:"#/properties/maxOutputBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema79.properties.maxOutputBytes.type,parentSchema:schema79.properties.maxOutputBytes,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/maxOutputBytes",schemaPath:"#/properties/maxOutputBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema79.properties.maxOutputBytes,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.onFailure !== undefined){
let data3 = data.onFailure;
if(!((data3 === "wait") || (data3 === "cancel"))){
const err8 = {instancePath:instancePath+"/onFailure",schemaPath:"#/properties/onFailure/enum",keyword:"enum",params:{allowedValues: schema79.properties.onFailure.enum},message:"must be equal to one of the allowed values",schema:schema79.properties.onFailure.enum,parentSchema:schema79.properties.onFailure,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.backend !== undefined){
let data4 = data.backend;
const _errs14 = errors;
let valid3 = true;
const _errs15 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind !== undefined){
if("bullmq" !== data4.kind){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
var _valid0 = _errs15 === errors;
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs17 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err10 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/then/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema81.then.required,parentSchema:schema81.then,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data4.redis === undefined){
const err11 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/then/required",keyword:"required",params:{missingProperty: "redis"},message:"must have required property '"+"redis"+"'",schema:schema81.then.required,parentSchema:schema81.then,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data4){
if(!(((key1 === "kind") || (key1 === "redis")) || (key1 === "queue"))){
const err12 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema81.then,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.kind !== undefined){
let data6 = data4.kind;
if("bullmq" !== data6){
const err13 = {instancePath:instancePath+"/backend/kind",schemaPath:"#/definitions/backend/then/properties/kind/const",keyword:"const",params:{allowedValue: "bullmq"},message:"must be equal to constant",schema:"bullmq",parentSchema:schema81.then.properties.kind,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data4.redis !== undefined){
let data7 = data4.redis;
if(typeof data7 === "string"){
if(!pattern20.test(data7)){
const err14 = {instancePath:instancePath+"/backend/redis",schemaPath:"#/definitions/backend/then/properties/redis/pattern",keyword:"pattern",params:{pattern: "^rediss?://"},message:"must match pattern \""+"^rediss?://"+"\"",schema:"^rediss?://",parentSchema:schema81.then.properties.redis,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/backend/redis",schemaPath:"#/definitions/backend/then/properties/redis/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.then.properties.redis.type,parentSchema:schema81.then.properties.redis,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.queue !== undefined){
let data8 = data4.queue;
if(typeof data8 === "string"){
if(!pattern21.test(data8)){
const err16 = {instancePath:instancePath+"/backend/queue",schemaPath:"#/definitions/backend/then/properties/queue/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]{1,100}$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]{1,100}$"+"\"",schema:"^[A-Za-z0-9_.-]{1,100}$",parentSchema:schema81.then.properties.queue,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/backend/queue",schemaPath:"#/definitions/backend/then/properties/queue/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.then.properties.queue.type,parentSchema:schema81.then.properties.queue,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
var _valid0 = _errs17 === errors;
valid3 = _valid0;
ifClause0 = "then";
}
else {
const _errs26 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(key2 === "kind")){
const err18 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/else/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema81.else,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.kind !== undefined){
let data9 = data4.kind;
if(!((data9 === "local") || (data9 === "bullmq"))){
const err19 = {instancePath:instancePath+"/backend/kind",schemaPath:"#/definitions/backend/else/properties/kind/enum",keyword:"enum",params:{allowedValues: schema81.else.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema81.else.properties.kind.enum,parentSchema:schema81.else.properties.kind,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
var _valid0 = _errs26 === errors;
valid3 = _valid0;
ifClause0 = "else";
}
if(!valid3){
const err20 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema81.if,parentSchema:schema81,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err21 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema81.required,parentSchema:schema81,data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/backend",schemaPath:"#/definitions/backend/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema81.type,parentSchema:schema81,data:data4};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.type,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate64.errors = vErrors;
return errors === 0;
}


function validate61(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://planexec.dev/schemas/config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((((key0 === "$schema") || (key0 === "model")) || (key0 === "planning")) || (key0 === "replan")) || (key0 === "budget")) || (key0 === "execution")) || (key0 === "policy"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema86,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema86.properties.$schema.type,parentSchema:schema86.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.model !== undefined){
if(!(validate62(data.model, {instancePath:instancePath+"/model",parentData:data,parentDataProperty:"model",rootData}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
}
if(data.planning !== undefined){
let data2 = data.planning;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(((((((key1 === "maxSteps") || (key1 === "maxRepairs")) || (key1 === "maxArgumentBytes")) || (key1 === "maxArgumentDepth")) || (key1 === "maxPlanBytes")) || (key1 === "cache")) || (key1 === "stream"))){
const err2 = {instancePath:instancePath+"/planning",schemaPath:"pipeline.schema.json#/definitions/planning/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema76,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data2.maxSteps !== undefined){
let data3 = data2.maxSteps;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err3 = {instancePath:instancePath+"/planning/maxSteps",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxSteps/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxSteps.type,parentSchema:schema76.properties.maxSteps,data:data3};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err4 = {instancePath:instancePath+"/planning/maxSteps",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxSteps/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxSteps,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data2.maxRepairs !== undefined){
let data4 = data2.maxRepairs;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err5 = {instancePath:instancePath+"/planning/maxRepairs",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxRepairs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxRepairs.type,parentSchema:schema76.properties.maxRepairs,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err6 = {instancePath:instancePath+"/planning/maxRepairs",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxRepairs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema76.properties.maxRepairs,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data2.maxArgumentBytes !== undefined){
let data5 = data2.maxArgumentBytes;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err7 = {instancePath:instancePath+"/planning/maxArgumentBytes",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxArgumentBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxArgumentBytes.type,parentSchema:schema76.properties.maxArgumentBytes,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 1 || isNaN(data5)){
const err8 = {instancePath:instancePath+"/planning/maxArgumentBytes",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxArgumentBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxArgumentBytes,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data2.maxArgumentDepth !== undefined){
let data6 = data2.maxArgumentDepth;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err9 = {instancePath:instancePath+"/planning/maxArgumentDepth",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxArgumentDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxArgumentDepth.type,parentSchema:schema76.properties.maxArgumentDepth,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 1 || isNaN(data6)){
const err10 = {instancePath:instancePath+"/planning/maxArgumentDepth",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxArgumentDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxArgumentDepth,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data2.maxPlanBytes !== undefined){
let data7 = data2.maxPlanBytes;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err11 = {instancePath:instancePath+"/planning/maxPlanBytes",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxPlanBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema76.properties.maxPlanBytes.type,parentSchema:schema76.properties.maxPlanBytes,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 1 || isNaN(data7)){
const err12 = {instancePath:instancePath+"/planning/maxPlanBytes",schemaPath:"pipeline.schema.json#/definitions/planning/properties/maxPlanBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema76.properties.maxPlanBytes,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data2.cache !== undefined){
let data8 = data2.cache;
if(typeof data8 !== "boolean"){
const err13 = {instancePath:instancePath+"/planning/cache",schemaPath:"pipeline.schema.json#/definitions/planning/properties/cache/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema76.properties.cache.type,parentSchema:schema76.properties.cache,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data2.stream !== undefined){
let data9 = data2.stream;
if(typeof data9 !== "boolean"){
const err14 = {instancePath:instancePath+"/planning/stream",schemaPath:"pipeline.schema.json#/definitions/planning/properties/stream/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema76.properties.stream.type,parentSchema:schema76.properties.stream,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/planning",schemaPath:"pipeline.schema.json#/definitions/planning/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.type,parentSchema:schema76,data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.replan !== undefined){
let data10 = data.replan;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key2 in data10){
if(!(((((key2 === "strategy") || (key2 === "maxReplans")) || (key2 === "retries")) || (key2 === "fixArgs")) || (key2 === "fallback"))){
const err16 = {instancePath:instancePath+"/replan",schemaPath:"pipeline.schema.json#/definitions/replan/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema77,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data10.strategy !== undefined){
let data11 = data10.strategy;
if(!((((data11 === "full") || (data11 === "tail-only")) || (data11 === "retry-step")) || (data11 === "none"))){
const err17 = {instancePath:instancePath+"/replan/strategy",schemaPath:"pipeline.schema.json#/definitions/replan/properties/strategy/enum",keyword:"enum",params:{allowedValues: schema77.properties.strategy.enum},message:"must be equal to one of the allowed values",schema:schema77.properties.strategy.enum,parentSchema:schema77.properties.strategy,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data10.maxReplans !== undefined){
let data12 = data10.maxReplans;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err18 = {instancePath:instancePath+"/replan/maxReplans",schemaPath:"pipeline.schema.json#/definitions/replan/properties/maxReplans/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema77.properties.maxReplans.type,parentSchema:schema77.properties.maxReplans,data:data12};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err19 = {instancePath:instancePath+"/replan/maxReplans",schemaPath:"pipeline.schema.json#/definitions/replan/properties/maxReplans/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema77.properties.maxReplans,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data10.retries !== undefined){
let data13 = data10.retries;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err20 = {instancePath:instancePath+"/replan/retries",schemaPath:"pipeline.schema.json#/definitions/replan/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema77.properties.retries.type,parentSchema:schema77.properties.retries,data:data13};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err21 = {instancePath:instancePath+"/replan/retries",schemaPath:"pipeline.schema.json#/definitions/replan/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema77.properties.retries,data:data13};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data10.fixArgs !== undefined){
let data14 = data10.fixArgs;
if(typeof data14 !== "boolean"){
const err22 = {instancePath:instancePath+"/replan/fixArgs",schemaPath:"pipeline.schema.json#/definitions/replan/properties/fixArgs/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema77.properties.fixArgs.type,parentSchema:schema77.properties.fixArgs,data:data14};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data10.fallback !== undefined){
let data15 = data10.fallback;
if(!(((data15 === "tail-only") || (data15 === "full")) || (data15 === "none"))){
const err23 = {instancePath:instancePath+"/replan/fallback",schemaPath:"pipeline.schema.json#/definitions/replan/properties/fallback/enum",keyword:"enum",params:{allowedValues: schema77.properties.fallback.enum},message:"must be equal to one of the allowed values",schema:schema77.properties.fallback.enum,parentSchema:schema77.properties.fallback,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/replan",schemaPath:"pipeline.schema.json#/definitions/replan/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema77.type,parentSchema:schema77,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.budget !== undefined){
let data16 = data.budget;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key3 in data16){
if(!((key3 === "maxLlmCalls") || (key3 === "maxTokens"))){
const err25 = {instancePath:instancePath+"/budget",schemaPath:"pipeline.schema.json#/definitions/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema78,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data16.maxLlmCalls !== undefined){
let data17 = data16.maxLlmCalls;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err26 = {instancePath:instancePath+"/budget/maxLlmCalls",schemaPath:"pipeline.schema.json#/definitions/budget/properties/maxLlmCalls/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.properties.maxLlmCalls.type,parentSchema:schema78.properties.maxLlmCalls,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 < 1 || isNaN(data17)){
const err27 = {instancePath:instancePath+"/budget/maxLlmCalls",schemaPath:"pipeline.schema.json#/definitions/budget/properties/maxLlmCalls/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema78.properties.maxLlmCalls,data:data17};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(data16.maxTokens !== undefined){
let data18 = data16.maxTokens;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err28 = {instancePath:instancePath+"/budget/maxTokens",schemaPath:"pipeline.schema.json#/definitions/budget/properties/maxTokens/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema78.properties.maxTokens.type,parentSchema:schema78.properties.maxTokens,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 1 || isNaN(data18)){
const err29 = {instancePath:instancePath+"/budget/maxTokens",schemaPath:"pipeline.schema.json#/definitions/budget/properties/maxTokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema78.properties.maxTokens,data:data18};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
}
else {
const err30 = {instancePath:instancePath+"/budget",schemaPath:"pipeline.schema.json#/definitions/budget/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema78.type,parentSchema:schema78,data:data16};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.execution !== undefined){
if(!(validate64(data.execution, {instancePath:instancePath+"/execution",parentData:data,parentDataProperty:"execution",rootData}))){
vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
errors = vErrors.length;
}
}
if(data.policy !== undefined){
let data20 = data.policy;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key4 in data20){
if(!(key4 === "untrustedFlow")){
const err31 = {instancePath:instancePath+"/policy",schemaPath:"pipeline.schema.json#/definitions/policy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema82,data:data20};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data20.untrustedFlow !== undefined){
let data21 = data20.untrustedFlow;
if(!((data21 === "reject") || (data21 === "ask"))){
const err32 = {instancePath:instancePath+"/policy/untrustedFlow",schemaPath:"pipeline.schema.json#/definitions/policy/properties/untrustedFlow/enum",keyword:"enum",params:{allowedValues: schema82.properties.untrustedFlow.enum},message:"must be equal to one of the allowed values",schema:schema82.properties.untrustedFlow.enum,parentSchema:schema82.properties.untrustedFlow,data:data21};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/policy",schemaPath:"pipeline.schema.json#/definitions/policy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema82.type,parentSchema:schema82,data:data20};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema86.type,parentSchema:schema86,data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate61.errors = vErrors;
return errors === 0;
}

/** JSON Schema draft-07, as ajv checks a schema against it: for the verdict only. */
export const draft07 = (() => {
const module = { exports: {} };
module.exports = validate0;
module.exports.default = validate0;
const schema0 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://json-schema.org/draft-07/schema#","title":"Core schema meta-schema","definitions":{"schemaArray":{"type":"array","minItems":1,"items":{"$ref":"#"}},"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]},"simpleTypes":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}},"type":["object","boolean"],"properties":{"$id":{"type":"string","format":"uri-reference"},"$schema":{"type":"string","format":"uri"},"$ref":{"type":"string","format":"uri-reference"},"$comment":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"default":true,"readOnly":{"type":"boolean","default":false},"examples":{"type":"array","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#/definitions/nonNegativeInteger"},"minLength":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"pattern":{"type":"string","format":"regex"},"additionalItems":{"$ref":"#"},"items":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/schemaArray"}],"default":true},"maxItems":{"$ref":"#/definitions/nonNegativeInteger"},"minItems":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"contains":{"$ref":"#"},"maxProperties":{"$ref":"#/definitions/nonNegativeInteger"},"minProperties":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"required":{"$ref":"#/definitions/stringArray"},"additionalProperties":{"$ref":"#"},"definitions":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"properties":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"patternProperties":{"type":"object","additionalProperties":{"$ref":"#"},"propertyNames":{"format":"regex"},"default":{}},"dependencies":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/stringArray"}]}},"propertyNames":{"$ref":"#"},"const":true,"enum":{"type":"array","items":true,"minItems":1,"uniqueItems":true},"type":{"anyOf":[{"$ref":"#/definitions/simpleTypes"},{"type":"array","items":{"$ref":"#/definitions/simpleTypes"},"minItems":1,"uniqueItems":true}]},"format":{"type":"string"},"contentMediaType":{"type":"string"},"contentEncoding":{"type":"string"},"if":{"$ref":"#"},"then":{"$ref":"#"},"else":{"$ref":"#"},"allOf":{"$ref":"#/definitions/schemaArray"},"anyOf":{"$ref":"#/definitions/schemaArray"},"oneOf":{"$ref":"#/definitions/schemaArray"},"not":{"$ref":"#"}},"default":true};
const schema1 = {"type":"integer","minimum":0};
const schema7 = {"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]};
const schema9 = {"enum":["array","boolean","integer","null","number","object","string"]};
const schema2 = {"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]};

function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){
validate1.errors = [{instancePath,schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs1){
if((typeof data == "number") && (isFinite(data))){
if(data < 0 || isNaN(data)){
validate1.errors = [{instancePath,schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
validate1.errors = vErrors;
return errors === 0;
}

const schema4 = {"type":"array","minItems":1,"items":{"$ref":"#"}};
const root0 = {validate: validate0};

function validate3(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(Array.isArray(data)){
if(data.length < 1){
validate3.errors = [{instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid0 = true;
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
const _errs1 = errors;
if(!(root0.validate(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? root0.validate.errors : vErrors.concat(root0.validate.errors);
errors = vErrors.length;
}
var valid0 = _errs1 === errors;
if(!valid0){
break;
}
}
}
}
else {
validate3.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
validate3.errors = vErrors;
return errors === 0;
}

const func0 = runtime_equal;

function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="http://json-schema.org/draft-07/schema#" */;
let vErrors = null;
let errors = 0;
if((!(data && typeof data == "object" && !Array.isArray(data))) && (typeof data !== "boolean")){
validate0.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema0.type},message:"must be object,boolean"}];
return false;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.$id !== undefined){
const _errs1 = errors;
if(errors === _errs1){
if(errors === _errs1){
if(!(typeof data.$id === "string")){
validate0.errors = [{instancePath:instancePath+"/$id",schemaPath:"#/properties/%24id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.$schema !== undefined){
const _errs3 = errors;
if(errors === _errs3){
if(errors === _errs3){
if(!(typeof data.$schema === "string")){
validate0.errors = [{instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.$ref !== undefined){
const _errs5 = errors;
if(errors === _errs5){
if(errors === _errs5){
if(!(typeof data.$ref === "string")){
validate0.errors = [{instancePath:instancePath+"/$ref",schemaPath:"#/properties/%24ref/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.$comment !== undefined){
const _errs7 = errors;
if(typeof data.$comment !== "string"){
validate0.errors = [{instancePath:instancePath+"/$comment",schemaPath:"#/properties/%24comment/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.title !== undefined){
const _errs9 = errors;
if(typeof data.title !== "string"){
validate0.errors = [{instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.description !== undefined){
const _errs11 = errors;
if(typeof data.description !== "string"){
validate0.errors = [{instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.readOnly !== undefined){
const _errs13 = errors;
if(typeof data.readOnly !== "boolean"){
validate0.errors = [{instancePath:instancePath+"/readOnly",schemaPath:"#/properties/readOnly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.examples !== undefined){
const _errs15 = errors;
if(errors === _errs15){
if(!(Array.isArray(data.examples))){
validate0.errors = [{instancePath:instancePath+"/examples",schemaPath:"#/properties/examples/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs15 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.multipleOf !== undefined){
let data8 = data.multipleOf;
const _errs17 = errors;
if(errors === _errs17){
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 <= 0 || isNaN(data8)){
validate0.errors = [{instancePath:instancePath+"/multipleOf",schemaPath:"#/properties/multipleOf/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"}];
return false;
}
}
else {
validate0.errors = [{instancePath:instancePath+"/multipleOf",schemaPath:"#/properties/multipleOf/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid0 = _errs17 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.maximum !== undefined){
let data9 = data.maximum;
const _errs19 = errors;
if(!((typeof data9 == "number") && (isFinite(data9)))){
validate0.errors = [{instancePath:instancePath+"/maximum",schemaPath:"#/properties/maximum/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid0 = _errs19 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.exclusiveMaximum !== undefined){
let data10 = data.exclusiveMaximum;
const _errs21 = errors;
if(!((typeof data10 == "number") && (isFinite(data10)))){
validate0.errors = [{instancePath:instancePath+"/exclusiveMaximum",schemaPath:"#/properties/exclusiveMaximum/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid0 = _errs21 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.minimum !== undefined){
let data11 = data.minimum;
const _errs23 = errors;
if(!((typeof data11 == "number") && (isFinite(data11)))){
validate0.errors = [{instancePath:instancePath+"/minimum",schemaPath:"#/properties/minimum/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.exclusiveMinimum !== undefined){
let data12 = data.exclusiveMinimum;
const _errs25 = errors;
if(!((typeof data12 == "number") && (isFinite(data12)))){
validate0.errors = [{instancePath:instancePath+"/exclusiveMinimum",schemaPath:"#/properties/exclusiveMinimum/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid0 = _errs25 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.maxLength !== undefined){
let data13 = data.maxLength;
const _errs27 = errors;
const _errs28 = errors;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
validate0.errors = [{instancePath:instancePath+"/maxLength",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs28){
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
validate0.errors = [{instancePath:instancePath+"/maxLength",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid0 = _errs27 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.minLength !== undefined){
const _errs30 = errors;
if(!(validate1(data.minLength, {instancePath:instancePath+"/minLength",parentData:data,parentDataProperty:"minLength",rootData}))){
vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
errors = vErrors.length;
}
var valid0 = _errs30 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.pattern !== undefined){
const _errs31 = errors;
if(errors === _errs31){
if(errors === _errs31){
if(!(typeof data.pattern === "string")){
validate0.errors = [{instancePath:instancePath+"/pattern",schemaPath:"#/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
}
var valid0 = _errs31 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.additionalItems !== undefined){
const _errs33 = errors;
if(!(validate0(data.additionalItems, {instancePath:instancePath+"/additionalItems",parentData:data,parentDataProperty:"additionalItems",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs33 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.items !== undefined){
let data17 = data.items;
const _errs34 = errors;
const _errs35 = errors;
let valid2 = false;
const _errs36 = errors;
if(!(validate0(data17, {instancePath:instancePath+"/items",parentData:data,parentDataProperty:"items",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var _valid0 = _errs36 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs37 = errors;
if(!(validate3(data17, {instancePath:instancePath+"/items",parentData:data,parentDataProperty:"items",rootData}))){
vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
errors = vErrors.length;
}
var _valid0 = _errs37 === errors;
valid2 = valid2 || _valid0;
}
if(!valid2){
const err0 = {instancePath:instancePath+"/items",schemaPath:"#/properties/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
validate0.errors = vErrors;
return false;
}
else {
errors = _errs35;
if(vErrors !== null){
if(_errs35){
vErrors.length = _errs35;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs34 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.maxItems !== undefined){
let data18 = data.maxItems;
const _errs38 = errors;
const _errs39 = errors;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
validate0.errors = [{instancePath:instancePath+"/maxItems",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs39){
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
validate0.errors = [{instancePath:instancePath+"/maxItems",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid0 = _errs38 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.minItems !== undefined){
const _errs41 = errors;
if(!(validate1(data.minItems, {instancePath:instancePath+"/minItems",parentData:data,parentDataProperty:"minItems",rootData}))){
vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
errors = vErrors.length;
}
var valid0 = _errs41 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.uniqueItems !== undefined){
const _errs42 = errors;
if(typeof data.uniqueItems !== "boolean"){
validate0.errors = [{instancePath:instancePath+"/uniqueItems",schemaPath:"#/properties/uniqueItems/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs42 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.contains !== undefined){
const _errs44 = errors;
if(!(validate0(data.contains, {instancePath:instancePath+"/contains",parentData:data,parentDataProperty:"contains",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs44 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.maxProperties !== undefined){
let data22 = data.maxProperties;
const _errs45 = errors;
const _errs46 = errors;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
validate0.errors = [{instancePath:instancePath+"/maxProperties",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs46){
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 0 || isNaN(data22)){
validate0.errors = [{instancePath:instancePath+"/maxProperties",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid0 = _errs45 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.minProperties !== undefined){
const _errs48 = errors;
if(!(validate1(data.minProperties, {instancePath:instancePath+"/minProperties",parentData:data,parentDataProperty:"minProperties",rootData}))){
vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
errors = vErrors.length;
}
var valid0 = _errs48 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.required !== undefined){
let data24 = data.required;
const _errs49 = errors;
const _errs50 = errors;
if(errors === _errs50){
if(Array.isArray(data24)){
var valid6 = true;
const len0 = data24.length;
for(let i0=0; i0<len0; i0++){
const _errs52 = errors;
if(typeof data24[i0] !== "string"){
validate0.errors = [{instancePath:instancePath+"/required/" + i0,schemaPath:"#/definitions/stringArray/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid6 = _errs52 === errors;
if(!valid6){
break;
}
}
if(valid6){
let i1 = data24.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data24[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
validate0.errors = [{instancePath:instancePath+"/required",schemaPath:"#/definitions/stringArray/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"}];
return false;
break;
}
indices0[item0] = i1;
}
}
}
}
else {
validate0.errors = [{instancePath:instancePath+"/required",schemaPath:"#/definitions/stringArray/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs49 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.additionalProperties !== undefined){
const _errs54 = errors;
if(!(validate0(data.additionalProperties, {instancePath:instancePath+"/additionalProperties",parentData:data,parentDataProperty:"additionalProperties",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs54 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.definitions !== undefined){
let data27 = data.definitions;
const _errs55 = errors;
if(errors === _errs55){
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
for(const key0 in data27){
const _errs58 = errors;
if(!(validate0(data27[key0], {instancePath:instancePath+"/definitions/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data27,parentDataProperty:key0,rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid8 = _errs58 === errors;
if(!valid8){
break;
}
}
}
else {
validate0.errors = [{instancePath:instancePath+"/definitions",schemaPath:"#/properties/definitions/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs55 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.properties !== undefined){
let data29 = data.properties;
const _errs59 = errors;
if(errors === _errs59){
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(const key1 in data29){
const _errs62 = errors;
if(!(validate0(data29[key1], {instancePath:instancePath+"/properties/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data29,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid9 = _errs62 === errors;
if(!valid9){
break;
}
}
}
else {
validate0.errors = [{instancePath:instancePath+"/properties",schemaPath:"#/properties/properties/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs59 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.patternProperties !== undefined){
let data31 = data.patternProperties;
const _errs63 = errors;
if(errors === _errs63){
if(data31 && typeof data31 == "object" && !Array.isArray(data31)){
for(const key2 in data31){
const _errs65 = errors;
var valid10 = _errs65 === errors;
if(!valid10){
const err1 = {instancePath:instancePath+"/patternProperties",schemaPath:"#/properties/patternProperties/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
validate0.errors = vErrors;
return false;
break;
}
}
if(valid10){
for(const key3 in data31){
const _errs67 = errors;
if(!(validate0(data31[key3], {instancePath:instancePath+"/patternProperties/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data31,parentDataProperty:key3,rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid11 = _errs67 === errors;
if(!valid11){
break;
}
}
}
}
else {
validate0.errors = [{instancePath:instancePath+"/patternProperties",schemaPath:"#/properties/patternProperties/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs63 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.dependencies !== undefined){
let data33 = data.dependencies;
const _errs68 = errors;
if(errors === _errs68){
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key4 in data33){
let data34 = data33[key4];
const _errs71 = errors;
const _errs72 = errors;
let valid13 = false;
const _errs73 = errors;
if(!(validate0(data34, {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data33,parentDataProperty:key4,rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var _valid1 = _errs73 === errors;
valid13 = valid13 || _valid1;
if(!valid13){
const _errs74 = errors;
const _errs75 = errors;
if(errors === _errs75){
if(Array.isArray(data34)){
var valid15 = true;
const len1 = data34.length;
for(let i2=0; i2<len1; i2++){
const _errs77 = errors;
if(typeof data34[i2] !== "string"){
const err2 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i2,schemaPath:"#/definitions/stringArray/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var valid15 = _errs77 === errors;
if(!valid15){
break;
}
}
if(valid15){
let i3 = data34.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data34[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err3 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/stringArray/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
}
else {
const err4 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/stringArray/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs74 === errors;
valid13 = valid13 || _valid1;
}
if(!valid13){
const err5 = {instancePath:instancePath+"/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/dependencies/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
validate0.errors = vErrors;
return false;
}
else {
errors = _errs72;
if(vErrors !== null){
if(_errs72){
vErrors.length = _errs72;
}
else {
vErrors = null;
}
}
}
var valid12 = _errs71 === errors;
if(!valid12){
break;
}
}
}
else {
validate0.errors = [{instancePath:instancePath+"/dependencies",schemaPath:"#/properties/dependencies/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs68 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.propertyNames !== undefined){
const _errs79 = errors;
if(!(validate0(data.propertyNames, {instancePath:instancePath+"/propertyNames",parentData:data,parentDataProperty:"propertyNames",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs79 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.enum !== undefined){
let data37 = data.enum;
const _errs80 = errors;
if(errors === _errs80){
if(Array.isArray(data37)){
if(data37.length < 1){
validate0.errors = [{instancePath:instancePath+"/enum",schemaPath:"#/properties/enum/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
let i4 = data37.length;
let j2;
if(i4 > 1){
outer0:
for(;i4--;){
for(j2 = i4; j2--;){
if(func0(data37[i4], data37[j2])){
validate0.errors = [{instancePath:instancePath+"/enum",schemaPath:"#/properties/enum/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i4+" are identical)"}];
return false;
break outer0;
}
}
}
}
}
}
else {
validate0.errors = [{instancePath:instancePath+"/enum",schemaPath:"#/properties/enum/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs80 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.type !== undefined){
let data38 = data.type;
const _errs82 = errors;
const _errs83 = errors;
let valid18 = false;
const _errs84 = errors;
if(!(((((((data38 === "array") || (data38 === "boolean")) || (data38 === "integer")) || (data38 === "null")) || (data38 === "number")) || (data38 === "object")) || (data38 === "string"))){
const err6 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/simpleTypes/enum",keyword:"enum",params:{allowedValues: schema9.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
var _valid2 = _errs84 === errors;
valid18 = valid18 || _valid2;
if(!valid18){
const _errs86 = errors;
if(errors === _errs86){
if(Array.isArray(data38)){
if(data38.length < 1){
const err7 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
else {
var valid20 = true;
const len2 = data38.length;
for(let i5=0; i5<len2; i5++){
let data39 = data38[i5];
const _errs88 = errors;
if(!(((((((data39 === "array") || (data39 === "boolean")) || (data39 === "integer")) || (data39 === "null")) || (data39 === "number")) || (data39 === "object")) || (data39 === "string"))){
const err8 = {instancePath:instancePath+"/type/" + i5,schemaPath:"#/definitions/simpleTypes/enum",keyword:"enum",params:{allowedValues: schema9.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var valid20 = _errs88 === errors;
if(!valid20){
break;
}
}
if(valid20){
let i6 = data38.length;
let j3;
if(i6 > 1){
outer1:
for(;i6--;){
for(j3 = i6; j3--;){
if(func0(data38[i6], data38[j3])){
const err9 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i6+" are identical)"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break outer1;
}
}
}
}
}
}
}
else {
const err10 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
var _valid2 = _errs86 === errors;
valid18 = valid18 || _valid2;
}
if(!valid18){
const err11 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
validate0.errors = vErrors;
return false;
}
else {
errors = _errs83;
if(vErrors !== null){
if(_errs83){
vErrors.length = _errs83;
}
else {
vErrors = null;
}
}
}
var valid0 = _errs82 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.format !== undefined){
const _errs90 = errors;
if(typeof data.format !== "string"){
validate0.errors = [{instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs90 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.contentMediaType !== undefined){
const _errs92 = errors;
if(typeof data.contentMediaType !== "string"){
validate0.errors = [{instancePath:instancePath+"/contentMediaType",schemaPath:"#/properties/contentMediaType/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs92 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.contentEncoding !== undefined){
const _errs94 = errors;
if(typeof data.contentEncoding !== "string"){
validate0.errors = [{instancePath:instancePath+"/contentEncoding",schemaPath:"#/properties/contentEncoding/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs94 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.if !== undefined){
const _errs96 = errors;
if(!(validate0(data.if, {instancePath:instancePath+"/if",parentData:data,parentDataProperty:"if",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs96 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.then !== undefined){
const _errs97 = errors;
if(!(validate0(data.then, {instancePath:instancePath+"/then",parentData:data,parentDataProperty:"then",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs97 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.else !== undefined){
const _errs98 = errors;
if(!(validate0(data.else, {instancePath:instancePath+"/else",parentData:data,parentDataProperty:"else",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs98 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.allOf !== undefined){
const _errs99 = errors;
if(!(validate3(data.allOf, {instancePath:instancePath+"/allOf",parentData:data,parentDataProperty:"allOf",rootData}))){
vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
errors = vErrors.length;
}
var valid0 = _errs99 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.anyOf !== undefined){
const _errs100 = errors;
if(!(validate3(data.anyOf, {instancePath:instancePath+"/anyOf",parentData:data,parentDataProperty:"anyOf",rootData}))){
vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
errors = vErrors.length;
}
var valid0 = _errs100 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.oneOf !== undefined){
const _errs101 = errors;
if(!(validate3(data.oneOf, {instancePath:instancePath+"/oneOf",parentData:data,parentDataProperty:"oneOf",rootData}))){
vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
errors = vErrors.length;
}
var valid0 = _errs101 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.not !== undefined){
const _errs102 = errors;
if(!(validate0(data.not, {instancePath:instancePath+"/not",parentData:data,parentDataProperty:"not",rootData}))){
vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
errors = vErrors.length;
}
var valid0 = _errs102 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
validate0.errors = vErrors;
return errors === 0;
}

return module.exports;
})();

/** A plan step (schemas/plan.schema.json#/definitions/step), as the plan compiler checks it. */
export const planStep = (() => {
const module = { exports: {} };
module.exports = validate10;
module.exports.default = validate10;
const schema11 = {"$ref":"plan#/definitions/step"};
const schema13 = {"type":"object","required":["id","tool"],"additionalProperties":false,"properties":{"id":{"$ref":"#/definitions/stepId"},"action":{"type":"string","description":"What the step does, in a few words (shown in progress and reviews)."},"tool":{"type":"string","description":"The name of a declared tool."},"args":{"type":"object","description":"Arguments for the tool; must match the tool's args schema. Strings may contain ${steps.<id>.output} references."},"dependsOn":{"type":["array","null"],"description":"Extra ordering: steps that must succeed first (references already imply this). null is the same as none (strict structured output writes every field).","items":{"$ref":"#/definitions/stepId"}}}};
const schema14 = {"description":"A step id, unique in the plan: an integer or a short name.","anyOf":[{"type":"integer"},{"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$"}]};
const pattern0 = new RegExp("^[A-Za-z0-9_-]{1,64}$", "u");

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.tool === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tool"},message:"must have required property '"+"tool"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "id") || (key0 === "action")) || (key0 === "tool")) || (key0 === "args")) || (key0 === "dependsOn"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
const _errs4 = errors;
let valid2 = false;
const _errs5 = errors;
if(!((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0)))){
const err3 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs5 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs7 = errors;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
}
if(!valid2){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.action !== undefined){
if(typeof data.action !== "string"){
const err7 = {instancePath:instancePath+"/action",schemaPath:"#/properties/action/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.tool !== undefined){
if(typeof data.tool !== "string"){
const err8 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.args !== undefined){
let data3 = data.args;
if(!(data3 && typeof data3 == "object" && !Array.isArray(data3))){
const err9 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.dependsOn !== undefined){
let data4 = data.dependsOn;
if((!(Array.isArray(data4))) && (data4 !== null)){
const err10 = {instancePath:instancePath+"/dependsOn",schemaPath:"#/properties/dependsOn/type",keyword:"type",params:{type: schema13.properties.dependsOn.type},message:"must be array,null"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
const _errs19 = errors;
let valid6 = false;
const _errs20 = errors;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
const err11 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/definitions/stepId/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid1 = _errs20 === errors;
valid6 = valid6 || _valid1;
if(!valid6){
const _errs22 = errors;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err12 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/definitions/stepId/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/definitions/stepId/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid1 = _errs22 === errors;
valid6 = valid6 || _valid1;
}
if(!valid6){
const err14 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/definitions/stepId/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
errors = _errs19;
if(vErrors !== null){
if(_errs19){
vErrors.length = _errs19;
}
else {
vErrors = null;
}
}
}
}
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(validate14(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
validate10.errors = vErrors;
return errors === 0;
}

return module.exports;
})();
