/**
 * A request the node makes inside an operation's steps (Output Files' listing, a Simplify lookup, a 401 renewal of
 * its own) resends itself; its final 429 or 401 must never make the operation's own request go again: for
 * Publication → Create that would be one more publication per try. Run in-process (n8n-core's RoutingNode) against
 * the sandbox, whose request log counts what was sent.
 */
import { runThinkeoNode } from '../support/inprocess';
import type { Sandbox } from '../support/e2e';
import { sandboxWithToken } from '../support/e2e';
import type { SeedApp } from '../support/types';
import { byId, createPublication } from '../support/workflows';

jest.setTimeout(60_000);

let sandbox: Sandbox;
let app: SeedApp;
let token: string;

beforeAll(async () => {
	({ sandbox, app, token } = await sandboxWithToken('follow-up resends'));
});

afterAll(async () => {
	await sandbox?.stop();
});

beforeEach(async () => {
	await sandbox.clearFaults();
});

async function create(extra: Record<string, unknown>) {
	return await runThinkeoNode({
		baseUrl: sandbox.apiUrl,
		apiToken: token,
		parameters: createPublication(app.id, JSON.stringify({ [app.attributes.title.id]: ['Once'] }), {
			requestOptions: { rateLimitMaxTries: 3, rateLimitMaxWait: 5 },
			...extra,
		}),
	});
}

const creates = async () => (await sandbox.requests({ method: 'POST', path: '/publications' })).length;

describe("a follow-up request's final answer does not resend the operation", () => {
	it.each([
		['Output Files, the listing limited', { outputFiles: 'generated' }, 429],
		['Output Files, the listing refusing the token', { outputFiles: 'generated' }, 401],
	])('%s: one publication, and the error names the follow-up', async (_label, extra, status) => {
		const before = await creates();
		// Every GET after the generation (listing, lookups, the token's check) answers `status`, Retry-After 0.
		await sandbox.fault({ status, method: 'GET', count: 50, headers: { 'retry-after': '0' } });
		const { items, error } = await create(extra);
		expect(await creates()).toBe(before + 1);
		const failure = error?.message ?? String(items[0]?.json.error ?? '');
		expect(failure).toMatch(status === 429 ? /HTTP 429/ : /HTTP 401/);
		expect(failure).not.toMatch(/generating|POST \/publications/i);
	});

	it('Publication → Get with Simplify, its data lookup limited: the publication is read once', async () => {
		const [created] = (await create({})).items;
		const publicationId = String(created.json.publicationId);
		const path = `/publications/${publicationId}`;
		const reads = async () => (await sandbox.requests({ method: 'GET', path })).length;
		const before = await reads();
		// The Get itself goes through; every GET after it (the publication's data, its files) answers 429.
		await sandbox.fault({ status: 429, method: 'GET', skip: 1, count: 50, headers: { 'retry-after': '0' } });
		const { items, error } = await runThinkeoNode({
			baseUrl: sandbox.apiUrl,
			apiToken: token,
			parameters: { resource: 'publication', operation: 'get', publicationId: byId(publicationId), simplify: true, requestOptions: { rateLimitMaxTries: 3, rateLimitMaxWait: 5 } },
		});
		expect(await reads()).toBe(before + 1);
		expect(error?.message ?? String(items[0]?.json.error ?? '')).toMatch(/HTTP 429/);
	});
});
