/**
 * Credentials stay with the Base URL's origin, in a real n8n: the sandbox answers chosen requests with a redirect
 * (301, 302, 303, 307, 308) to another origin, a second local listener that records every header it receives. The
 * node follows no redirect on any request path: the credential's exchange, declarative routing, follow-up
 * requests, uploads, downloads and the trigger's polls. Each redirect stops its item with an error naming it, and
 * nothing at all (so no password, Basic header or token) reaches the other origin.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, createApiToken, e2eFixture, emailPasswordCredential } from '../support/e2e';
import { pollThinkeoTrigger } from '../support/inprocess';
import type { N8n } from '../support/n8n';
import type { Json, SeedAccount, SeedApp } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const STATUSES = [301, 302, 303, 307, 308];
const PASSWORD = { id: 'thinkeoRedirPass', name: 'Thinkeo redirects (password)' };
const TOKEN = { id: 'thinkeoRedirTokn', name: 'Thinkeo redirects (token)' };
const SEEDED_ATTACHMENT = '0192f0a6-5555-7f00-8a00-000000000001';

let sandbox: Sandbox;
let n8n: N8n;
let demo: SeedAccount;
let app: SeedApp;
let apiToken: string;
let publicationIds: string[];
let blockId: string;

type Item = { json: Json; error?: unknown };
const errorText = (item: Item) => String(item.json.error ?? '');

/** Five input items (one per redirect status), then the Thinkeo node with Continue On Fail. */
function fiveItems(workflowId: string, name: string, parameters: Record<string, unknown>, binary = false) {
	const inputs = publicationIds.slice(0, STATUSES.length).map((publication) => ({ publication, b64: Buffer.from('redirect me').toString('base64') }));
	return chain(workflowId, name, [
		{ name: 'Inputs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs }) } },
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		...(binary
			? [
					{
						name: 'To File',
						type: 'n8n-nodes-base.convertToFile',
						typeVersion: 1.1,
						parameters: { operation: 'toBinary', sourceProperty: 'b64', binaryPropertyName: 'data', options: { fileName: 'a.txt', mimeType: 'text/plain' } },
					},
				]
			: []),
		thinkeo('Thinkeo', TOKEN, parameters, { onError: 'continueRegularOutput' }),
	]);
}

/** One redirect rule per status on `method path`, each for one request. */
async function redirectEach(method: string, path: string) {
	for (const status of STATUSES) await sandbox.fault({ status, method, path, location: 'foreign' });
}

/** Nothing reached the other origin; should a request ever get there, it must carry no credential. */
async function expectNothingForeign() {
	const { requests } = await sandbox.foreign();
	for (const request of requests) {
		expect(JSON.stringify(request.headers)).not.toMatch(/authorization|Basic |tkak_/i);
	}
	expect(requests).toEqual([]);
}

/** The items' errors, one per status, each naming its redirect to the other origin; and the faulted requests sent once. */
async function expectRedirectErrors(output: Item[], step: string, method: string, path: string) {
	const { url } = await sandbox.foreign();
	expect(output).toHaveLength(STATUSES.length);
	const messages = output.map(errorText).sort();
	expect(messages).toEqual(
		STATUSES.map((status) => `Thinkeo answered ${step} with a redirect (HTTP ${status} to ${url}/v1${path}), which the node does not follow`).sort(),
	);
	const sent = await sandbox.requests({ method, path });
	expect(sent.map((request) => request.status).sort()).toEqual(STATUSES);
}

const e2e = e2eFixture();

beforeAll(async () => {
	const started = await e2e.startSandbox();
	({ sandbox, demo, demoApp: app } = started);
	publicationIds = started.seed.collections.publications.slice(0, STATUSES.length);
	apiToken = await createApiToken(sandbox, demo, 'redirect-tests');
	const publication = await callApi(sandbox, `Bearer ${apiToken}`, 'GET', `/publications/${publicationIds[0]}`);
	blockId = String((publication.json as Json).rootBlockId);
	n8n = await e2e.startN8n([
		emailPasswordCredential(PASSWORD, sandbox.apiUrl, demo, 'n8n redirects'),
		apiTokenCredential(TOKEN, sandbox.apiUrl, apiToken),
	]);
	await n8n.importWorkflows([
		chain('wfRedirExchange1', 'Exchange', [thinkeo('Thinkeo', PASSWORD, { resource: 'app', operation: 'get', appId: byId(app.id) })]),
		fiveItems('wfRedirRouting01', 'Routing', { resource: 'publication', operation: 'get', publicationId: byId('={{ $json.publication }}') }),
		fiveItems('wfRedirUpload001', 'Upload', { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }, true),
		fiveItems('wfRedirDownload1', 'Download', { resource: 'attachment', operation: 'download', attachmentId: byId(SEEDED_ATTACHMENT), binaryPropertyName: 'file' }),
		fiveItems('wfRedirFollowUp1', 'Follow-up', { resource: 'block', operation: 'update', blockId: byId(blockId), updateFields: { name: 'Renamed' } }),
	]);
}, 300_000);

beforeEach(async () => {
	await sandbox.clearFaults();
	await sandbox.clearRequests();
	await sandbox.clearForeign();
});

afterEach(expectNothingForeign);

describe('the credential exchange follows no redirect', () => {
	it.each(STATUSES)('GET /teams (Basic) answered %i: the run fails naming the redirect', async (status) => {
		await sandbox.fault({ status, method: 'GET', path: '/teams', location: 'foreign' });
		const run = await n8n.execute('wfRedirExchange1');
		expect(run.code).not.toBe(0);
		const { url } = await sandbox.foreign();
		expect(JSON.stringify(run.error)).toContain(
			`Thinkeo answered GET /teams with a redirect (HTTP ${status} to ${url}/v1/teams). The credential follows no redirect`,
		);
		expect(await sandbox.requests({ method: 'POST', path: '/tokens' })).toEqual([]);
	});

	it('POST /tokens answered 307: no token, and the next run (no redirect) works', async () => {
		await sandbox.fault({ status: 307, method: 'POST', path: '/tokens', location: 'foreign' });
		const failed = await n8n.execute('wfRedirExchange1');
		expect(JSON.stringify(failed.error)).toContain('Thinkeo answered POST /tokens with a redirect (HTTP 307 to ');
		const run = await n8n.execute('wfRedirExchange1');
		expect(run.code).toBe(0);
		expect(run.output('Thinkeo')[0].json.id).toBe(app.id);
	});
});

describe('operations follow no redirect', () => {
	it('declarative routing (Publication → Get)', async () => {
		for (const [index, status] of STATUSES.entries()) {
			await sandbox.fault({ status, method: 'GET', path: `/publications/${publicationIds[index]}`, location: 'foreign' });
		}
		const run = await n8n.execute('wfRedirRouting01');
		const output = run.output('Thinkeo') as Item[];
		const { url } = await sandbox.foreign();
		expect(output.map(errorText)).toEqual(
			STATUSES.map(
				(status, index) =>
					`Thinkeo answered publication get with a redirect (HTTP ${status} to ${url}/v1/publications/${publicationIds[index]}), which the node does not follow`,
			),
		);
	});

	it('uploads (Attachment → Upload)', async () => {
		await redirectEach('POST', '/attachments');
		const run = await n8n.execute('wfRedirUpload001');
		await expectRedirectErrors(run.output('Thinkeo') as Item[], 'attachment upload', 'POST', '/attachments');
	});

	it('downloads (Attachment → Download)', async () => {
		await redirectEach('GET', `/attachments/${SEEDED_ATTACHMENT}`);
		const run = await n8n.execute('wfRedirDownload1');
		await expectRedirectErrors(run.output('Thinkeo') as Item[], 'attachment download', 'GET', `/attachments/${SEEDED_ATTACHMENT}`);
	});

	it('follow-up requests (Block → Update reads the block first)', async () => {
		await redirectEach('GET', `/blocks/${blockId}`);
		const run = await n8n.execute('wfRedirFollowUp1');
		await expectRedirectErrors(run.output('Thinkeo') as Item[], `reading block ${blockId} before updating it`, 'GET', `/blocks/${blockId}`);
		expect(await sandbox.requests({ method: 'PUT', path: `/blocks/${blockId}` })).toEqual([]);
	});

	it.each(STATUSES)("the trigger's poll (in n8n-core's poll context) answered %i", async (status) => {
		await sandbox.fault({ status, method: 'POST', path: '/publications/query', location: 'foreign' });
		const { url } = await sandbox.foreign();
		await expect(pollThinkeoTrigger({ baseUrl: sandbox.apiUrl, apiToken, parameters: { event: 'newPublication' } })).rejects.toThrow(
			`with a redirect (HTTP ${status} to ${url}/v1/publications/query), which the node does not follow`,
		);
	});
});
