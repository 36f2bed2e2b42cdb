/**
 * Fault injection in a real n8n: the sandbox answers chosen requests with an error status, a broken body or too
 * late, or revokes the token mid-run. Each error carries Thinkeo's message and the hint for its status, Continue On
 * Fail keeps one output item per input item, and no secret reaches what n8n stores.
 */
import type { N8n } from '../support/n8n';
import type { Sandbox } from '../support/e2e';
import { e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { Json, SeedAccount, SeedApp } from '../support/types';
import { byId, chain, items, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

const CREDENTIAL = { id: 'thinkeoFaults001', name: 'Thinkeo faults' };
/** Ten seeded publications: item i reads publication i, so a fault on one path hits one chosen item. */
const PUBLICATIONS = 10;
const UPLOADS = 4;
const UPLOAD_BYTES = 3000;

let sandbox: Sandbox;
let n8n: N8n;
let demo: SeedAccount;
let app: SeedApp;
let publicationIds: string[];

type Item = { json: Json; error?: unknown; pairedItem?: unknown };

/** Publication → Get for each of the ten publications. */
function readPublications(id: string, options: { continueOnFail: boolean; timeoutMs?: number }) {
	return chain(id, `Read publications (${id})`, [
		{
			name: 'Inputs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: publicationIds.map((publication) => ({ publication })) }) },
		},
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		thinkeo(
			'Read',
			CREDENTIAL,
			{
				resource: 'publication',
				operation: 'get',
				publicationId: byId('={{ $json.publication }}'),
				// Rate-limit resends off: these tests check the error of each status as it comes (test/e2e/rateLimit.test.ts
				// checks the resends).
				requestOptions: { rateLimitMaxTries: 1, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) },
			},
			options.continueOnFail ? { onError: 'continueRegularOutput' } : {},
		),
	]);
}

/** Attachment → Upload of four PDF files of UPLOAD_BYTES bytes each, with Continue On Fail. */
function uploadFiles(id: string) {
	const b64 = Buffer.alloc(UPLOAD_BYTES, 0x41).toString('base64');
	return chain(id, 'Upload files', [
		{
			name: 'Inputs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: Array.from({ length: UPLOADS }, () => ({ b64 })) }) },
		},
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		{
			name: 'To File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: { operation: 'toBinary', sourceProperty: 'b64', binaryPropertyName: 'data', options: { fileName: 'report.pdf', mimeType: 'application/pdf' } },
		},
		thinkeo('Upload', CREDENTIAL, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }, { onError: 'continueRegularOutput' }),
	]);
}

const errorText = (item: Item) => String(item.json.error ?? '');
/** The hint n8n keeps with an error item of Continue On Fail. */
const hintOf = (item: Item) => String((item.error as { description?: string } | undefined)?.description ?? item.json.description ?? '');

const e2e = e2eFixture();

beforeAll(async () => {
	const started = await e2e.start((setup) => [emailPasswordCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.demo, 'n8n faults')]);
	({ sandbox, demo, demoApp: app, n8n } = started);
	publicationIds = started.seed.collections.publications.slice(0, PUBLICATIONS);
	await n8n.importWorkflows([
		readPublications('wfFaultsContinue', { continueOnFail: true }),
		readPublications('wfFaultsStop0001', { continueOnFail: false }),
		readPublications('wfFaultsTimeout1', { continueOnFail: true, timeoutMs: 500 }),
		uploadFiles('wfFaultsUpload01'),
		chain('wfFaultsRevoke01', 'Revoked mid-run', [
			...items(200),
			thinkeo('Read App', CREDENTIAL, { resource: 'app', operation: 'get', appId: byId(app.id) }),
		]),
	]);
}, 300_000);

beforeEach(async () => {
	await sandbox.clearFaults();
	await sandbox.latency(0);
	await sandbox.clearRequests();
});

const path = (index: number) => `/publications/${publicationIds[index]}`;

/** Requests one item makes when the API rejects every token: 2 on n8n 2.x, 3 on 1.x (see transport/renewal.ts). */
const attemptsOnRejectedToken = () => (n8n.major >= 2 ? 2 : 3);

describe('an error status on a chosen request', () => {
	it('gives each status (400, 401, 403, 404, 429, 500) its message and hint, and one output item per input item with Continue On Fail', async () => {
		const faults: Record<number, { status: number; count?: number; body?: unknown; headers?: Record<string, string> }> = {
			1: { status: 400, body: { error: { message: 'Invalid publication query', details: [{ field: 'fields', message: 'unknown field "colour"' }] } } },
			2: { status: 403, body: { error: { status: 403, message: 'This token may only generate publications' } } },
			4: { status: 404, body: { error: { status: 404, message: 'Publication not found' } } },
			6: { status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '7' } },
			8: { status: 500 },
			// On every attempt: n8n renews the token after the first 401 and tries again once (on 1.x the node first
			// sends the answered 401 again so that n8n renews, see transport/renewal.ts: one attempt more).
			9: { status: 401, count: attemptsOnRejectedToken(), body: { error: { status: 401, message: 'Bearer token has been revoked' } } },
		};
		for (const [index, fault] of Object.entries(faults)) await sandbox.fault({ ...fault, method: 'GET', path: path(Number(index)) });

		const run = await n8n.execute('wfFaultsContinue');
		expect(run.code).toBe(0);
		const output = run.output('Read') as Item[];
		expect(output).toHaveLength(PUBLICATIONS);
		expect(output.map((item) => item.pairedItem)).toEqual(publicationIds.map((_, item) => ({ item })));
		const good = output.filter((item) => !item.json.error);
		expect(good.map((item) => item.json.id)).toEqual(publicationIds.filter((_, index) => !(index in faults)));

		expect(errorText(output[1])).toBe('Thinkeo rejected publication get (HTTP 400): Invalid publication query');
		expect(hintOf(output[1])).toBe('Thinkeo found the request invalid. Details: fields: unknown field "colour"');
		expect(errorText(output[2])).toBe('Thinkeo rejected publication get (HTTP 403): This token may only generate publications');
		expect(hintOf(output[2])).toMatch(/not allowed to run publication get\. Its scope is too narrow: a token limited to generating publications/);
		expect(errorText(output[4])).toBe('Thinkeo rejected publication get (HTTP 404): Publication not found');
		expect(hintOf(output[4])).toContain(`Thinkeo found nothing for Publication ${publicationIds[4]}`);
		expect(errorText(output[6])).toBe('Thinkeo rejected publication get (HTTP 429): Too many requests');
		expect(hintOf(output[6])).toMatch(/It asks to wait 7 s \(Retry-After: 7\)\. Turn on "Retry On Fail".*Batching/);
		expect(errorText(output[8])).toBe('Thinkeo rejected publication get (HTTP 500): Injected sandbox fault (HTTP 500)');
		expect(hintOf(output[8])).toMatch(/^The problem is on Thinkeo's side \(HTTP 500\)/);
		expect(errorText(output[9])).toBe('Thinkeo rejected publication get (HTTP 401): Bearer token has been revoked');
		expect(hintOf(output[9])).toMatch(/^The credential was rejected/);

		const sent = await sandbox.requests({ method: 'GET' });
		expect(sent.filter((request) => request.path.startsWith('/publications/'))).toHaveLength(PUBLICATIONS + attemptsOnRejectedToken() - 1);
	});

	it('without Continue On Fail, stops at the faulted item with its index and message', async () => {
		await sandbox.fault({ status: 503, method: 'GET', path: path(3), rawBody: '<html><head><title>503 Service Unavailable</title></head><body>busy</body></html>', headers: { 'content-type': 'text/html' } });
		const run = await n8n.execute('wfFaultsStop0001');
		expect(run.code).not.toBe(0);
		expect(run.error).toMatchObject({
			message: 'Thinkeo rejected publication get (HTTP 503): 503 Service Unavailable',
			context: { itemIndex: 3 },
		});
		expect(run.error.description).toMatch(/^The problem is on Thinkeo's side \(HTTP 503\)/);
	});

	it('names the size of a refused upload (413) and the content type sent (415)', async () => {
		await sandbox.fault({ status: 413, method: 'POST', path: '/attachments', skip: 1 });
		await sandbox.fault({ status: 415, method: 'POST', path: '/attachments', skip: 2 });
		const run = await n8n.execute('wfFaultsUpload01');
		expect(run.code).toBe(0);
		const output = run.output('Upload') as Item[];
		expect(output).toHaveLength(UPLOADS);
		expect(output.filter((item) => typeof item.json.id === 'string' && item.json.url)).toHaveLength(UPLOADS - 2);
		const tooLarge = output.find((item) => errorText(item).includes('(HTTP 413)'))!;
		expect(errorText(tooLarge)).toBe('Thinkeo rejected attachment upload (HTTP 413): Injected sandbox fault (HTTP 413)');
		expect(hintOf(tooLarge)).toContain(`this request sent 2.9 KB (${UPLOAD_BYTES} bytes)`);
		const wrongType = output.find((item) => errorText(item).includes('(HTTP 415)'))!;
		expect(hintOf(wrongType)).toContain('content type that was sent: "application/pdf"');
		const sent = await sandbox.requests({ method: 'POST', path: '/attachments' });
		expect(sent.map((request) => request.bodyBytes)).toEqual(Array(UPLOADS).fill(UPLOAD_BYTES));
	});
});

describe('broken answers', () => {
	it('turns a malformed JSON answer into a clear error for that item only', async () => {
		await sandbox.fault({ status: 200, method: 'GET', path: path(5), rawBody: '{"id": "0192", "name": ' });
		const run = await n8n.execute('wfFaultsContinue');
		expect(run.code).toBe(0);
		const output = run.output('Read') as Item[];
		expect(output).toHaveLength(PUBLICATIONS);
		expect(errorText(output[5])).toMatch(/^Thinkeo's answer to publication get is not valid JSON \(HTTP 200, application\/json; charset=utf-8\): .+/);
		expect(output.filter((item) => item.json.id)).toHaveLength(PUBLICATIONS - 1);
	});

	it('reports an answer slower than the Timeout option as a timeout', async () => {
		await sandbox.latency(2000);
		const run = await n8n.execute('wfFaultsTimeout1');
		await sandbox.latency(0);
		expect(run.code).toBe(0);
		const output = run.output('Read') as Item[];
		expect(output).toHaveLength(PUBLICATIONS);
		for (const item of output) {
			expect(errorText(item)).toBe('Thinkeo did not answer publication get within 500 ms (timeout)');
			expect(hintOf(item)).toMatch(/^Raise Request Options → Timeout/);
		}
	});
});

/** Runs a workflow; resolves the run and n8n's stored record of it, as raw text (1.x serialises an error's cause in full). */
async function storeOf(workflowId: string) {
	const before = (await n8n.storedExecutions()).length;
	const run = await n8n.execute(workflowId);
	const stored = (await n8n.storedExecutions()).slice(before);
	expect(stored).toHaveLength(1);
	return { run, data: stored[0].data };
}

describe('a 12 MB error body (issue 19, item 10)', () => {
	const MESSAGE = 'Generation quota exceeded for this team';
	/** Thinkeo's message first, then 12 MB of trace: n8n parses it whole; the error keeps at most 64 KB of it. */
	const hugeBody = JSON.stringify({ error: { status: 500, message: MESSAGE }, trace: 'frame '.repeat(2 * 1024 * 1024) });

	it.each([
		['with Continue On Fail', 'wfFaultsContinue'],
		['without it', 'wfFaultsStop0001'],
	])('%s: the error shows Thinkeo\'s message, and n8n stores less than 1 MB of the run', async (_mode, workflowId) => {
		await sandbox.fault({ status: 500, method: 'GET', path: path(2), rawBody: hugeBody });
		const { run, data } = await storeOf(workflowId);
		const message = `Thinkeo rejected publication get (HTTP 500): ${MESSAGE}`;
		if (workflowId === 'wfFaultsContinue') expect(errorText(run.output('Read')[2] as Item)).toBe(message);
		else expect(run.error).toMatchObject({ message, context: { itemIndex: 2 } });
		expect(data).toContain(MESSAGE);
		expect(Buffer.byteLength(data)).toBeLessThan(1024 * 1024);
	});
});

describe('a connection reset', () => {
	function expectNoRequestObjects(data: string) {
		for (const socketField of ['_httpMessage', '_redirectable', '_header', '_options']) expect(data).not.toContain(socketField);
		expect(data).not.toMatch(/"authorization"\s*:|Bearer tkak_/i);
	}

	it('with Continue On Fail, fails its item only, and n8n stores no socket or request object', async () => {
		await sandbox.fault({ status: 200, method: 'GET', path: path(3), reset: true });
		const { run, data } = await storeOf('wfFaultsContinue');
		expect(run.code).toBe(0);
		const output = run.output('Read') as Item[];
		expect(output).toHaveLength(PUBLICATIONS);
		expect(errorText(output[3])).not.toBe('');
		expect(output.filter((item) => item.json.id)).toHaveLength(PUBLICATIONS - 1);
		expectNoRequestObjects(data);
	});

	it("without it, stops the run, and the error's cause n8n stores is a clean copy (name, message, code)", async () => {
		await sandbox.fault({ status: 200, method: 'GET', path: path(3), reset: true });
		const { run, data } = await storeOf('wfFaultsStop0001');
		expect(run.code).not.toBe(0);
		expect(run.error.context).toMatchObject({ itemIndex: 3 });
		expect(data).toMatch(/ECONNRESET|socket hang up/i);
		expectNoRequestObjects(data);
	});
});

describe('token revoked mid-run', () => {
	it('loses none of 200 items: the credential renews the token on 401', async () => {
		await n8n.execute('wfFaultsRevoke01');
		await sandbox.clearRequests();
		await sandbox.revokeTokens(60);
		const run = await n8n.execute('wfFaultsRevoke01');
		expect(run.code).toBe(0);
		const output = run.output('Read App') as Item[];
		expect(output).toHaveLength(200);
		expect(output.every((item) => item.json.id === app.id && !item.json.error)).toBe(true);
		const sent = await sandbox.requests();
		const reads = sent.filter((request) => request.path === `/apps/${app.id}`);
		expect(reads.filter((request) => request.status === 401).length).toBeGreaterThan(0);
		expect(reads.filter((request) => request.status === 200)).toHaveLength(200);
		expect(sent.filter((request) => request.method === 'POST' && request.path === '/tokens')).toHaveLength(1);
	});
});

describe('secrets after failed runs', () => {
	it('keeps the password, the team token and any Authorization header out of the stored executions', async () => {
		const { teamToken } = (await n8n.credentialData(CREDENTIAL.id)) as { teamToken: string };
		expect(teamToken).toMatch(/^tkak_/);
		const executions = await n8n.storedExecutions();
		expect(executions.filter((execution) => execution.data.includes('Thinkeo rejected publication get')).length).toBeGreaterThan(0);
		expect(executions.filter((execution) => execution.status === 'error').length).toBeGreaterThan(0);
		for (const { data } of executions) {
			for (const secret of [demo.password, teamToken, Buffer.from(`${demo.email}:${demo.password}`).toString('base64')]) {
				expect(data).not.toContain(secret);
			}
			// A request's headers would be stored as a JSON key; n8n's own messages may say "Authorization failed".
			expect(data).not.toMatch(/"authorization"\s*:|Bearer tkak_/i);
		}
		for (const secret of [demo.password, teamToken]) expect(n8n.transcript).not.toContain(secret);
	});
});
