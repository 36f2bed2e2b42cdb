/**
 * Bad input in a real n8n: every error names the field and what was wrong, bad items never reach Thinkeo, and with
 * "Continue On Fail" every input item yields exactly one output item. Also: the credential keeps the password off
 * plain http:// to other hosts.
 */
import type { N8n } from '../support/n8n';
import type { Sandbox } from '../support/e2e';
import { e2eFixture, emailPasswordCredential, expectInputError } from '../support/e2e';
import type { SeedAccount, SeedApp } from '../support/types';
import { byId, chain, createPublication, thinkeo } from '../support/workflows';

jest.setTimeout(240_000);

const CREDENTIAL = { id: 'thinkeoErrors001', name: 'Thinkeo errors' };
const PLAIN_HTTP = { id: 'thinkeoPlainHttp', name: 'Thinkeo over plain http' };
const FUTURE = '2099-01-01T00:00:00Z';
const PDF = Buffer.from('%PDF-1.7 brief').toString('base64');
const UNKNOWN_APP = '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b';

let sandbox: Sandbox;
let n8n: N8n;
let demo: SeedAccount;

/** Four items for Publication → Create: a good one, a malformed App ID, broken JSON, and an App Thinkeo does not know. */
function publishEach(id: string, onError?: string) {
	return (app: SeedApp) => {
		const good = JSON.stringify({ [app.attributes.title.id]: ['Fine'] });
		const inputs = [
			{ appId: app.id, attributes: good },
			{ appId: 'not-a-uuid', attributes: good },
			{ appId: app.id, attributes: '{"unclosed": ["x"' },
			{ appId: UNKNOWN_APP, attributes: good },
		];
		return chain(id, `Publish each (${onError ?? 'stop'})`, [
			{ name: 'Inputs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs }) } },
			{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
			thinkeo(
				'Publish',
				CREDENTIAL,
				createPublication('={{ $json.appId }}', '={{ $json.attributes }}'),
				onError ? { onError } : {},
			),
		]);
	};
}

/** Items of `inputs` (Set then Split Out) into one Thinkeo node. */
function eachInput(id: string, name: string, inputs: unknown[], parameters: Record<string, unknown>, onError?: string) {
	return chain(id, name, [
		{ name: 'Inputs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs }) } },
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		thinkeo('Thinkeo', CREDENTIAL, parameters, onError ? { onError } : {}),
	]);
}

/** Token → Create for: a good item, a blank name from an expression, an expiration that is no date, one in the past. */
const TOKEN_INPUTS = [
	{ name: 'fine', expiration: FUTURE },
	{ name: '   ', expiration: FUTURE },
	{ name: 'fine', expiration: 'next tuesday-ish' },
	{ name: 'fine', expiration: '2001-01-01T00:00:00Z' },
];
const createTokens = (id: string, onError?: string) =>
	eachInput(id, `Create tokens (${onError ?? 'stop'})`, TOKEN_INPUTS, {
		resource: 'token',
		operation: 'create',
		name: '={{ $json.name }}',
		additionalFields: { expiration: '={{ $json.expiration }}' },
	}, onError);

const e2e = e2eFixture();

beforeAll(async () => {
	const started = await e2e.start((setup) => [
		emailPasswordCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.demo, 'n8n e2e'),
		// Not loopback, and never resolved: the credential must refuse before any connection.
		emailPasswordCredential(PLAIN_HTTP, 'http://thinkeo.example/v1', setup.demo, 'n8n e2e'),
	]);
	({ sandbox, demo, n8n } = started);
	await n8n.importWorkflows([
		publishEach('wfErrorsContinue', 'continueRegularOutput')(started.demoApp),
		publishEach('wfErrorsStop0001')(started.demoApp),
		createTokens('wfBadTokensCont1', 'continueRegularOutput'),
		createTokens('wfBadTokensStop1'),
		eachInput('wfBadLimit000001', 'Negative limit', [{ limit: 1 }, { limit: -5 }], {
			resource: 'token',
			operation: 'getMany',
			returnAll: false,
			limit: '={{ $json.limit }}',
		}, 'continueRegularOutput'),
		chain('wfBadBinary00001', 'Missing binary field', [
			// Two items, each with the same file in its binary field "data".
			{ name: 'Inputs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: [{ b64: PDF }, { b64: PDF }] }) } },
			{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
			{
				name: 'To File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				parameters: { operation: 'toBinary', sourceProperty: 'b64', binaryPropertyName: 'data', options: { fileName: 'brief.pdf', mimeType: 'application/pdf' } },
			},
			thinkeo('Upload', CREDENTIAL, {
				resource: 'attachment',
				operation: 'upload',
				binaryPropertyName: '={{ $itemIndex === 0 ? "data" : "document" }}',
			}, { onError: 'continueRegularOutput' }),
		]),
		// Values of the wrong type from expressions (issue 19, item 15).
		eachInput('wfWrongTypeIds01', 'IDs of the wrong type', [{ app: {} }, { app: 42 }, { app: started.demoApp.id }], {
			resource: 'app',
			operation: 'get',
			appId: byId('={{ $json.app }}'),
		}, 'continueRegularOutput'),
		eachInput('wfWrongTypeText1', 'A number as a name, an object as a kind', [{ name: -1, kind: 'paragraph' }, { name: 'Intro', kind: {} }], {
			resource: 'block',
			operation: 'create',
			name: '={{ $json.name }}',
			kind: '={{ $json.kind }}',
		}, 'continueRegularOutput'),
		chain('wfPlainHttp00001', 'Password over plain http', [
			thinkeo('Read App', PLAIN_HTTP, { resource: 'app', operation: 'get', appId: byId(started.demoApp.id) }),
		]),
	]);
}, 300_000);

it('with Continue On Fail, gives one output item per input item and sends only the valid ones', async () => {
	await sandbox.clearRequests();
	const run = await n8n.execute('wfErrorsContinue');
	expect(run.code).toBe(0);
	const output = run.output('Publish');
	expect(output).toHaveLength(4);
	expect(output[0].json).toMatchObject({ publicationId: expect.any(String), document: { html: expect.stringContaining('Fine') } });
	expect(output[1].json.error).toBe('App: "not-a-uuid" is not a valid ID');
	expect(output[2].json.error).toMatch(/^Attributes \(JSON\): invalid JSON \(.+\)$/);
	expect(output[3].json.error).toMatch(/^Thinkeo rejected publication create \(HTTP 404\): .+/);
	expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	const sent = await sandbox.requests({ method: 'POST', path: '/publications' });
	// Sorted: the items are sent in parallel, so their arrival order varies.
	expect(sent.map((request) => request.status).sort()).toEqual([200, 404]);
});

it('without it, stops the run with the first bad item named', async () => {
	await sandbox.clearRequests();
	const run = await n8n.execute('wfErrorsStop0001');
	expect(run.code).not.toBe(0);
	expect(run.stdout + run.stderr).toContain('App: "not-a-uuid" is not a valid ID');
	expect(run.error).toMatchObject({ message: 'App: "not-a-uuid" is not a valid ID', context: { itemIndex: 1 } });
	expectInputError(run.error);
});

describe('each kind of bad input stops its item before any request, naming the field', () => {
	it('blank required text, a date that is no date and a past expiration, with Continue On Fail: N items in, N out', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBadTokensCont1');
		expect(run.code).toBe(0);
		const output = run.output('Thinkeo');
		expect(output).toHaveLength(TOKEN_INPUTS.length);
		expect(output[0].json).toMatchObject({ name: 'fine', token: expect.stringMatching(/^tkak_/), expiration: '2099-01-01T00:00:00.000Z' });
		expect(output.slice(1).map((item) => item.json.error)).toEqual([
			'Name: a value is required, but it is empty',
			'Expiration: "next tuesday-ish" is not a valid date',
			'Expiration: 2001-01-01T00:00:00.000Z is in the past',
		]);
		const sent = await sandbox.requests({ method: 'POST', path: '/tokens' });
		expect(sent.filter((request) => request.auth.scheme === 'bearer').map((request) => request.query)).toEqual([
			{ name: 'fine', expiration: '2099-01-01T00:00:00.000Z' },
		]);
	});

	it('without Continue On Fail, the first bad item stops the node with its index', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBadTokensStop1');
		expect(run.code).not.toBe(0);
		expect(run.error).toMatchObject({ message: 'Name: a value is required, but it is empty', context: { itemIndex: 1 } });
		expectInputError(run.error);
		const sent = await sandbox.requests({ method: 'POST', path: '/tokens' });
		expect(sent.filter((request) => request.auth.scheme === 'bearer')).toHaveLength(1);
	});

	it('a negative Limit', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBadLimit000001');
		const output = run.output('Thinkeo');
		expect(output.filter((item) => item.json.error).map((item) => item.json.error)).toEqual(['Limit: must be at least 1, got -5']);
		expect(output.filter((item) => !item.json.error)).toHaveLength(1);
		expect(await sandbox.requests({ method: 'GET', path: '/tokens' })).toHaveLength(1);
	});

	it('a binary field the item does not have', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBadBinary00001');
		const output = run.output('Upload');
		expect(output).toHaveLength(2);
		expect(output[0].json).toMatchObject({ id: expect.any(String), filename: 'brief.pdf' });
		expect(output[1].json.error).toBe('Input Binary Field: the input item has no binary field "document"');
		expect(await sandbox.requests({ method: 'POST', path: '/attachments' })).toHaveLength(1);
	});
});

describe('values of the wrong type from expressions (issue 19, item 15)', () => {
	it('an ID that is no text is reported by its type, and never sent', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfWrongTypeIds01');
		expect(run.code).toBe(0);
		const output = run.output('Thinkeo');
		expect(output.map((item) => item.json.error)).toEqual(['App: an object is not a valid ID', 'App: a number (42) is not a valid ID', undefined]);
		expect((await sandbox.requests({ method: 'GET' })).filter((request) => request.path.startsWith('/apps/'))).toHaveLength(1);
	});

	it('a number given to a text is sent as text, an object given to an option stops its item naming the field', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfWrongTypeText1');
		expect(run.code).toBe(0);
		const output = run.output('Thinkeo');
		expect(output[0].json).toMatchObject({ name: '-1', kind: 'paragraph' });
		expect(output[1].json.error).toBe('Kind: an object is not one of its options');
		const sent = await sandbox.requests({ method: 'POST', path: '/blocks' });
		expect(sent.map((request) => JSON.parse(request.bodyText ?? 'null'))).toEqual([{ name: '-1', kind: 'paragraph' }]);
	});
});

describe('the password and plain http', () => {
	it('refuses to send the password over http:// to a host that is not this machine, saying why', async () => {
		const run = await n8n.execute('wfPlainHttp00001');
		expect(run.code).not.toBe(0);
		expect(run.stdout + run.stderr).toContain(
			'Refusing to send the Thinkeo password over plain http:// to thinkeo.example: anyone on the network between n8n and that host could read it.',
		);
		expect(n8n.transcript).not.toContain(demo.password);
	});
});
