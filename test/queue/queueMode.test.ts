/**
 * Queue mode, as operators scale n8n 2.41.1: a main process, 2 workers, Redis and Postgres (test/support/queue.js),
 * run by `npm run test:queue`. Token exchanges of the Email & Password credential across workers (cold, revoked
 * right after an exchange, cached), a large upload through the `database` binary data mode, and the Thinkeo Trigger
 * polling on the main. Every item is counted from the execution data n8n stored in Postgres.
 */
import { createHash, randomBytes } from 'crypto';

import type { Sandbox } from '../support/e2e';
import { createApiToken, emailPasswordCredential, startSeededSandbox } from '../support/e2e';
import { QueueCluster } from '../support/queue';
import { webhook, webhookItems } from '../support/queue-workflows';
import { report } from '../support/report';
import type { LoggedRequest, SeedAccount, SeedApp } from '../support/types';
import { pause, waitFor } from '../support/wait';
import { byId, thinkeo, thinkeoTrigger, triggered } from '../support/workflows';

jest.setTimeout(900_000);

const CALLS = 20;
const ITEMS_PER_CALL = 50;
const UPLOAD_BYTES = 20 * 1024 * 1024;
/** How long the credential's old single-flight reused its last token for callers holding another one. */
const OLD_REUSE_WINDOW_MS = 60_000;

// Email & Password credentials throughout, so each renews its token after the revocation below; the token name
// tells the sandbox log which credential exchanged.
const ITEMS_CREDENTIAL = { id: 'thinkeoQueue0001', name: 'Thinkeo (queue items)' };
const ITEMS_TOKEN_NAME = 'n8n-queue-items';
const UPLOAD_CREDENTIAL = { id: 'thinkeoQueue0002', name: 'Thinkeo (queue upload)' };
const TRIGGER_CREDENTIAL = { id: 'thinkeoQueue0003', name: 'Thinkeo (queue trigger)' };

const ITEMS_WORKFLOW = 'wfQueueItems0001';
const UPLOAD_WORKFLOW = 'wfQueueUpload001';
const TRIGGER_WORKFLOW = 'wfQueueTrigger01';


let sandbox: Sandbox;
let demo: SeedAccount;
let demoApp: SeedApp;
let cluster: QueueCluster;

beforeAll(async () => {
	({ sandbox, demo, demoApp } = await startSeededSandbox());
	cluster = await QueueCluster.start({
		workers: 2,
		credentials: [
			emailPasswordCredential(ITEMS_CREDENTIAL, sandbox.apiUrl, demo, ITEMS_TOKEN_NAME),
			emailPasswordCredential(UPLOAD_CREDENTIAL, sandbox.apiUrl, demo, 'n8n-queue-upload'),
			emailPasswordCredential(TRIGGER_CREDENTIAL, sandbox.apiUrl, demo, 'n8n-queue-trigger'),
		],
		workflows: [
			webhookItems(ITEMS_WORKFLOW, 'queue-items', ITEMS_PER_CALL, ITEMS_CREDENTIAL),
			// The webhook stores the request body as binary data (in Postgres); a worker uploads it.
			triggered(UPLOAD_WORKFLOW, 'Queue upload', [
				webhook('queue-upload'),
				thinkeo('Upload', UPLOAD_CREDENTIAL, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }),
			]),
			triggered(TRIGGER_WORKFLOW, 'Queue trigger', [
				thinkeoTrigger('New Publication', TRIGGER_CREDENTIAL, { event: 'newPublication', appId: byId(demoApp.id) }),
				thinkeo('Get Publication', TRIGGER_CREDENTIAL, { resource: 'publication', operation: 'get', publicationId: byId('={{ $json.id }}') }),
			]),
		],
		publish: [ITEMS_WORKFLOW, UPLOAD_WORKFLOW, TRIGGER_WORKFLOW],
	});
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await sandbox?.stop();
});

const lastSeq = async () => Math.max(0, ...(await sandbox.requests()).map((request) => request.seq));
const startedAt = (request: LoggedRequest) => Date.parse((request as LoggedRequest & { startedAt: string }).startedAt);
/** The token exchanges of the items credential after log position `since`. */
const exchangesSince = async (since: number) =>
	(await sandbox.requests({ method: 'POST', path: '/tokens' })).filter(
		(request) => request.seq > since && request.query.name === ITEMS_TOKEN_NAME,
	);

describe('Webhook → Code (50 items) → Thinkeo, 20 concurrent calls on 2 workers', () => {
	const teamId = () => demo.teamIds[0];

	/** 20 concurrent calls; resolves the figures of the round, every item counted from Postgres. */
	async function round(name: string) {
		const since = await cluster.lastExecutionId();
		const seq = await lastSeq();
		const responses = await Promise.all(Array.from({ length: CALLS }, () => cluster.webhook('queue-items')));
		expect(responses.map((response) => response.status)).toEqual(Array(CALLS).fill(200));
		const executions = await cluster.finishedExecutions(since, ITEMS_WORKFLOW, CALLS);
		const items = executions.flatMap((execution) => execution.output('Get Team'));
		const failed = items.filter((item) => item.json.error !== undefined);
		const errors: Record<string, number> = {};
		for (const item of failed) errors[String(item.json.error)] = (errors[String(item.json.error)] ?? 0) + 1;
		for (const execution of executions) {
			const error = (execution.runData['Get Team']?.[0]?.error as { message?: string } | undefined)?.message;
			if (error) errors[`execution: ${error}`] = (errors[`execution: ${error}`] ?? 0) + 1;
		}
		const figures = {
			executions: executions.length,
			statuses: [...new Set(executions.map((execution) => execution.status))],
			items: items.length,
			ofTheTeam: items.filter((item) => item.json.id === teamId() && item.json.error === undefined).length,
			failed: failed.length,
			exchanges: (await exchangesSince(seq)).length,
			perWorker: cluster.executionsByWorker().map((ids) => ids.filter((executionId) => executionId > since).length),
		};
		report(`queue mode, ${name}: ${JSON.stringify(figures)}${failed.length || figures.statuses.includes('error') ? `; errors: ${JSON.stringify(errors)}` : ''}`);
		return figures;
	}

	it('cold: at most one token exchange per worker, every item done, both workers used', async () => {
		const cold = await round('cold');
		expect(cold.statuses).toEqual(['success']);
		expect(cold.items).toBe(CALLS * ITEMS_PER_CALL);
		expect(cold.ofTheTeam).toBe(CALLS * ITEMS_PER_CALL);
		expect(cold.exchanges).toBeGreaterThanOrEqual(1);
		expect(cold.exchanges).toBeLessThanOrEqual(2);
		// Both workers took executions, so both hold a token of their own for the next round.
		expect(cold.perWorker.every((count) => count > 0)).toBe(true);
		expect(cold.perWorker.reduce((a, b) => a + b)).toBe(CALLS);
	});

	/**
	 * Makes each worker exchange a token of its own now: tokens revoked, then a few calls until both workers ran one
	 * (a round of 20 calls can outlast a minute on a busy machine, so the cold round's exchanges may be too old).
	 */
	async function freshExchangeOnEachWorker() {
		await sandbox.revokeTokens();
		for (let attempt = 1; ; attempt++) {
			const since = await cluster.lastExecutionId();
			await Promise.all(Array.from({ length: 4 }, () => cluster.webhook('queue-items')));
			await cluster.finishedExecutions(since, ITEMS_WORKFLOW, 4);
			if (cluster.executionsByWorker().every((ids) => ids.some((executionId) => executionId > since))) return;
			if (attempt === 5) throw new Error('5 bursts of 4 calls never reached both workers');
		}
	}

	it('revoked right after an exchange: at most one new exchange per worker and no failed item', async () => {
		await freshExchangeOnEachWorker();
		const lastExchange = Math.max(...(await exchangesSince(0)).map(startedAt));
		await sandbox.revokeTokens();
		// Within the old reuse window, where a worker handed out its own, now revoked, token.
		expect(Date.now() - lastExchange).toBeLessThan(OLD_REUSE_WINDOW_MS);
		const revoked = await round('revoked within 60 s of an exchange');
		expect(revoked.statuses).toEqual(['success']);
		expect(revoked.items).toBe(CALLS * ITEMS_PER_CALL);
		expect(revoked.failed).toBe(0);
		expect(revoked.ofTheTeam).toBe(CALLS * ITEMS_PER_CALL);
		expect(revoked.exchanges).toBeGreaterThanOrEqual(1);
		expect(revoked.exchanges).toBeLessThanOrEqual(2);
	});

	it('cached: no token exchange, every item done', async () => {
		const cached = await round('cached');
		expect(cached.statuses).toEqual(['success']);
		expect(cached.ofTheTeam).toBe(CALLS * ITEMS_PER_CALL);
		expect(cached.exchanges).toBe(0);
	});
});

it('uploads 20 MiB received by the main and stored in Postgres, from a worker, byte for byte', async () => {
	const bytes = randomBytes(UPLOAD_BYTES);
	const sha1 = createHash('sha1').update(bytes).digest('hex');
	const since = await cluster.lastExecutionId();
	const seq = await lastSeq();
	const response = await cluster.webhook('queue-upload', {
		headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="queue-scan.bin"' },
		body: bytes,
	});
	expect(response.status).toBe(200);
	const [execution] = await cluster.finishedExecutions(since, UPLOAD_WORKFLOW, 1);
	expect(execution.status).toBe('success');
	// Run by a worker, not by the main that received the file.
	expect(cluster.executionsByWorker().flat()).toContain(execution.id);
	const [item] = execution.output('Upload');
	expect(item.json.filename).toBe('queue-scan.bin');
	expect(Buffer.from(item.json.sha1 as number[]).toString('hex')).toBe(sha1);
	const uploads = (await sandbox.requests({ method: 'POST', path: '/attachments' })).filter((request) => request.seq > seq);
	expect(uploads).toHaveLength(1);
	expect(uploads[0]).toMatchObject({ status: 200, bodyBytes: UPLOAD_BYTES, bodySha1: sha1 });
	report(`queue mode, upload: ${UPLOAD_BYTES} bytes on worker ${cluster.executionsByWorker().findIndex((ids) => ids.includes(execution.id)) + 1}, SHA-1 equal`);
});

it('the Thinkeo Trigger polls on the main: 3 new publications fire once each, executed on the workers, no duplicates', async () => {
	const publisher = `Bearer ${await createApiToken(sandbox, demo, 'queue-publisher')}`;
	/** Generates a publication through the API, as a Thinkeo user would; resolves its ID. */
	const publish = async () => {
		const response = await sandbox.api('POST', `/publications?app=${demoApp.id}&version=latest`, {
			headers: { authorization: publisher, 'content-type': 'application/json' },
			body: JSON.stringify({ attributes: {} }),
		});
		return ((await response.json()) as { publicationId: string }).publicationId;
	};
	const since = await cluster.lastExecutionId();
	const created: string[] = [];
	for (let i = 0; i < 3; i++) created.push(await publish());
	/** The publications the trigger's chain fetched (GET /publications/{id}), one entry per request. */
	const fetched = async () =>
		(await sandbox.requests({ method: 'GET' })).flatMap((request) => {
			const match = /^\/publications\/([0-9a-f-]{36})$/.exec(request.path);
			return match ? [match[1]] : [];
		});
	await waitFor(
		async () => {
			const fired = await fetched();
			return created.every((publication) => fired.includes(publication));
		},
		{ timeoutMs: 180_000, what: 'the trigger to fire the 3 new publications' },
	);
	// One more poll after the firing finds nothing new.
	const afterFiring = await lastSeq();
	await waitFor(
		async () =>
			(await sandbox.requests({ method: 'POST', path: '/publications/query' })).some((request) => request.seq > afterFiring),
		{ timeoutMs: 150_000, what: 'the next poll' },
	);
	await pause(5_000);
	expect((await fetched()).sort()).toEqual([...created].sort());
	const executions = await cluster.executions(since, TRIGGER_WORKFLOW);
	expect(executions.every((execution) => execution.mode === 'trigger' && execution.status === 'success')).toBe(true);
	expect(executions.flatMap((execution) => execution.output('Get Publication').map((item) => item.json.id)).sort()).toEqual(
		[...created].sort(),
	);
	const onWorkers = cluster.executionsByWorker().flat();
	expect(executions.every((execution) => onWorkers.includes(execution.id))).toBe(true);
	report(`queue mode, trigger: 3 publications, ${executions.length} execution(s), ${(await fetched()).length} fetches`);
});
