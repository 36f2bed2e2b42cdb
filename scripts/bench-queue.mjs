// The queue-mode part of `npm run bench` (alone: `npm run bench -- --queue`): 20 concurrent webhook calls of 50 items
// each (Webhook → Code → Thinkeo Team → Get Current, Email & Password credential) in n8n 2.41.1 in queue mode
// (test/support/queue.js: Postgres, Redis, a main), first on 1 worker, then on 2 in the same cluster. Items/s run from
// the first call to the end of the last execution as n8n stored it in Postgres, so queueing and the database count.
import { createRequire } from 'node:module';

import { median, summary } from './bench-stats.mjs';

const require = createRequire(import.meta.url);
const { emailPasswordCredential } = require('../test/support/credentials.js');
const { QueueCluster } = require('../test/support/queue.js');
const { webhookItems } = require('../test/support/queue-workflows.js');
const { startSandbox } = require('../test/support/sandbox.js');

const CALLS = 20;
const ITEMS_PER_CALL = 50;
const WORKFLOW = 'benchQueueItems1';
const WEBHOOK = 'bench-queue-items';
const CREDENTIAL = { id: 'thinkeoBenchQueu', name: 'Thinkeo bench, queue mode' };
export const QUEUE_SECTION_HEADING = `## 5. Queue mode: ${CALLS} webhook calls × ${ITEMS_PER_CALL} items, 1 worker vs 2`;

/** One burst of concurrent calls; resolves items/s. Stops the benchmark when an item fails or is missing. */
async function burst(cluster) {
	const since = await cluster.lastExecutionId();
	const started = Date.now();
	const responses = await Promise.all(Array.from({ length: CALLS }, () => cluster.webhook(WEBHOOK)));
	if (responses.some((response) => response.status !== 200)) throw new Error('a webhook call was refused');
	const executions = await cluster.finishedExecutions(since, WORKFLOW, CALLS);
	const done = executions.flatMap((execution) => execution.output('Get Team')).filter((item) => item.json.error === undefined);
	if (done.length !== CALLS * ITEMS_PER_CALL) throw new Error(`queue mode: ${done.length}/${CALLS * ITEMS_PER_CALL} items done`);
	const ended = Math.max(...executions.map((execution) => Date.parse(execution.stoppedAt)));
	return (done.length / (ended - started)) * 1000;
}

/** A warm-up burst (token exchange, task runner), then `runs` measured ones. */
async function measure(cluster, runs) {
	await burst(cluster);
	const rates = [];
	for (let i = 0; i < runs; i++) rates.push(await burst(cluster));
	return rates;
}

/** Runs the part; resolves items/s per run with 1 worker and with 2. */
export async function benchQueueScaling({ runs, log }) {
	log('5. queue mode, 1 worker vs 2…');
	const sandbox = await startSandbox();
	const demo = (await sandbox.seed()).accounts.find((account) => account.email === 'demo@thinkeo.test');
	let cluster;
	try {
		cluster = await QueueCluster.start({
			workers: 1,
			credentials: [emailPasswordCredential(CREDENTIAL, sandbox.apiUrl, demo, 'n8n bench queue')],
			workflows: [webhookItems(WORKFLOW, WEBHOOK, ITEMS_PER_CALL, CREDENTIAL)],
			publish: [WORKFLOW],
		});
		const oneWorker = await measure(cluster, runs);
		await cluster.addWorker();
		const twoWorkers = await measure(cluster, runs);
		return { oneWorker, twoWorkers };
	} finally {
		await cluster?.stop();
		await sandbox.stop();
	}
}

/** The part's section of bench/results.md. */
export function queueSection({ oneWorker, twoWorkers }) {
	return `${QUEUE_SECTION_HEADING}

Queue mode (\`EXECUTIONS_MODE=queue\`, Postgres, Redis, binary data mode \`database\`), each process with its own user
folder: ${CALLS} concurrent calls of a webhook whose workflow makes ${ITEMS_PER_CALL} items and runs Team → Get Current on each
(Email & Password credential, token cached), after a warm-up burst. Items/s from the first call to the last
execution's \`stoppedAt\` in Postgres, median of ${oneWorker.length} bursts with the range in brackets. Every item was checked.

| workers (concurrency 10 each) | items/s |
| --- | --- |
| 1 | ${summary(oneWorker)} |
| 2 | **${summary(twoWorkers)}** |

2 workers / 1: **${(median(twoWorkers) / median(oneWorker)).toFixed(2)}**. With 1 worker the ${CALLS} calls run as two waves of 10 (its
concurrency), with 2 as one wave; main, workers, Postgres, Redis and the sandbox all share this machine's cores (and
other jobs did: see the ranges), so the ratio shows the added concurrency more than added CPU.
`;
}

/** `results` with its queue-mode section replaced by `section` (or added before the targets). */
export function withQueueSection(results, section) {
	const start = results.indexOf('## 5. Queue mode');
	if (start >= 0) {
		const next = results.indexOf('\n## ', start + 1);
		return `${results.slice(0, start)}${section}${next >= 0 ? results.slice(next) : ''}`;
	}
	const targets = results.indexOf('## Targets');
	return targets >= 0 ? `${results.slice(0, targets)}${section}\n${results.slice(targets)}` : `${results}\n${section}`;
}
