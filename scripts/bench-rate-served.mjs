// Rate limits inside one n8n process (`npm run bench` runs it from scripts/bench-rate-limit.mjs): `n8n start` with
// webhook workflows, two of them called at once, so that two executions run side by side in the same process and
// share (or not) the node's per-credential rate gate. Two workflows on one token limited to 20/s (150 items each:
// each execution's fair share is 10/s), then two credentials whose tokens are limited to 20/s and 10/s (300 items
// each). Each execution's node time (from its run data, as n8n stored it) is a ratio to its ideal.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import { idealSeconds } from './bench-rate-inprocess.mjs';

const require = createRequire(import.meta.url);
const { N8n } = require('../test/support/n8n.js');
const { apiTokenCredential } = require('../test/support/credentials.js');
const { webhook } = require('../test/support/queue-workflows.js');
const { items, thinkeo, triggered } = require('../test/support/workflows.js');
const { waitFor } = require('../test/support/wait.js');

/** Two executions at once: the workflows called together, the limit of each token, and each one's items. */
export const SERVED_SCENARIOS = [
	{ name: '2 workflows × 150 creates sharing one credential at 20/s', items: 150, credentials: [0, 0], perSecond: [20] },
	{ name: '2 credentials × 300 creates, one token at 20/s and one at 10/s', items: 300, credentials: [0, 1], perSecond: [20, 10] },
];

/** n8n's own parser of its stored execution data (the `flatted` format), from the n8n under test. */
const flatted = () => require(require.resolve('flatted', { paths: [dirname(process.env.N8N_BIN ?? '')] }));

/**
 * Runs every scenario once in one `n8n start` against `sandbox`; resolves per scenario its executions: label, items
 * failed, creates accepted, duplicates, 429 answers, node seconds, ideal seconds, and when it ended (epoch ms).
 */
export async function runServed(sandbox, { app, titleId, newToken, log }) {
	const api = `${sandbox.url}/v1`;
	const tokens = [await newToken('bench-served-0'), await newToken('bench-served-1')];
	const CREDENTIALS = [
		{ id: 'thinkeoBenchSrv0', name: 'Thinkeo bench served, token 0' },
		{ id: 'thinkeoBenchSrv1', name: 'Thinkeo bench served, token 1' },
	];
	const workflowOf = (scenario, s, e) => {
		const prefix = `S${s}E${e}`;
		return {
			prefix,
			path: `bench-rate-${prefix.toLowerCase()}`,
			workflow: triggered(`benchRateSrv${prefix}`, `rate limit served ${prefix}`, [
				webhook(`bench-rate-${prefix.toLowerCase()}`),
				...items(scenario.items),
				thinkeo('Generate', CREDENTIALS[scenario.credentials[e]], {
					resource: 'publication',
					operation: 'create',
					appId: { __rl: true, mode: 'id', value: app.id },
					version: 'latest',
					attributesInput: 'json',
					attributesJson: `={{ JSON.stringify({ "${titleId}": ["Item ${prefix}-" + $json.i] }) }}`,
				}),
			]),
		};
	};
	const plans = SERVED_SCENARIOS.map((scenario, s) => scenario.credentials.map((_, e) => workflowOf(scenario, s, e)));
	const n8n = await N8n.create();
	const admin = (body) =>
		fetch(`${sandbox.url}/_sandbox/rate-limit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	try {
		await n8n.importCredentials(CREDENTIALS.map((ref, i) => apiTokenCredential(ref, api, tokens[i])));
		const all = plans.flat();
		await n8n.importWorkflows(all.map((plan) => plan.workflow));
		await n8n.publishWorkflows(all.map((plan) => plan.workflow.id));
		await n8n.start();
		await waitFor(async () => (await n8n.queryDatabase('SELECT webhookPath FROM webhook_entity')).length >= all.length, {
			timeoutMs: 60_000,
			intervalMs: 500,
			what: 'the webhooks to be registered',
		});
		const results = [];
		for (const [s, scenario] of SERVED_SCENARIOS.entries()) {
			const [{ last } = { last: 0 }] = await n8n.queryDatabase('SELECT MAX(id) AS last FROM execution_entity');
			sandbox.state.requests = [];
			await admin({ perSecondByToken: Object.fromEntries(scenario.perSecond.map((perSecond, t) => [tokens[t], perSecond])) });
			const answers = await Promise.all(plans[s].map((plan) => fetch(`${n8n.url}/webhook/${plan.path}`, { method: 'POST' })));
			if (answers.some((answer) => !answer.ok)) throw new Error('a webhook call was refused');
			const sql = `SELECT e.id, e.workflowId, e.status, e.stoppedAt, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.id > ${Number(last ?? 0)} AND e.status IN ('success', 'error', 'crashed')`;
			const executions = await waitFor(
				async () => {
					const rows = await n8n.queryDatabase(sql);
					return rows.length >= plans[s].length ? rows : undefined;
				},
				{ timeoutMs: 600_000, intervalMs: 1000, what: `the executions of "${scenario.name}"` },
			);
			await admin({});
			const executionsOf = plans[s].map((plan, e) => {
				const execution = executions.find((row) => row.workflowId === plan.workflow.id);
				const run = execution?.data ? flatted().parse(execution.data) : undefined;
				const task = run?.resultData?.runData?.Generate?.[0];
				const out = task?.data?.main?.[0] ?? [];
				const sent = sandbox.state.requests.filter(
					(request) =>
						request.method === 'POST' && request.path === '/publications' && JSON.parse(request.bodyText).attributes[titleId][0].startsWith(`Item ${plan.prefix}-`),
				);
				const accepted = sent.filter((request) => request.status === 200);
				const titles = new Set(accepted.map((request) => JSON.parse(request.bodyText).attributes[titleId][0]));
				const perSecond = scenario.perSecond[scenario.credentials[e]];
				const sharing = scenario.credentials.filter((credential) => credential === scenario.credentials[e]).length;
				const figures = {
					label: `${scenario.credentials.length > new Set(scenario.credentials).size ? 'workflow' : 'credential'} ${e + 1} (${perSecond}/s${sharing > 1 ? ` shared by ${sharing}` : ''})`,
					failed: execution?.status === 'success' ? out.filter((item) => item.error || item.json?.error).length : scenario.items,
					created: accepted.length,
					duplicates: accepted.length - titles.size,
					rejected: sent.length - accepted.length,
					seconds: (task?.executionTime ?? NaN) / 1000,
					ideal: idealSeconds(scenario.items, [{ at: 0, perSecond: perSecond / sharing }]),
					// SQLite keeps n8n's times in UTC without a zone.
					endedAt: Date.parse(`${String(execution?.stoppedAt ?? '').replace(' ', 'T')}Z`),
					// Why an execution failed as a whole (the node stopped at an item's error).
					...(execution?.status === 'success' ? {} : { error: String(task?.error?.message ?? run?.resultData?.error?.message ?? execution?.status), errorDescription: String(task?.error?.description ?? '') }),
				};
				log(`in n8n start, ${scenario.name}, ${figures.label}: ${JSON.stringify(figures)}`);
				return figures;
			});
			results.push({ scenario, executions: executionsOf });
		}
		return results;
	} finally {
		await n8n.stop();
		n8n.remove();
	}
}
