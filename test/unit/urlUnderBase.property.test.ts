/**
 * Output Files downloads a URL only when it lies under the credential's Base URL (pathUnderBase in
 * generation/output/fileSources.ts). Random mutations of URLs (dot segments, percent-encoded dots and slashes, backslashes,
 * user info, ports, case, double slashes, queries and fragments) never make a request leave the Base URL's path on
 * its origin, whether read by the URL parser or by a server that decodes the path once more; what is sent is exactly
 * the normalised path; and a plain URL under the Base URL is always accepted. The last property sends the requests
 * through n8n-core's real request helper to a local server and compares the request line it received.
 */
import fc from 'fast-check';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { pathUnderBase } from '../../nodes/Thinkeo/generation/output/fileSources';
import { n8nHttpHelper } from '../support/redirecting';
import { startRecordingServer } from '../support/streams';

const BASES = ['https://api.thinkeo.test/v1', 'https://api.thinkeo.test/v1/', 'http://127.0.0.1:8787/v1', 'http://Thinkeo.Example:8080/api/v1', 'https://api.thinkeo.test'];

/** The request a path becomes: the transport's baseURL (no trailing slash) joined to it as axios joins them. */
function sentUrl(baseUrl: string, path: string): URL {
	return new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}

/** The path as a server may read it: each segment percent-decoded, `;parameters` dropped, dot segments resolved. */
function serverView(pathname: string): string[] | undefined {
	const resolved: string[] = [];
	for (const raw of pathname.split('/').slice(1)) {
		let segment: string;
		try {
			segment = decodeURIComponent(raw).split(';')[0];
		} catch {
			return undefined;
		}
		if (/[/\\]/.test(segment)) return undefined;
		if (segment === '..') resolved.pop();
		else if (segment !== '.') resolved.push(segment);
	}
	return resolved;
}

const basePathOf = (baseUrl: string) => new URL(baseUrl).pathname.replace(/\/+$/, '');

/** The origin part of a URL: mostly the Base URL's, else one of its look-alikes. */
function origins(baseUrl: string) {
	const base = new URL(baseUrl);
	const defaultPort = base.protocol === 'https:' ? '443' : '80';
	const lookAlikes = fc.constantFrom(
		base.origin.toUpperCase(),
		`${base.protocol}//${base.hostname}:${base.port || defaultPort}`,
		`${base.protocol}//${base.hostname}:${Number(base.port || defaultPort) + 1}`,
		`${base.protocol === 'https:' ? 'http:' : 'https:'}//${base.host}`,
		`${base.protocol}//user:secret@${base.host}`,
		`${base.protocol}//user@${base.host}`,
		`${base.protocol}//${base.host}@evil.example`,
		`${base.protocol}//evil.example`,
		`${base.protocol}//${base.hostname}.`,
		`${base.protocol}//${base.host}.evil.example`,
		`${base.protocol}:${base.host}`,
	);
	return fc.oneof({ arbitrary: fc.constant(base.origin), weight: 3 }, { arbitrary: lookAlikes, weight: 1 });
}

const hostilePieces = fc.constantFrom(
	'..', '.', '%2e', '%2E', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '..;', '.;x', '%2f', '%2F', '%5c', '%5C', '%252e%252e', '%00', '%0d%0a', '%zz', '%c0%ae',
	'v1', 'v1x', 'V1', '',
);
const plainPieces = fc.constantFrom('api', 'attachments', 'teams', 'users', 'other-service', 'admin', 'x', 'é', 'a b', '~', 'file.docx', '0192f0a6-5555-7f00-8a00-000000000001');
const pieces = fc.oneof({ arbitrary: plainPieces, weight: 3 }, { arbitrary: hostilePieces, weight: 1 });
const separators = fc.oneof({ arbitrary: fc.constant('/'), weight: 8 }, { arbitrary: fc.constantFrom('\\', '//', '\\\\', '/\\'), weight: 1 });
const tails = fc.constantFrom('', '', '?x=1', '?a=%2e%2e/..', '#frag', '?q=1#f', '?');

/** A URL built from an origin, a path of random pieces and separators, and a query or fragment. */
function mutatedUrls(baseUrl: string) {
	const basePath = basePathOf(baseUrl);
	return fc
		.tuple(origins(baseUrl), fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }), fc.array(fc.tuple(separators, pieces), { maxLength: 8 }), tails)
		.map(([origin, keepBasePath, path, tail]) => `${origin}${keepBasePath ? basePath : ''}${path.map(([separator, piece]) => separator + piece).join('')}${tail}`);
}

const basedUrls = fc.constantFrom(...BASES).chain((baseUrl) => fc.tuple(fc.constant(baseUrl), mutatedUrls(baseUrl)));

describe('pathUnderBase (property)', () => {
	it('never lets a request leave the Base URL’s path on its origin, as parsed or as a server decodes it', () => {
		let accepted = 0;
		fc.assert(
			fc.property(basedUrls, ([baseUrl, url]) => {
				const target = pathUnderBase(url, baseUrl);
				if ('refused' in target) {
					expect(target.refused).toMatch(/\w/);
					return;
				}
				accepted += 1;
				const base = new URL(baseUrl);
				const basePath = basePathOf(baseUrl);
				const sent = sentUrl(baseUrl, target.path);
				expect(sent.origin).toBe(base.origin);
				expect(sent.username + sent.password).toBe('');
				expect(sent.pathname.startsWith(`${basePath}/`)).toBe(true);
				// Nothing is resolved again on the way: the request is exactly the normalised path.
				expect(`${sent.pathname}${sent.search}`).toBe(`${basePath}${target.path}`);
				// A server that decodes the path once more still finds it under the Base URL's path.
				const view = serverView(sent.pathname);
				expect(view).toBeDefined();
				expect(view!.slice(0, serverView(basePath)!.length)).toEqual(serverView(basePath));
				expect(view!.length).toBeGreaterThan(serverView(basePath)!.length);
			}),
			{ numRuns: 3000 },
		);
		// Both answers are exercised: the property is not about refusals alone.
		expect(accepted).toBeGreaterThan(300);
	});

	it('sends the path the URL parser normalised, with its query, never its fragment', () => {
		fc.assert(
			fc.property(basedUrls, ([baseUrl, url]) => {
				const target = pathUnderBase(url, baseUrl);
				fc.pre('path' in target);
				const parsed = new URL(url);
				expect(`${basePathOf(baseUrl)}${(target as { path: string }).path}`).toBe(`${parsed.pathname}${parsed.search}`);
				expect((target as { path: string }).path).not.toContain('#');
			}),
			{ numRuns: 1500 },
		);
	});

	it('accepts every plain URL under the Base URL, and sends its path as it is', () => {
		const segment = fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,11}$/);
		fc.assert(
			fc.property(fc.constantFrom(...BASES), fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '?download=1'), (baseUrl, segments, query) => {
				const path = `/${segments.join('/')}${query}`;
				expect(pathUnderBase(`${new URL(baseUrl).origin}${basePathOf(baseUrl)}${path}`, baseUrl)).toEqual({ path });
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('pathUnderBase, through n8n-core’s request helper (property)', () => {
	let server: Awaited<ReturnType<typeof startRecordingServer>>;
	beforeAll(async () => {
		server = await startRecordingServer();
	});
	afterAll(async () => await server.close());

	it('reaches the server as the Base URL’s path followed by the path given, nothing else', async () => {
		const baseUrl = `${server.url}/v1`;
		await fc.assert(
			fc.asyncProperty(mutatedUrls(baseUrl), async (url) => {
				const target = pathUnderBase(url, baseUrl);
				fc.pre('path' in target);
				const { path } = target as { path: string };
				server.requests.length = 0;
				const request: IHttpRequestOptions = { method: 'GET', baseURL: baseUrl, url: path, disableFollowRedirect: true, returnFullResponse: true };
				await n8nHttpHelper.helpers.httpRequest(request);
				expect(server.requests.map((received) => received.url)).toEqual([`/v1${path}`]);
			}),
			{ numRuns: 200 },
		);
	});
});
