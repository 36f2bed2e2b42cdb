/**
 * Rate limits in a real n8n: the sandbox lets 20 requests per second per token through and answers the others 429
 * (or 503) with Retry-After. 300 Publication → Create items all complete, each publication once, in about 300/20 s;
 * with resends turned off, the 429 error of before returns. Each credential has its own rate gate: a second one is
 * not held back by the first one's limit; and every wait, a turn's included, counts against Max Total Wait. A 429
 * to a download whose body never ends is closed before the resend, and never holds the item.
 */
import type { N8n } from '../support/n8n';
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, createApiToken, e2eFixture } from '../support/e2e';
import { report } from '../support/report';
import type { Json, LoggedRequest, SeedApp } from '../support/types';
import { byId, chain, createPublication, items, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const CREDENTIAL = { id: 'thinkeoRateLimit01', name: 'Thinkeo rate limit' };
const OTHER_CREDENTIAL = { id: 'thinkeoRateLimit02', name: 'Thinkeo rate limit, other token' };
const PER_SECOND = 20;
const ITEMS = 300;

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;
let token: string;
let otherToken: string;

type Item = { json: Json; error?: unknown };

/** A Publication → Create node named `name` on `credential`, titling each publication "Item <i>". */
function generateNode(name: string, credential: typeof CREDENTIAL, extra: { requestOptions?: Json; continueOnFail?: boolean } = {}) {
	return thinkeo(
		name,
		credential,
		createPublication(
			app.id,
			`={{ JSON.stringify({ "${app.attributes.title.id}": ["Item " + $json.i] }) }}`,
			extra.requestOptions ? { requestOptions: extra.requestOptions } : {},
		),
		extra.continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
}

/** `count` items, each generating a publication titled "Item <i>". */
function generate(id: string, count: number, extra: { requestOptions?: Json; continueOnFail?: boolean } = {}) {
	return chain(id, `Rate limit ${id}`, [...items(count), generateNode('Generate', CREDENTIAL, extra)]);
}

/**
 * Two credentials in one n8n process, one after the other: "Credential A" (2 items, on the limited token) then "Credential B" (20
 * items, another token, resends off and no wait allowed).
 */
function twoCredentials(id: string) {
	const [makeItems, splitItems] = items(20);
	return chain(id, `Rate limit ${id}`, [
		...items(2),
		generateNode('Credential A', CREDENTIAL),
		// Once, whatever Credential A gave: Credential B's own 20 items.
		{ ...makeItems, name: 'Credential B Items', executeOnce: true },
		{ ...splitItems, name: 'Credential B Split' },
		generateNode('Credential B', OTHER_CREDENTIAL, { requestOptions: { rateLimitMaxTries: 1, rateLimitMaxWait: 0 }, continueOnFail: true }),
	]);
}

const titleOf = (request: LoggedRequest) =>
	(JSON.parse(request.bodyText ?? '{}') as { attributes: Record<string, string[]> }).attributes[app.attributes.title.id][0];
const hintOf = (item: Item) => String((item.error as { description?: string } | undefined)?.description ?? item.json.description ?? '');

const e2e = e2eFixture();

beforeAll(async () => {
	const setup = await e2e.startSandbox();
	({ sandbox, demoApp: app } = setup);
	token = await createApiToken(sandbox, setup.demo, 'e2e-rate-limit');
	otherToken = await createApiToken(sandbox, setup.demo, 'e2e-rate-limit-other');
	n8n = await e2e.startN8n([
		apiTokenCredential(CREDENTIAL, sandbox.apiUrl, token),
		apiTokenCredential(OTHER_CREDENTIAL, sandbox.apiUrl, otherToken),
	]);
	await n8n.importWorkflows([
		generate('wfRateLimit300', ITEMS),
		generate('wfRateLimit503', 40),
		generate('wfRateLimitOff', 60, { requestOptions: { rateLimitMaxTries: 1 }, continueOnFail: true }),
		twoCredentials('wfRateLimitTwoCredentials'),
		generate('wfRateLimitMaxWait', 10, { requestOptions: { rateLimitMaxWait: 3 }, continueOnFail: true }),
	]);
});

beforeEach(async () => {
	await sandbox.clearRequests();
	await sandbox.rateLimit({});
});

it(`generates ${ITEMS} publications at ${PER_SECOND} requests per second: none fails, none twice`, async () => {
	const before = (await sandbox.seed()).collections.publications.length;
	await sandbox.rateLimit({ perSecond: PER_SECOND });
	const run = await n8n.execute('wfRateLimit300');
	expect(run.error).toBeUndefined();

	const output = run.output('Generate') as Item[];
	expect(output.filter((item) => item.error)).toEqual([]);
	expect(output).toHaveLength(ITEMS);
	const ids = new Set(output.map((item) => String(item.json.publicationId)));
	expect(ids.size).toBe(ITEMS);

	const sent = await sandbox.requests({ method: 'POST', path: '/publications' });
	const accepted = sent.filter((request) => request.status === 200);
	const rejected = sent.filter((request) => request.status === 429);
	expect(accepted).toHaveLength(ITEMS);
	expect(accepted.length + rejected.length).toBe(sent.length);
	expect(new Set(accepted.map(titleOf))).toEqual(new Set(Array.from({ length: ITEMS }, (_, i) => `Item ${i}`)));
	expect((await sandbox.seed()).collections.publications.length - before).toBe(ITEMS);

	const nodeMs = Number(run.runData.Generate[0].executionTime);
	report(
		`rate limit: ${ITEMS} creates at ${PER_SECOND}/s took ${(nodeMs / 1000).toFixed(1)} s in the node (ideal ${ITEMS / PER_SECOND} s), ` +
			`${rejected.length} requests answered 429 and resent`,
	);
	// A sanity bound only: the node cannot beat the limit, and must not crawl far behind it.
	expect(nodeMs).toBeGreaterThanOrEqual(((ITEMS - PER_SECOND) / PER_SECOND) * 1000);
	expect(nodeMs).toBeLessThan(((4 * ITEMS) / PER_SECOND) * 1000);
});

it('waits for a 503 whose Retry-After is an HTTP date too', async () => {
	await sandbox.rateLimit({ perSecond: 10, status: 503, retryAfter: 'date' });
	const run = await n8n.execute('wfRateLimit503');
	expect(run.error).toBeUndefined();
	const output = run.output('Generate') as Item[];
	expect(output.filter((item) => item.error)).toEqual([]);
	const sent = await sandbox.requests({ method: 'POST', path: '/publications' });
	expect(sent.filter((request) => request.status === 200)).toHaveLength(40);
	expect(sent.filter((request) => request.status === 503).length).toBeGreaterThan(0);
});

it('with resends turned off (Rate Limit Max Tries 1), gives the 429 error of each rejected item as before', async () => {
	// 2 per second: even a slow machine sends these 60 items faster, so most are rejected.
	await sandbox.rateLimit({ perSecond: 2 });
	const run = await n8n.execute('wfRateLimitOff');
	expect(run.code).toBe(0);
	const output = run.output('Generate') as Item[];
	expect(output).toHaveLength(60);
	const failed = output.filter((item) => item.error);
	const sent = await sandbox.requests({ method: 'POST', path: '/publications' });
	// Each item sent once: the rejected ones are the failed ones.
	expect(sent).toHaveLength(60);
	expect(failed).toHaveLength(sent.filter((request) => request.status === 429).length);
	expect(failed.length).toBeGreaterThan(0);
	for (const item of failed) {
		expect(item.json.error).toBe('Thinkeo rejected publication create (HTTP 429): Rate limit exceeded: at most 2 requests per second per token');
		expect(hintOf(item)).toMatch(/^Thinkeo is limiting the request rate\. It asks to wait 1 s \(Retry-After: 1\)\. Turn on "Retry On Fail".*Batching\.$/);
	}
});

it("does not hold back another credential: after credential A's 429 (Retry-After 3), credential B's 20 items go at their own speed", async () => {
	await sandbox.rateLimit({ perSecond: 1, retryAfter: 3, tokens: [token] });
	const run = await n8n.execute('wfRateLimitTwoCredentials');
	expect(run.error).toBeUndefined();

	const sent = await sandbox.requests({ method: 'POST', path: '/publications' });
	const sentA = sent.filter((request) => request.authorization === `Bearer ${token}`);
	const sentB = sent.filter((request) => request.authorization === `Bearer ${otherToken}`);
	// Credential A was limited once and waited its 3 s before the resend.
	expect(sentA.map((request) => request.status).sort()).toEqual([200, 200, 429]);
	expect(Number(run.runData['Credential A'][0].executionTime)).toBeGreaterThanOrEqual(3000);
	// Credential B: never limited, each item sent once, none failed.
	expect(sentB.map((request) => request.status)).toEqual(Array(20).fill(200));
	expect((run.output('Credential B') as Item[]).filter((item) => item.error || item.json.error)).toEqual([]);

	const credentialBMs = Number(run.runData['Credential B'][0].executionTime);
	report(`rate limit: another credential's 20 creates after one credential's 429 took ${(credentialBMs / 1000).toFixed(1)} s`);
	// The former gate, one per Base URL, spaced credential B's requests about 1 s apart after credential A's limit (~17 s).
	expect(credentialBMs).toBeLessThan(8000);
});

it('counts every wait against Max Total Wait: 10 limited items with 3 s each are done or failed within it', async () => {
	await sandbox.rateLimit({ perSecond: 1, tokens: [token] });
	const run = await n8n.execute('wfRateLimitMaxWait');
	expect(run.code).toBe(0);
	const output = run.output('Generate') as Item[];
	expect(output).toHaveLength(10);
	const failed = output.filter((item) => item.error);
	expect(output.length - failed.length).toBeGreaterThanOrEqual(2);
	for (const item of failed) expect(hintOf(item)).toMatch(/would pass Rate Limit Max Total Wait \(3\.0 s\)\.$/);

	const nodeMs = Number(run.runData.Generate[0].executionTime);
	report(`rate limit: 10 items limited to 1 per second with a Max Total Wait of 3 s took ${(nodeMs / 1000).toFixed(1)} s`);
	// 3 s of waiting at most per item, plus the requests themselves; the turns uncounted before took ~10 s.
	expect(nodeMs).toBeLessThan(7000);
});

describe('429 answers to downloads whose body never ends', () => {
	/** `count` items downloading the attachment `id` on the limited credential. */
	function downloads(workflowId: string, count: number, id: string, maxTries: number) {
		return chain(workflowId, `Rate limit ${workflowId}`, [
			...items(count),
			thinkeo(
				'Download',
				CREDENTIAL,
				{
					resource: 'attachment',
					operation: 'download',
					attachmentId: byId(id),
					binaryPropertyName: 'file',
					requestOptions: { rateLimitMaxTries: maxTries },
				},
				{ onError: 'continueRegularOutput' },
			),
		]);
	}

	let attachmentId: string;

	beforeAll(async () => {
		// Before the outer beforeEach: the last test's limit still holds.
		await sandbox.rateLimit({});
		const response = await sandbox.api('POST', '/attachments', {
			headers: { authorization: `Bearer ${token}`, filename: 'limited.txt', 'content-type': 'text/plain' },
			body: 'a small file',
		});
		expect(response.status).toBe(200);
		attachmentId = String(((await response.json()) as { id: string }).id);
		await n8n.importWorkflows([downloads('wfRateLimitEndlessResend', 4, attachmentId, 3), downloads('wfRateLimitEndlessFinal', 3, attachmentId, 1)]);
	});

	it('closes each one before the resend', async () => {
		await sandbox.rateLimit({ perSecond: 1, tokens: [token], endlessBody: true });
		const run = await n8n.execute('wfRateLimitEndlessResend');
		expect(run.error).toBeUndefined();
		const output = run.output('Download') as Item[];
		expect(output.map((item) => item.error ?? item.json.fileName)).toEqual(Array(4).fill('limited.txt'));

		const endless = await sandbox.endlessReplies();
		const sent = await sandbox.requests({ method: 'GET', path: `/attachments/${attachmentId}` });
		expect(endless.length).toBeGreaterThan(0);
		// Formerly left open until n8n's process ended, after the last resend.
		const lastRequest = Math.max(...sent.map((request) => Date.parse(request.startedAt)));
		for (const reply of endless) expect(reply.closedAt ?? Infinity).toBeLessThan(lastRequest);
	}, 180_000);

	it('gives the 429 error at once when it stops, without waiting for the body', async () => {
		await sandbox.rateLimit({ perSecond: 1, tokens: [token], endlessBody: true });
		const run = await n8n.execute('wfRateLimitEndlessFinal');
		expect(run.code).toBe(0);
		const failed = (run.output('Download') as Item[]).filter((item) => item.error);
		expect(failed.length).toBeGreaterThan(0);
		for (const item of failed) expect(item.json.error).toMatch(/^Thinkeo rejected attachment download \(HTTP 429\)/);
		// Formerly the item waited for the body's end, which never comes.
		expect(Number(run.runData.Download[0].executionTime)).toBeLessThan(30_000);
	}, 180_000);
});
