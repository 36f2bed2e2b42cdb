// Benchmark of rate limits (`npm run bench` runs it after scripts/bench.mjs). In-process first
// (scripts/bench-rate-inprocess.mjs: the node without n8n's overhead, at 20, 5, 50 and 200 requests per second per
// token, a limit halved for 10 s then restored, two executions on one token, two credentials), then in a real n8n:
// 300 Publication → Create items against a sandbox that lets 20 requests per second per token through (429 with
// Retry-After for the others), through the Thinkeo node and through n8n's HTTP Request node, with its default
// settings and with Retry On Fail, and the Thinkeo node at 5, 50 and 200 per second. Every time is also a ratio to
// the ideal, items / limit; then two executions at once inside one `n8n start` (scripts/bench-rate-served.mjs). Prints
// the rows and writes them as their own section of bench/results.md (between the markers below), keeping the rest.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { median, summary } from './bench-stats.mjs';
import { runScenario, SCENARIOS } from './bench-rate-inprocess.mjs';
import { runServed } from './bench-rate-served.mjs';
import { startSandbox } from '../test/sandbox/server.mjs';
import { APPS, DEMO_ACCOUNT } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { N8n } = require('../test/support/n8n.js');
const { apiTokenCredential } = require('../test/support/credentials.js');
const { chain, items, thinkeo } = require('../test/support/workflows.js');

const ITEMS = 300;
const PER_SECOND = 20;
const RUNS = 3;
/** The Thinkeo node alone in n8n at other limits, one run each. */
const OTHER_LIMITS = [5, 50, 200];
const RESULTS_FILE = join(import.meta.dirname, '..', 'bench', 'results.md');
const START = '<!-- rate-limit:start (scripts/bench-rate-limit.mjs) -->';
const END = '<!-- rate-limit:end -->';

const log = (line) => process.stdout.write(`${line}\n`);

const sandbox = await startSandbox();
const api = `${sandbox.url}/v1`;
const app = APPS.find((candidate) => candidate.name === 'Demo Report');
const titleId = app.attributes.title.id;
const basic = `Basic ${Buffer.from(`${DEMO_ACCOUNT.email}:${DEMO_ACCOUNT.password}`).toString('base64')}`;
const tokenUrl = `${api}/tokens?team=${DEMO_ACCOUNT.teamIds[0]}&name=bench-rate-limit`;
const { token } = await (await fetch(tokenUrl, { method: 'POST', headers: { authorization: basic } })).json();
const newToken = async (name) =>
	(await (await fetch(`${api}/tokens?team=${DEMO_ACCOUNT.teamIds[0]}&name=${name}`, { method: 'POST', headers: { authorization: basic } })).json()).token;

const startLoad = loadavg()[0];
const inProcess = [];
for (const scenario of SCENARIOS) {
	const runs = await runScenario(sandbox, scenario, { app, titleId, newToken });
	for (const run of runs) log(`in-process, ${scenario.name} (${run.label}): ${JSON.stringify(run)}`);
	inProcess.push({ scenario, runs });
}

const n8n = await N8n.create();
const THINKEO = { id: 'thinkeoBenchRate', name: 'Thinkeo bench rate limit' };
const HEADER = { id: 'httpHeaderRate01', name: 'Thinkeo Bearer token (Header Auth)' };
await n8n.importCredentials([
	apiTokenCredential(THINKEO, api, token),
	{ ...HEADER, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${token}` } },
]);

const title = '"Item " + $json.i';
const create = thinkeo('Generate', THINKEO, {
	resource: 'publication',
	operation: 'create',
	appId: { __rl: true, mode: 'id', value: app.id },
	version: 'latest',
	attributesInput: 'json',
	attributesJson: `={{ JSON.stringify({ "${titleId}": [${title}] }) }}`,
});
const httpCreate = (settings) => ({
	name: 'Generate',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'POST',
		url: `${api}/publications?app=${app.id}&version=latest`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ attributes: { "${titleId}": [${title}] } }) }}`,
		options: {},
	},
	credentials: { httpHeaderAuth: { id: HEADER.id, name: HEADER.name } },
	...settings,
});
const WORKFLOWS = {
	thinkeo: chain('benchRateThinkeo', 'rate limit, Thinkeo', [...items(ITEMS), create]),
	// Continue On Fail only so that the failed items are counted instead of stopping the run at the first one.
	http: chain('benchRateHttp001', 'rate limit, HTTP Request', [...items(ITEMS), httpCreate({ onError: 'continueRegularOutput' })]),
	// Retry On Fail with its defaults (3 tries, 1 s apart): n8n runs the whole node again, every item.
	httpRetry: chain('benchRateHttpRtr', 'rate limit, HTTP Request, Retry On Fail', [
		...items(ITEMS),
		httpCreate({ retryOnFail: true }),
	]),
};
await n8n.importWorkflows(Object.values(WORKFLOWS));

/** One run under the rate limit: items out and failed, creates Thinkeo accepted (and for how many titles), time. */
async function measure(workflow, perSecond = PER_SECOND) {
	sandbox.state.requests = [];
	sandbox.state.rateLimit = null;
	const admin = (route, body) =>
		fetch(`${sandbox.url}/_sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	await admin('rate-limit', { perSecond });
	const started = performance.now();
	const result = await n8n.execute(workflow.id);
	const wallMs = performance.now() - started;
	const tasks = result.runData.Generate ?? [];
	const out = tasks.at(-1)?.data?.main?.[0] ?? [];
	const sent = sandbox.state.requests.filter((request) => request.method === 'POST' && request.path === '/publications');
	const accepted = sent.filter((request) => request.status === 200);
	const titles = new Set(accepted.map((request) => JSON.parse(request.bodyText).attributes[titleId][0]));
	const ms = tasks.reduce((sum, task) => sum + (task.executionTime ?? 0), 0);
	return {
		// A run stopped by the node's error delivers no item: all of them failed.
		failed: result.error ? ITEMS : out.filter((item) => item.error || item.json?.error).length,
		created: accepted.length,
		duplicates: accepted.length - titles.size,
		rejected: sent.length - accepted.length,
		ms,
		// From the first request the sandbox saw to its last answer: the node time without n8n's preparation of the items.
		sendingMs: sent.length ? Math.max(...sent.map((r) => Date.parse(r.startedAt) + r.durationMs)) - Math.min(...sent.map((r) => Date.parse(r.startedAt))) : 0,
		wallMs,
	};
}

const results = {};
for (const [name, workflow] of Object.entries(WORKFLOWS)) {
	results[name] = [];
	for (let run = 0; run < RUNS; run++) {
		const figures = await measure(workflow);
		log(`${workflow.name}, run ${run + 1}: ${JSON.stringify(figures)}`);
		results[name].push(figures);
	}
}
const others = [];
for (const perSecond of OTHER_LIMITS) {
	const figures = await measure(WORKFLOWS.thinkeo, perSecond);
	log(`${WORKFLOWS.thinkeo.name} at ${perSecond}/s: ${JSON.stringify(figures)}`);
	others.push({ perSecond, figures });
}
n8n.remove();
const served = await runServed(sandbox, { app, titleId, newToken, log });
await sandbox.close();

const IDEAL = ITEMS / PER_SECOND;
const ratio = (seconds, ideal) => `${(seconds / ideal).toFixed(2)}×`;
const row = (label, runs, ideal = IDEAL) =>
	`| ${label} | ${summary(runs.map((r) => r.failed))} | ${summary(runs.map((r) => r.created))} | ${summary(runs.map((r) => r.duplicates))} | ${summary(runs.map((r) => r.rejected))} | ${summary(runs.map((r) => r.ms / 1000), 1)} | **${ratio(median(runs.map((r) => r.ms / 1000)), ideal)}** | ${ratio(median(runs.map((r) => r.sendingMs / 1000)), ideal)} |`;
const inProcessRows = inProcess.flatMap(({ scenario, runs }) =>
	runs.map(
		(run) =>
			`| ${scenario.name}${runs.length > 1 ? ` (${run.label.split('-')[scenario.tokens ? 0 : 1] === '1' ? 'second' : 'first'} ${scenario.tokens ? 'credential' : 'execution'})` : ''} | ${run.failed} | ${run.created} | ${run.duplicates} | ${run.rejected} | ${run.ideal.toFixed(1)} | ${run.seconds.toFixed(1)} | **${ratio(run.seconds, run.ideal)}** | ${ratio(run.sendingSeconds, run.ideal)} |`,
	),
);
const servedRows = served.flatMap(({ scenario, executions }) => {
	const apart = (Math.max(...executions.map((e) => e.endedAt)) - Math.min(...executions.map((e) => e.endedAt))) / 1000;
	return executions.map(
		(e, i) =>
			`| ${i === 0 ? scenario.name : ''} | ${e.label} | ${e.failed} | ${e.created} | ${e.duplicates} | ${e.rejected} | ${e.ideal.toFixed(1)} | ${e.seconds.toFixed(1)} | **${ratio(e.seconds, e.ideal)}** | ${i === 0 ? apart.toFixed(1) : ''} |`,
	);
});
const thinkeoSeconds = median(results.thinkeo.map((r) => r.ms / 1000));
const thinkeoRejected = median(results.thinkeo.map((r) => r.rejected));
const thinkeoOk = results.thinkeo.every((r) => r.failed === 0 && r.created === ITEMS && r.duplicates === 0);
const main20 = inProcess[0].runs[0];
const section = `${START}
## Rate limits: ${ITEMS} Publication → Create items at ${PER_SECOND} requests per second, and other limits

\`scripts/bench-rate-limit.mjs\` on ${new Date().toISOString().slice(0, 10)}, load average ${startLoad.toFixed(1)} at the start and
${loadavg()[0].toFixed(1)} at the end on ${cpus().length} cores. The sandbox lets so many requests per second per token through (any
second, counted as Thinkeo is inferred to) and answers the others 429 with \`Retry-After\` (whole seconds until a
slot frees, at least 1). "Created" counts the POST /publications Thinkeo accepted, "duplicates" the publications
made twice for one item, "429" the requests Thinkeo rejected. The ideal is items / limit; "× ideal" is the time
divided by it.

**In-process** (scripts/bench-rate-inprocess.mjs: the node run by n8n-core in the benchmark's own process, one run
each). "Time" runs from the start of the node to its end, n8n-core's preparation of the items included; "sending"
runs from the first request Thinkeo saw to its last answer.

| scenario | failed | created | duplicates | 429 | ideal, s | time, s | × ideal | sending × ideal |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${inProcessRows.join('\n')}

**Inside n8n 2.41.1** (\`n8n execute\`, one process per run; node time from the run data, "sending" as above). ${RUNS} runs at ${PER_SECOND}/s (median, range
in brackets), one at each other limit.

| client | items failed | created | duplicates | 429 | node time, s | × ideal | sending × ideal |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ideal: ${ITEMS} / ${PER_SECOND} per second | 0 | ${ITEMS} | 0 | 0 | ${IDEAL.toFixed(1)} | 1.00× | 1.00× |
${row('Thinkeo node (defaults: resends on 429, 5 tries, 2 min)', results.thinkeo)}
${row('HTTP Request node 4.2, defaults (Continue On Fail to count the failures)', results.http)}
${row('HTTP Request node 4.2, Retry On Fail (3 tries, 1 s apart)', results.httpRetry)}
${others.map(({ perSecond, figures }) => row(`Thinkeo node at ${perSecond}/s (ideal ${(ITEMS / perSecond).toFixed(1)} s)`, [figures], ITEMS / perSecond)).join('\n')}

**Inside one n8n process, two executions at once** (scripts/bench-rate-served.mjs: \`n8n start\`, two webhook workflows
called together; node time from the run data n8n stored; one run). Two workflows on one token share its rate: each
one's ideal is its items at half the limit. "Ended apart" is the time between the two executions' ends.

| scenario | execution | failed | created | duplicates | 429 | ideal, s | node time, s | × ideal | ended apart, s |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${servedRows.join('\n')}

Targets at ${PER_SECOND}/s: 0 failed, ${ITEMS} created, 0 duplicates inside n8n: ${thinkeoOk ? 'met' : '**missed**'}; at most 30 answers of 429:
${thinkeoRejected} inside n8n (${thinkeoRejected <= 30 ? 'met' : '**missed**'}), ${main20.rejected} in-process (${main20.rejected <= 30 ? 'met' : '**missed**'}); time ≤ 1.1× the ideal in-process:
${ratio(main20.seconds, main20.ideal)} (${main20.seconds / main20.ideal <= 1.1 ? 'met' : '**missed**'}); ≤ 1.2× inside n8n on a quiet machine: ${ratio(thinkeoSeconds, IDEAL)}
(${thinkeoSeconds / IDEAL <= 1.2 ? 'met' : '**missed**'}; see the load average above, and "Why targets were missed").
${END}`;

const previous = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '';
const kept = previous.includes(START) ? previous.slice(0, previous.indexOf(START)) + previous.slice(previous.indexOf(END) + END.length) : previous;
writeFileSync(RESULTS_FILE, `${kept.trimEnd()}\n\n${section}\n`);
log(`\n${section}\nWritten to bench/results.md.`);
