// Rate limits in-process (`npm run bench` runs it; `node scripts/bench-rate-inprocess.mjs` alone after a build): the
// Thinkeo node run by n8n-core's WorkflowExecute inside this process (test/support/inprocess.js, on the built dist/)
// against the sandbox's per-token rate limit, without n8n's own overhead. Each row is a ratio to the ideal time,
// items / limit. Prints the rows and returns them to scripts/bench-rate-limit.mjs, which writes bench/results.md.
import { createRequire } from 'node:module';
import Module from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..');

// inprocess.js requires the node's TypeScript sources (jest compiles them); here they come from dist/.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	const fromSupport = parent?.filename === join(ROOT, 'test', 'support', 'inprocess.js') && request.startsWith('../../');
	return resolve.call(this, fromSupport ? join(ROOT, 'dist', request.slice('../../'.length)) : request, parent, ...rest);
};
const { runThinkeoNode } = require('../test/support/inprocess.js');

/** A scenario: items, the limit of each token over time ([{at (s), perSecond}]), and the runs sharing a token. */
export const SCENARIOS = [
	{ name: '300 creates at 20/s', items: 300, steps: [{ at: 0, perSecond: 20 }] },
	{ name: '300 creates at 5/s', items: 300, steps: [{ at: 0, perSecond: 5 }] },
	{ name: '300 creates at 50/s', items: 300, steps: [{ at: 0, perSecond: 50 }] },
	{ name: '300 creates at 200/s', items: 300, steps: [{ at: 0, perSecond: 200 }] },
	{
		name: '500 creates at 20/s, halved to 10/s after 10 s, 20/s again after 20 s',
		items: 500,
		steps: [
			{ at: 0, perSecond: 20 },
			{ at: 10, perSecond: 10 },
			{ at: 20, perSecond: 20 },
		],
	},
	{ name: '2 executions × 150 creates sharing one token at 20/s', items: 150, executions: 2, steps: [{ at: 0, perSecond: 20 }] },
	{ name: '2 credentials × 300 creates, one token at 20/s and one at 10/s', items: 300, tokens: [20, 10], steps: [] },
];

/** The ideal time of `items` requests under the limit steps: the time by which the limit lets them all through. */
export function idealSeconds(items, steps) {
	let left = items;
	for (const [i, step] of steps.entries()) {
		const span = (steps[i + 1]?.at ?? Infinity) - step.at;
		if (left <= span * step.perSecond) return step.at + left / step.perSecond;
		left -= span * step.perSecond;
	}
	return Infinity;
}

/**
 * Runs `scenario` once against `sandbox` (test/sandbox/server.mjs) and resolves per run: items failed, creates
 * accepted, duplicates, 429 answers, seconds (in all, and from the first request sent), and the ideal seconds.
 */
export async function runScenario(sandbox, scenario, { app, titleId, newToken }) {
	const api = `${sandbox.url}/v1`;
	const admin = (body) =>
		fetch(`${sandbox.url}/_sandbox/rate-limit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const perToken = scenario.tokens ?? [scenario.steps[0].perSecond];
	const tokens = await Promise.all(perToken.map(async (_, i) => await newToken(`bench-rate-${i}`)));
	const executions = scenario.executions ?? 1;
	const runs = perToken.flatMap((perSecond, t) =>
		Array.from({ length: executions }, (_, e) => ({ token: tokens[t], perSecond, executionId: `bench-${t}-${e}`, prefix: `${t}-${e}` })),
	);
	sandbox.state.requests = [];
	await admin(scenario.tokens ? { perSecondByToken: Object.fromEntries(tokens.map((token, t) => [token, perToken[t]])) } : { perSecond: scenario.steps[0].perSecond });
	const started = performance.now();
	// The limit's later steps, as the benchmark's own schedule (the node under test never sees these timers).
	const changes = scenario.steps.slice(1).map((step) => setTimeout(() => void admin({ perSecond: step.perSecond }), step.at * 1000));
	const results = await Promise.all(
		runs.map(async (run) => {
			const { items, error } = await runThinkeoNode({
				baseUrl: api,
				apiToken: run.token,
				executionId: run.executionId,
				items: Array.from({ length: scenario.items }, (_, i) => ({ json: { i: `${run.prefix}-${i}` } })),
				parameters: {
					resource: 'publication',
					operation: 'create',
					appId: { __rl: true, mode: 'id', value: app.id },
					version: 'latest',
					attributesInput: 'json',
					attributesJson: `={{ JSON.stringify({ "${titleId}": ["Item " + $json.i] }) }}`,
				},
			});
			return { run, seconds: (performance.now() - started) / 1000, failed: error ? scenario.items : items.filter((item) => item.error).length };
		}),
	);
	changes.forEach(clearTimeout);
	await admin({});
	return results.map(({ run, seconds, failed }) => {
		const sent = sandbox.state.requests.filter(
			(request) => request.method === 'POST' && request.path === '/publications' && request.authorization === `Bearer ${run.token}` && JSON.parse(request.bodyText).attributes[titleId][0].startsWith(`Item ${run.prefix}-`),
		);
		const accepted = sent.filter((request) => request.status === 200);
		const titles = new Set(accepted.map((request) => JSON.parse(request.bodyText).attributes[titleId][0]));
		const starts = sent.map((request) => Date.parse(request.startedAt));
		const ends = sent.map((request) => Date.parse(request.startedAt) + request.durationMs);
		const share = scenario.tokens ? [{ at: 0, perSecond: run.perSecond }] : scenario.steps.map((step) => ({ ...step, perSecond: step.perSecond / executions }));
		return {
			label: run.prefix,
			failed,
			created: accepted.length,
			duplicates: accepted.length - titles.size,
			rejected: sent.length - accepted.length,
			seconds,
			// From the first request Thinkeo saw to its last answer: the time without n8n's preparation of the items.
			sendingSeconds: (Math.max(...ends) - Math.min(...starts)) / 1000,
			ideal: idealSeconds(scenario.items, share),
		};
	});
}
