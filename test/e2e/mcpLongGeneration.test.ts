/**
 * A 3-minute generation called through n8n 2.41.1's MCP Server Trigger (examples/mcp-server.json) by the official SDK
 * client: what a client with the SDK's default 60-second request timeout sees, whether n8n sends progress
 * notifications that `resetTimeoutOnProgress` could use, and that a client allowing 5 minutes gets the document.
 * docs/ai-agents.md quotes what it measures. Wall-clock: THINKEO_SKIP_SLOW_TESTS=1 skips it, as longGeneration.
 */
import { randomUUID } from 'crypto';

import example from '../../examples/mcp-server.json';
import type { Sandbox } from '../support/e2e';
import { e2eFixture } from '../support/e2e';
import { DEFAULT_REQUEST_TIMEOUT_MSEC, connectMcp, mcpExampleCredentials } from '../support/mcp';
import type { N8n } from '../support/n8n';
import { report } from '../support/report';
import { slowTestsSkipped } from '../support/slow';
import type { SeedApp } from '../support/types';
import { waitFor } from '../support/wait';

const GENERATION_MS = 180_000;
jest.setTimeout(GENERATION_MS + 420_000);

const WORKFLOW_ID = 'thinkeoMcpSlow001';
// Made at run time: any value works, and none is written in the source.
const MCP_AUTH_VALUE: string = randomUUID();
const describeSlow = slowTestsSkipped ? describe.skip : describe;

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;

const e2e = e2eFixture();

beforeAll(async () => {
	if (slowTestsSkipped) return;
	({ sandbox, demoApp: app, n8n } = await e2e.start(
		(setup) => mcpExampleCredentials(setup.sandbox.apiUrl, setup.token, MCP_AUTH_VALUE),
		'e2e-mcp-slow',
	));
	await n8n.importWorkflows([{ ...example, id: WORKFLOW_ID, active: false }]);
	await n8n.publishWorkflows([WORKFLOW_ID]);
	await n8n.start();
	await waitFor(async () => ((await n8n.queryDatabase('SELECT webhookPath FROM webhook_entity')) as unknown[]).length >= 2, {
		timeoutMs: 120_000,
		intervalMs: 1_000,
		what: 'n8n to register the MCP Server Trigger',
	});
	await sandbox.slow({ method: 'POST', path: '/publications', ms: GENERATION_MS });
}, 400_000);

describeSlow('a generation that takes 3 minutes, called by an MCP client', () => {
	it('times out a client at the SDK default of 60 s, with no progress notification; a 5-minute client gets the document', async () => {
		expect(DEFAULT_REQUEST_TIMEOUT_MSEC).toBe(60_000);
		const connect = () => connectMcp({ url: `${n8n.url}/mcp/thinkeo`, headers: { Authorization: `Bearer ${MCP_AUTH_VALUE}` } });
		const [hasty, patient] = [await connect(), await connect()];
		const progress = { hasty: 0, patient: 0 };
		const call = (client: typeof hasty, title: string, options: Record<string, unknown>) =>
			client.callTool({ name: 'Generate_Publication', arguments: { appId: app.id, attributes: { [app.attributes.title.id]: title } } }, undefined, options);
		const started = Date.now();
		const [timedOut, finished] = await Promise.allSettled([
			// What the SDK offers for long calls: a progress handler, and the timeout reset by each notification.
			call(hasty, 'Hasty', { onprogress: () => (progress.hasty += 1), resetTimeoutOnProgress: true }).finally(() =>
				report(`default-timeout client settled after ${Date.now() - started} ms`),
			),
			call(patient, 'Patient', { timeout: 300_000, onprogress: () => (progress.patient += 1) }).finally(() =>
				report(`5-minute client settled after ${Date.now() - started} ms`),
			),
		]);
		report(`progress notifications: ${JSON.stringify(progress)}`);

		expect(timedOut.status).toBe('rejected');
		expect(String((timedOut as PromiseRejectedResult).reason)).toMatch(/Request timed out/);
		expect((timedOut as PromiseRejectedResult).reason.code).toBe(-32001);
		// n8n's MCP Server Trigger sends no progress notification while a tool runs.
		expect(progress).toEqual({ hasty: 0, patient: 0 });

		expect(finished.status).toBe('fulfilled');
		const result = (finished as PromiseFulfilledResult<{ content: Array<{ text: string }> }>).value;
		const [publication] = [JSON.parse(result.content[0].text)].flat();
		expect(publication.text).toContain('Patient');
		expect(Date.now() - started).toBeGreaterThanOrEqual(GENERATION_MS);

		// The client that gave up did not stop the generation: Thinkeo got both, and both publications exist.
		const posts = () => sandbox.requests({ method: 'POST', path: '/publications' });
		await waitFor(async () => (await posts()).length === 2, { timeoutMs: 30_000, what: 'both generations to end' });
		expect((await posts()).map((request) => request.status)).toEqual([200, 200]);
		await hasty.close();
		await patient.close();
	});
});
