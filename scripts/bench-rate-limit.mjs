// Benchmark of rate limits (`npm run bench` runs it after scripts/bench.mjs): 300 Publication → Create items against
// a sandbox that lets 20 requests per second per token through (429 with Retry-After for the others), through the
// Thinkeo node and through n8n's HTTP Request node, with its default settings and with Retry On Fail. Prints the
// rows and writes them as their own section of bench/results.md (between the markers below), keeping the rest.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { median, summary } from './bench-stats.mjs';
import { startSandbox } from '../test/sandbox/server.mjs';
import { APPS, DEMO_ACCOUNT } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { N8n } = require('../test/support/n8n.js');
const { apiTokenCredential } = require('../test/support/credentials.js');
const { chain, items, thinkeo } = require('../test/support/workflows.js');

const ITEMS = 300;
const PER_SECOND = 20;
const RUNS = 3;
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
async function measure(workflow) {
	sandbox.state.requests = [];
	sandbox.state.rateLimit = null;
	const admin = (route, body) =>
		fetch(`${sandbox.url}/_sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	await admin('rate-limit', { perSecond: PER_SECOND });
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
await sandbox.close();
n8n.remove();

const row = (label, runs) =>
	`| ${label} | ${summary(runs.map((r) => r.failed))} | ${summary(runs.map((r) => r.created))} | ${summary(runs.map((r) => r.duplicates))} | ${summary(runs.map((r) => r.rejected))} | ${summary(runs.map((r) => r.ms / 1000), 1)} |`;
const thinkeoSeconds = median(results.thinkeo.map((r) => r.ms / 1000));
const thinkeoOk = results.thinkeo.every((r) => r.failed === 0 && r.created === ITEMS && r.duplicates === 0);
const section = `${START}
## Rate limits: ${ITEMS} Publication → Create items at ${PER_SECOND} requests per second

\`scripts/bench-rate-limit.mjs\` on ${new Date().toISOString().slice(0, 10)}: the sandbox lets ${PER_SECOND} requests per
second per token through and answers the others 429 with \`Retry-After: 1\`. Median of ${RUNS} runs, range in brackets.
"Created" counts the POST /publications Thinkeo accepted, "duplicates" the publications made twice for one item.

| client | items failed | created | duplicates | requests answered 429 | node time, s |
| --- | --- | --- | --- | --- | --- |
${row('Thinkeo node (defaults: resends on 429, 5 tries, 2 min)', results.thinkeo)}
${row('HTTP Request node 4.2, defaults (Continue On Fail to count the failures)', results.http)}
${row('HTTP Request node 4.2, Retry On Fail (3 tries, 1 s apart)', results.httpRetry)}

Target: 0 failed, ${ITEMS} created, 0 duplicates: ${thinkeoOk ? 'met' : '**missed**'}. Node time close to ${ITEMS}/${PER_SECOND} = ${ITEMS / PER_SECOND} s:
${thinkeoSeconds.toFixed(1)} s, ${(thinkeoSeconds / (ITEMS / PER_SECOND)).toFixed(1)}× (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the end;
the HTTP Request node's time shows how fast n8n itself sent the 300 requests on this machine then).
${END}`;

const previous = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '';
const kept = previous.includes(START) ? previous.slice(0, previous.indexOf(START)) + previous.slice(previous.indexOf(END) + END.length) : previous;
writeFileSync(RESULTS_FILE, `${kept.trimEnd()}\n\n${section}\n`);
log(`\n${section}\nWritten to bench/results.md.`);
