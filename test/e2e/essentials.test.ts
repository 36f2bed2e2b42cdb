/**
 * The four essential operations and the credential's token exchange, inside a real n8n 2.41.1 with the package
 * installed from its tarball, against the Thinkeo sandbox. Assertions read n8n's output items and the sandbox's
 * request log.
 */
import { createHash } from 'crypto';

import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, createApiToken, e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { LoggedRequest, SeedAccount, SeedApp } from '../support/types';
import { byId, chain, file, items, thinkeo } from '../support/workflows';

jest.setTimeout(240_000);

let sandbox: Sandbox;
let n8n: N8n;
let demo: SeedAccount;
let app: SeedApp;

const credential = (id: string, name: string) => ({ id, name });
const DEMO = credential('thinkeoDemo00001', 'Thinkeo demo');
const BURST = credential('thinkeoBurst0001', 'Thinkeo burst');
const WRONG = credential('thinkeoWrong0001', 'Thinkeo wrong password');
const PASTED = credential('thinkeoToken0001', 'Thinkeo pasted token');

const FILE_BYTES = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0x80, 0x7f, 0x0d, 0x0a]);
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest();

const emailPassword = (ref: { id: string; name: string }, password: string) =>
	emailPasswordCredential(ref, sandbox.apiUrl, { email: demo.email, password }, 'n8n e2e');

const count = (requests: LoggedRequest[], method: string, path: string, scheme?: string) =>
	requests.filter((r) => r.method === method && r.path === path && (!scheme || r.auth.scheme === scheme)).length;

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, demo, demoApp: app } = await e2e.startSandbox());
	const pasted = await createApiToken(sandbox, demo, 'pasted');

	n8n = await e2e.startN8n([
		emailPassword(DEMO, demo.password),
		emailPassword(BURST, demo.password),
		emailPassword(WRONG, 'not-the-password'),
		apiTokenCredential(PASTED, sandbox.apiUrl, pasted),
	]);
	const teams = (cred: typeof DEMO) => thinkeo('Teams', cred, { resource: 'team', operation: 'getMany', returnAll: true });
	await n8n.importWorkflows([
		chain('wfDocument000001', 'Upload then publish', [
			...file(FILE_BYTES, 'brief.pdf', 'application/pdf'),
			thinkeo('Upload', DEMO, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }),
			thinkeo('Publish', DEMO, {
				resource: 'publication',
				operation: 'create',
				appId: byId(app.id),
				version: 'latest',
				attributesInput: 'fields',
				attributes: {
					attribute: [
						{ attributeId: app.attributes.title.id, value: 'Q3 <review>' },
						{ attributeId: app.attributes.topics.id, value: 'Revenue' },
						{ attributeId: app.attributes.topics.id, value: 'Hiring' },
						{ attributeId: app.attributes.appendix.id, value: '={{ $json.url }}' },
					],
				},
				options: { fastPass: true, seed: 42 },
			}),
		]),
		chain('wfTokenCreate001', 'Team and token', [
			teams(DEMO),
			thinkeo(
				'Create Token',
				DEMO,
				{
					resource: 'token',
					operation: 'create',
					name: 'e2e token',
					additionalFields: { once: true, team: byId('={{ $json.id }}') },
				},
			),
		]),
		chain('wfPastedToken001', 'Pasted API token', [teams(PASTED)]),
		chain('wfBurst000000100', '100 items', [...items(100), teams(BURST)]),
		chain('wfWrongPassword1', 'Wrong password', [teams(WRONG)]),
	]);
}, 300_000);

describe('the four essential operations', () => {
	it('uploads the raw bytes of a binary field, then generates a publication that uses its URL', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfDocument000001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [upload] = run.output('Upload');
		expect(Object.keys(upload.json).sort()).toEqual(['filename', 'id', 'sha1', 'url']);
		expect(upload.json.filename).toBe('brief.pdf');
		expect(upload.json.sha1).toEqual([...sha1(FILE_BYTES)]);
		const [uploadRequest] = await sandbox.requests({ method: 'POST', path: '/attachments' });
		expect(uploadRequest.headers).toMatchObject({ 'content-type': 'application/pdf', filename: 'brief.pdf' });
		expect(uploadRequest.bodySha1).toBe(sha1(FILE_BYTES).toString('hex'));
		const stored = await sandbox.api('GET', `/attachments/${upload.json.id}`, {
			headers: { authorization: uploadRequest.authorization! },
		});
		expect(Buffer.from(await stored.arrayBuffer())).toEqual(FILE_BYTES);

		const [publication] = run.output('Publish');
		const [publishRequest] = await sandbox.requests({ method: 'POST', path: '/publications' });
		expect(publishRequest.query).toEqual({ app: app.id, version: 'latest' });
		expect(JSON.parse(publishRequest.bodyText!)).toEqual({
			attributes: {
				[app.attributes.title.id]: ['Q3 <review>'],
				[app.attributes.topics.id]: ['Revenue', 'Hiring'],
				[app.attributes.appendix.id]: [upload.json.url],
			},
			fastPass: true,
			seed: 42,
		});
		expect(publication.json).toMatchObject({ publicationId: expect.any(String), rootBlockId: expect.any(String) });
		const link = String(upload.json.url);
		expect(publication.json.document.html).toBe(
			'<h1>Q3 &lt;review&gt;</h1><p>Report on 2 topic(s).</p><ul><li>Revenue</li><li>Hiring</li></ul>' +
				`<p>Appendix: <a href="${link}">${link}</a></p>`,
		);
	});

	it('lists teams and creates a token with query parameters, authenticated by the team token', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfTokenCreate001');
		expect(run.code).toBe(0);
		expect(run.output('Teams').map((item) => item.json.name)).toEqual(['Demo Team']);

		const [created] = run.output('Create Token');
		expect(created.json).toMatchObject({ name: 'e2e token', teamId: demo.teamIds[0] });
		expect(String(created.json.token)).toMatch(/^tkak_/);
		const tokenRequests = await sandbox.requests({ method: 'POST', path: '/tokens' });
		const viaNode = tokenRequests.filter((request) => request.auth.scheme === 'bearer');
		expect(viaNode).toHaveLength(1);
		expect(viaNode[0].query).toEqual({ name: 'e2e token', once: 'true', team: demo.teamIds[0] });
		expect(viaNode[0].bodyText).toBeNull();
	});

	it('uses a pasted API token as it is, without any exchange', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPastedToken001');
		expect(run.code).toBe(0);
		expect(run.output('Teams')).toHaveLength(1);
		const requests = await sandbox.requests();
		expect(requests.map((r) => `${r.method} ${r.path} ${r.auth.scheme}`)).toEqual(['GET /teams bearer']);
	});
});

describe('one token exchange per burst', () => {
	it('makes exactly 1 exchange for 100 items with an empty token', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBurst000000100');
		expect(run.code).toBe(0);
		const output = run.output('Teams');
		expect(output).toHaveLength(100);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		const requests = await sandbox.requests();
		expect(count(requests, 'POST', '/tokens')).toBe(1);
		expect(count(requests, 'GET', '/teams', 'basic')).toBe(1);
		expect(count(requests, 'GET', '/teams', 'bearer')).toBe(100);
		expect((await n8n.credentialData(BURST.id)).teamToken).toMatch(/^tkak_/);
	});

	it('makes no exchange on the next run: the token is kept in the credential', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBurst000000100');
		expect(run.code).toBe(0);
		expect(run.output('Teams')).toHaveLength(100);
		const requests = await sandbox.requests();
		expect(count(requests, 'POST', '/tokens')).toBe(0);
		expect(requests.filter((r) => r.auth.scheme !== 'bearer')).toEqual([]);
	});

	it('renews a token revoked mid-run with 1 exchange, and no item fails', async () => {
		await sandbox.clearRequests();
		const before = (await n8n.credentialData(BURST.id)).teamToken;
		await sandbox.revokeTokens(30);
		const run = await n8n.execute('wfBurst000000100');
		expect(run.code).toBe(0);
		const output = run.output('Teams');
		expect(output).toHaveLength(100);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		const requests = await sandbox.requests();
		expect(requests.filter((r) => r.status === 401).length).toBeGreaterThan(0);
		expect(count(requests, 'POST', '/tokens')).toBe(1);
		const after = (await n8n.credentialData(BURST.id)).teamToken;
		expect(after).toMatch(/^tkak_/);
		expect(after).not.toBe(before);
	});
});

describe('secrets and failures', () => {
	it('stops with a clear message when Thinkeo rejects the email/password', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfWrongPassword1');
		expect(run.code).not.toBe(0);
		expect(run.stdout + run.stderr).toContain('Thinkeo rejected the email/password for demo@thinkeo.test');
		const requests = await sandbox.requests();
		expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /teams 401']);
	});

	it('sends the password only to GET /teams and POST /tokens, and never prints it', async () => {
		const requests = await sandbox.requests();
		const everything = [...requests];
		await sandbox.clearRequests();
		await n8n.execute('wfBurst000000100');
		everything.push(...(await sandbox.requests()));

		const basicSecrets = [demo.password, Buffer.from(`${demo.email}:${demo.password}`).toString('base64')];
		for (const request of everything) {
			if (request.auth.scheme === 'basic') {
				expect(`${request.method} ${request.path}`).toMatch(/^(GET \/teams|POST \/tokens)$/);
				continue;
			}
			const sent = JSON.stringify([request.authorization, request.query, request.headers, request.bodyText]);
			for (const secret of basicSecrets) expect(sent).not.toContain(secret);
		}
		for (const secret of [...basicSecrets, 'not-the-password']) expect(n8n.transcript).not.toContain(secret);
	});
});
