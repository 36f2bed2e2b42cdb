/**
 * Where a routed request goes: the credential's Base URL, set by the request wrapper instead of an expression in
 * requestDefaults (transport/credentialBaseUrl.ts), with the host joined to the credential's allowed domains as n8n
 * joins a node's own base URL. The list is checked against n8n-workflow's own allow-list functions; the node runs
 * in-process (n8n-core's RoutingNode, which applies the list) against the sandbox.
 */
import fc from 'fast-check';
import type { INode } from 'n8n-workflow';
import { Expression, getCredentialAllowedDomains, isDomainAllowed } from 'n8n-workflow';

import { BASE_URL_STAND_IN, towardsCredentialBaseUrl } from '../../nodes/Thinkeo/transport/credentialBaseUrl';
import { runThinkeoNode } from '../support/inprocess';
import type { Sandbox } from '../support/e2e';
import { sandboxWithPublication } from '../support/e2e';
import { byId } from '../support/workflows';

const NODE = { name: 'Thinkeo' } as INode;

/** A host, lower or upper case, sometimes with a final dot (n8n compares without either). */
const host = fc.oneof(
	fc.domain(),
	fc.ipV4(),
	fc.domain().map((name) => `${name.toUpperCase()}.`),
);
const baseUrl = fc
	.tuple(fc.constantFrom('http', 'https'), host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), fc.constantFrom('', '/v1', '/api/v1'), fc.constantFrom('', '/', '//'))
	.map(([scheme, name, port, path, slashes]) => `${scheme}://${name}${port ? `:${port}` : ''}${path}${slashes}`);
/** A list as a user writes it: names, wildcards, spaces, empty entries. */
const allowedDomains = fc
	.array(fc.oneof(fc.domain(), fc.domain().map((name) => `*.${name}`), fc.constant('')), { maxLength: 4 })
	.map((names) => names.join(', '));

describe('towardsCredentialBaseUrl', () => {
	it('sends to the Base URL without its trailing slashes, and keeps an absent or blank list as it is', () => {
		fc.assert(
			fc.property(baseUrl, fc.constantFrom(undefined, '', '  '), (base, list) => {
				const options = towardsCredentialBaseUrl({ url: '/teams', allowedDomains: list }, { baseUrl: base });
				expect(options).toEqual({ url: '/teams', allowedDomains: list, baseURL: base.replace(/\/+$/, '') });
			}),
		);
	});

	it("allows exactly what n8n's own list allowed when the Base URL was requestDefaults' expression", () => {
		const anyUrl = fc.oneof(baseUrl, host.map((name) => `https://${name}/x`));
		/** n8n's list for a credential restricted to `list`, a node whose own base URL is `nodeEndpointUrl`. */
		const n8nList = (list: string, nodeEndpointUrl: string) =>
			getCredentialAllowedDomains({
				node: NODE,
				credentialData: { allowedHttpRequestDomains: 'domains', allowedDomains: list },
				credentialOwnedSurface: true,
				nodeEndpointUrl,
			});
		fc.assert(
			fc.property(baseUrl, fc.oneof(allowedDomains, fc.constantFrom('', ' ', ' , ')), fc.array(anyUrl, { maxLength: 5 }), (base, list, others) => {
				// What n8n-core hands the request wrapper now, and what it built when requestDefaults held the Base URL.
				const ours = towardsCredentialBaseUrl({ allowedDomains: n8nList(list, BASE_URL_STAND_IN) }, { baseUrl: base }).allowedDomains;
				const before = n8nList(list, base.replace(/\/+$/, ''));
				if (typeof ours !== 'string' || typeof before !== 'string') throw new Error(`lists ${ours} and ${before}`);
				expect(ours.trim()).not.toBe('');
				expect(isDomainAllowed({ url: `${base.replace(/\/+$/, '')}/teams`, allowedDomains: ours })).toBe(true);
				expect(isDomainAllowed({ url: BASE_URL_STAND_IN, allowedDomains: ours })).toBe(false);
				for (const url of [base, ...others]) {
					expect(isDomainAllowed({ url, allowedDomains: ours })).toBe(isDomainAllowed({ url, allowedDomains: before }));
				}
			}),
		);
	});

	it('never hands on an empty list (n8n would allow every host): a Base URL without a host and no list is refused', () => {
		for (const baseUrl of ['api.thinkeo.io/v1', '', '/v1', 'http://a,b.test/v1']) {
			expect(() => towardsCredentialBaseUrl({ allowedDomains: 'credential-base-url.invalid' }, { baseUrl })).toThrow(
				/^The credential's Base URL \(.*\) has no host to allow and its Allowed Domains list is empty/,
			);
		}
	});

	it('does not split a host holding a comma into list entries', () => {
		const options = towardsCredentialBaseUrl({ allowedDomains: 'example.com' }, { baseUrl: 'http://a,b.test/v1' });
		expect(options.allowedDomains).toBe('example.com');
	});
});

describe('the node inside n8n-core, against the sandbox', () => {
	let sandbox: Sandbox;
	let token: string;
	let publicationId: string;

	beforeAll(async () => {
		({ sandbox, token, publicationId } = await sandboxWithPublication('credential base url'));
	}, 60_000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	const getPublication = async (credentialFields: Record<string, unknown>, baseUrl = sandbox.apiUrl, items?: Array<{ json: Record<string, unknown> }>) =>
		await runThinkeoNode({
			baseUrl,
			apiToken: token,
			parameters: { resource: 'publication', operation: 'get', publicationId: byId(publicationId) },
			credentialFields,
			items,
		});

	it.each([
		['restricted to other domains', { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com, *.example.org' }],
		['restricted to an empty list', { allowedHttpRequestDomains: 'domains', allowedDomains: '' }],
		['restricted to a blank list', { allowedHttpRequestDomains: 'domains', allowedDomains: '   ' }],
		['restricted with no list', { allowedHttpRequestDomains: 'domains' }],
		['blocked for the HTTP Request node', { allowedHttpRequestDomains: 'none' }],
		['open to all', { allowedHttpRequestDomains: 'all' }],
	])('a credential %s still reaches its own Base URL', async (_label, fields) => {
		await sandbox.clearRequests();
		const { items, error } = await getPublication(fields);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([publicationId]);
		expect((await sandbox.requests({ method: 'GET', path: `/publications/${publicationId}` })).length).toBe(1);
	});

	it('names the Base URL, not the stand-in, when it has no host and the list is empty', async () => {
		const { error } = await getPublication({ allowedHttpRequestDomains: 'domains', allowedDomains: '' }, 'api.thinkeo.io/v1');
		expect(String(error?.message)).toContain("The credential's Base URL (api.thinkeo.io/v1) has no host to allow");
		expect(JSON.stringify(error)).not.toContain('credential-base-url.invalid');
	});

	it('joins a Base URL with trailing slashes and spaces around it once, as the token exchange does', async () => {
		await sandbox.clearRequests();
		const { error } = await getPublication({}, ` ${sandbox.apiUrl}// `);
		expect(error).toBeUndefined();
		expect((await sandbox.requests({ method: 'GET', path: `/publications/${publicationId}` })).length).toBe(1);
	});

	it('evaluates no expression per item (n8n 2.x runs each in its isolated engine)', async () => {
		const evaluated: string[] = [];
		const original = Expression.prototype.resolveSimpleParameterValue;
		const resolve = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (this: Expression, value, ...rest) {
			if (typeof value === 'string' && value.startsWith('=')) evaluated.push(value);
			return original.call(this, value, ...rest);
		});
		try {
			const { items, error } = await getPublication({}, sandbox.apiUrl, Array.from({ length: 5 }, (_, i) => ({ json: { i } })));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
		} finally {
			resolve.mockRestore();
		}
		expect(evaluated).toEqual([]);
	});
});
