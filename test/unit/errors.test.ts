import type { IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse, INode, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiErrorMessage, validationDetails } from '../../nodes/Thinkeo/transport/apiMessage';
import {
	answerOf,
	isRedirect,
	malformedJson,
	redirectError,
	rejectedTokenError,
	stepError,
	thinkeoApiError,
	ThinkeoApiError,
	thinkeoError,
	UnusableAnswerError,
} from '../../nodes/Thinkeo/transport/errors';
import { describeBody } from '../../nodes/Thinkeo/transport/hints';
import { isTimeout } from '../../nodes/Thinkeo/transport/httpFacts';
import { cleanCause, redactSecrets, withoutSecrets } from '../../nodes/Thinkeo/transport/redaction';
import { defineOperation, resourceProperties } from '../../nodes/Thinkeo/operationKit/builder';
import { checkedId } from '../../nodes/Thinkeo/operationKit/locators';
import { validateFields } from '../../nodes/Thinkeo/operationKit/validation';

const NODE = { name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} } as unknown as INode;
const APP_ID = '0192f0a3-2222-7c00-8d00-0000000000a1';

function response(statusCode: number, body: unknown, headers: Record<string, string> = {}): IN8nHttpFullResponse {
	return { statusCode, statusMessage: 'Status text', headers, body } as IN8nHttpFullResponse;
}

describe("Thinkeo's message, whatever the body", () => {
	it.each([
		['a JSON message', { message: 'Name is required' }, 'Name is required'],
		['a JSON error string', { error: 'Invalid bearer token' }, 'Invalid bearer token'],
		['a nested error object (the sandbox shape)', { error: { status: 404, message: 'No such App' } }, 'No such App'],
		['a JSON detail', { detail: 'Not authenticated' }, 'Not authenticated'],
		['a list of validation entries', { detail: [{ loc: ['body', 'name'], msg: 'field required' }] }, 'body.name: field required'],
		['JSON text not parsed yet', '{"error":{"message":"Too big"}}', 'Too big'],
		['JSON as bytes', Buffer.from('{"message":"From bytes"}'), 'From bytes'],
		['plain text', '  Service   temporarily\nunavailable ', 'Service temporarily unavailable'],
	])('reads %s', (_shape, body, expected) => {
		expect(apiErrorMessage(body)).toBe(expected);
	});

	it('reads the title and heading of an HTML page, without tags or entities', () => {
		const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>h1{x}</style></head><body><h1>Upstream &amp; <b>proxy</b> error</h1><p>nginx</p></body></html>';
		expect(apiErrorMessage(page, 'text/html')).toBe('502 Bad Gateway: Upstream & proxy error');
		expect(apiErrorMessage('<html><body><h1>Maintenance</h1></body></html>')).toBe('Maintenance');
	});

	it('falls back to the text of an HTML page without title or heading, capped', () => {
		const page = `<html><body><script>var secret = 1;</script><p>${'word '.repeat(200)}</p></body></html>`;
		const text = apiErrorMessage(page, 'text/html; charset=utf-8');
		expect(text).not.toContain('secret');
		expect(text).toMatch(/^word word .*…$/);
		expect(text.length).toBeLessThanOrEqual(300);
	});

	it('uses the status text when the body says nothing', () => {
		expect(thinkeoApiError(NODE, 'app get', response(502, '')).message).toBe('Thinkeo rejected app get (HTTP 502): Status text');
	});

	it("keeps Thinkeo's text even when it mentions a Node.js error code", () => {
		const error = thinkeoApiError(NODE, 'attachment upload', response(500, { message: 'Storage failed: EACCES' }));
		expect(error.message).toBe('Thinkeo rejected attachment upload (HTTP 500): Storage failed: EACCES');
	});
});

describe('a hint for each status', () => {
	const hint = (status: number, body: unknown, sent = {}, headers: Record<string, string> = {}) =>
		thinkeoApiError(NODE, 'app get', response(status, body, headers), { sent }).description;

	it('400: the validation details, compactly', () => {
		expect(hint(400, { error: { message: 'Invalid body', details: [{ field: 'name', message: 'is required' }, 'kind: unknown'] } })).toBe(
			'Thinkeo found the request invalid. Details: name: is required; kind: unknown',
		);
		expect(validationDetails({ message: 'Invalid', errors: { name: ['too long', 'has a slash'] } })).toBe('name: too long; has a slash');
		expect(hint(400, { message: 'Invalid' })).toMatch(/^Thinkeo found the request invalid\. Check this operation's fields/);
	});

	it('401: the credential was rejected, also when n8n threw the 401 itself after renewing the token', () => {
		expect(hint(401, {})).toMatch(/^The credential was rejected/);
		const thrownByN8n = { httpCode: '401', message: 'Authorization failed', context: { data: { error: { message: 'Invalid bearer token' } } } };
		const error = rejectedTokenError(NODE, 'token getMany', thrownByN8n)!;
		expect(error.message).toBe('Thinkeo rejected token getMany (HTTP 401): Invalid bearer token');
		expect(error.description).toMatch(/^The credential was rejected/);
		expect(rejectedTokenError(NODE, 'token getMany', { httpCode: '500' })).toBeUndefined();
	});

	it('403: the token scope and the operation refused', () => {
		expect(hint(403, {})).toMatch(/not allowed to run app get\. Its scope is too narrow: a token limited to generating publications/);
	});

	it('404: the IDs the request used', () => {
		expect(hint(404, {}, { ids: [{ label: 'App', value: APP_ID }, { label: 'Version', value: '9.9.9' }] })).toBe(
			`Thinkeo found nothing for App ${APP_ID}, Version 9.9.9: check these IDs. It may be misspelt, deleted or belong to another team than the credential's.`,
		);
		expect(hint(404, {})).toMatch(/^Thinkeo found no such object or endpoint/);
	});

	it('413: the size of the body sent', () => {
		expect(hint(413, {}, { bodyBytes: 25 * 1024 * 1024 })).toMatch(/this request sent 25\.0 MB \(26214400 bytes\)/);
		expect(hint(413, {})).toMatch(/^Thinkeo refused the request body as too large\. Send/);
	});

	it('415: the content type sent', () => {
		expect(hint(415, {}, { contentType: 'image/x-unknown' })).toMatch(/content type that was sent: "image\/x-unknown"/);
	});

	it('429: the Retry-After value and where to retry or batch', () => {
		const text = hint(429, {}, {}, { 'retry-after': '30' });
		expect(text).toContain('It asks to wait 30 s (Retry-After: 30).');
		expect(text).toContain('"Retry On Fail"');
		expect(text).toContain('Request Options → Batching');
	});

	it("5xx: the problem is on Thinkeo's side", () => {
		for (const status of [500, 502, 503]) expect(hint(status, {})).toMatch(new RegExp(`^The problem is on Thinkeo's side \\(HTTP ${status}\\)`));
	});
});

describe('what a hint knows about the request', () => {
	it('measures Buffer, text, JSON and streamed bodies and finds the content type', () => {
		expect(describeBody({ body: Buffer.alloc(10), headers: { 'Content-Type': 'image/png' } })).toEqual({ bodyBytes: 10, contentType: 'image/png' });
		expect(describeBody({ body: { name: 'é' } })).toEqual({ bodyBytes: 13, contentType: 'application/json' });
		const stream = { pipe: () => undefined } as unknown as IHttpRequestOptions['body'];
		expect(describeBody({ body: stream, headers: { 'Content-Length': 2048, 'content-type': 'application/pdf' } })).toEqual({
			bodyBytes: 2048,
			contentType: 'application/pdf',
		});
	});

	it('finds a 2xx answer that claims JSON but does not parse', () => {
		expect(malformedJson(response(200, '{"id": ', { 'content-type': 'application/json' }))).toMatch(/JSON/);
		expect(malformedJson(response(200, { id: 'x' }, { 'content-type': 'application/json' }))).toBeUndefined();
		expect(malformedJson(response(200, 'plain', { 'content-type': 'text/plain' }))).toBeUndefined();
	});
});

describe('secrets in errors', () => {
	it('redacts the Authorization header and Basic passwords wherever the failed request travels', () => {
		const config = { headers: { Authorization: 'Bearer tkak_secret', Accept: 'application/json' }, auth: { username: 'a', password: 'pw' } };
		const cause = Object.assign(new Error('timeout of 5ms exceeded'), {
			config,
			request: { _header: 'GET /v1/apps HTTP/1.1\r\nAuthorization: Bearer tkak_secret\r\nHost: x\r\n' },
		});
		const error = new Error('wrapped', { cause });
		redactSecrets(error);
		expect(JSON.stringify({ config, request: cause.request })).not.toMatch(/tkak_secret|"pw"/);
		expect(config.headers.Accept).toBe('application/json');
	});
});

describe('clean error causes', () => {
	/** A request error as a connection reset leaves it: the socket and the redirectable request hold the headers. */
	function connectionReset() {
		const socket: Record<string, unknown> = {
			_httpMessage: { _header: 'GET /v1/apps HTTP/1.1\r\nAuthorization: Bearer tkak_secret\r\n\r\n' },
		};
		const request = { socket, _redirectable: { _options: { headers: { Authorization: 'Basic ZGVtbzpwYXNzd29yZA==' } } } };
		socket.request = request;
		return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', request, response: undefined });
	}

	it('replaces the cause of an n8n error with its name, message, code and status only', () => {
		const error = new NodeApiError(NODE, connectionReset() as unknown as JsonObject);
		const safe = withoutSecrets(error);
		expect(safe).toBe(error);
		expect(error.cause).toEqual({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET' });
		expect(JSON.stringify(error)).not.toMatch(/tkak_secret|ZGVtbzpwYXNzd29yZA|_httpMessage|_redirectable/);
	});

	it('turns a plain request error into a clean copy, keeping its status', () => {
		const failed = Object.assign(connectionReset(), { response: { status: 502 } });
		expect(withoutSecrets(failed)).toEqual({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET', status: 502 });
		expect(cleanCause(undefined)).toEqual({ name: 'Error', message: '' });
	});
});

describe('redirects', () => {
	it.each([301, 302, 303, 307, 308])('stops at a %i, naming its Location', (status) => {
		const answer = response(status, '', { location: 'https://elsewhere.example/v1/apps' });
		expect(isRedirect(answer)).toBe(true);
		const error = redirectError(NODE, 'app get', answer);
		expect(error.message).toBe(`Thinkeo answered app get with a redirect (HTTP ${status} to https://elsewhere.example/v1/apps), which the node does not follow`);
		expect(error.description).toMatch(/never leaves the credential's Base URL/);
	});

	it('stops at an https → http downgrade on the same host too (the node follows no redirect at all)', () => {
		const answer = response(301, '', { location: 'http://api.thinkeo.io/v1/apps' });
		expect(redirectError(NODE, 'app get', answer).message).toContain('to http://api.thinkeo.io/v1/apps)');
		expect(isRedirect(response(200, ''))).toBe(false);
		expect(isRedirect(response(400, ''))).toBe(false);
	});

	it.each([300, 304, 305, 306, 399])('refuses any other 3xx too (%i): it holds no result, and no file is made of it', (status) => {
		const answer = response(status, 'not a result', { location: 'https://elsewhere.example/v1/apps' });
		expect(isRedirect(answer)).toBe(true);
		expect(redirectError(NODE, 'attachment download', answer).message).toBe(
			`Thinkeo answered attachment download with HTTP ${status} to https://elsewhere.example/v1/apps, which holds no result: the node takes only 2xx answers`,
		);
		expect(redirectError(NODE, 'attachment download', response(status, '')).message).toMatch(new RegExp(`with HTTP ${status}, which holds no result`));
	});
});

describe('field checks before sending', () => {
	const fields: INodeProperties[] = [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, routing: { send: { type: 'body', property: 'name' } } },
		{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1, maxValue: 100 } },
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'paragraph',
			options: [
				{ name: 'Paragraph', value: 'paragraph' },
				{ name: 'Group', value: 'group' },
			],
			routing: { send: { type: 'body', property: 'kind' } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			default: {},
			options: [
				{ displayName: 'Expiration', name: 'expiration', type: 'dateTime', default: '', routing: { send: { type: 'query', property: 'expiration' } } },
				{ displayName: 'Position', name: 'position', type: 'number', default: 0, typeOptions: { numberPrecision: 0 } },
				{ displayName: 'Model', name: 'model', type: 'string', default: '', routing: { send: { type: 'body', property: 'aiConfig.model' } } },
				{ displayName: 'Multiple', name: 'multiple', type: 'boolean', default: false, routing: { send: { type: 'body', property: 'multiple' } } },
			],
		},
	];
	const check = validateFields(fields, ['additionalFields.expiration']);
	const contextOf = (parameters: Record<string, unknown>) =>
		({
			getNode: () => NODE,
			getItemIndex: () => 3,
			getNodeParameter: (name: string, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		}) as unknown as IExecuteSingleFunctions;
	/** The request as n8n's routing builds it: each routed field's value, as it is, where its routing sends it. */
	const requestFor = (parameters: Record<string, unknown>) => ({
		url: '/tokens',
		qs: { expiration: parameters['additionalFields.expiration'] as string },
		body: {
			name: parameters.name,
			kind: parameters.kind,
			aiConfig: { model: parameters['additionalFields.model'] },
			multiple: parameters['additionalFields.multiple'],
		},
	});
	const run = async (parameters: Record<string, unknown>) => await check.call(contextOf(parameters), requestFor(parameters));

	it.each([
		[{ name: '   ' }, 'Name: a value is required, but it is empty'],
		[{ name: 'ok', limit: -5 }, 'Limit: must be at least 1, got -5'],
		[{ name: 'ok', limit: 101 }, 'Limit: must be at most 100, got 101'],
		[{ name: 'ok', limit: 'many' }, 'Limit: "many" is not a number'],
		[{ name: 'ok', limit: { n: 1 } }, 'Limit: an object is not a number'],
		[{ name: 'ok', 'additionalFields.position': 1.5 }, 'Position: must be a whole number, got 1.5'],
		[{ name: 'ok', 'additionalFields.expiration': 'next week' }, 'Expiration: "next week" is not a valid date'],
		[{ name: 'ok', 'additionalFields.expiration': '2001-01-01T00:00:00Z' }, 'Expiration: 2001-01-01T00:00:00.000Z is in the past'],
		[{ name: 'ok', 'additionalFields.expiration': 8.64e15 + 1 }, 'Expiration: a number (8640000000000001) is not a valid date'],
		[{ name: {} }, 'Name: expected text, got an object'],
		[{ name: ['a'] }, 'Name: expected text, got a list'],
		[{ name: 'ok', kind: {} }, 'Kind: an object is not one of its options'],
		[{ name: 'ok', kind: 3 }, 'Kind: a number (3) is not one of its options'],
		[{ name: 'ok', 'additionalFields.multiple': 'yes' }, 'Multiple: expected true or false, got "yes"'],
	])('refuses %j: %s', async (parameters, message) => {
		await expect(run(parameters)).rejects.toMatchObject({ message, context: { itemIndex: 3 } });
	});

	it('names the options of an option field given something else', async () => {
		await expect(run({ name: 'ok', kind: { kind: 'group' } })).rejects.toMatchObject({ description: 'Give one of: "paragraph", "group".' });
	});

	it('sends a number or a flag given to a text as text (a team name of -1 is "-1"), in a nested property too', async () => {
		const options = await run({ name: -1, 'additionalFields.model': 4, kind: 'group' });
		expect(options.body).toEqual({ name: '-1', kind: 'group', aiConfig: { model: '4' }, multiple: undefined });
		expect((await run({ name: true })).body).toMatchObject({ name: 'true' });
	});

	it('reads "true" and "false" given to a flag as flags', async () => {
		expect((await run({ name: 'ok', 'additionalFields.multiple': 'false' })).body).toMatchObject({ multiple: false });
	});

	it('sends a valid date as ISO 8601 and leaves hidden or unset fields alone', async () => {
		const options = await run({ name: 'ok', 'additionalFields.expiration': '2099-05-01T10:00:00Z' });
		expect(options.qs).toEqual({ expiration: '2099-05-01T10:00:00.000Z' });
		await expect(run({})).resolves.toBeDefined();
	});

	it('leaves a request whose values all have their type as it is', async () => {
		const parameters = { name: 'ok', kind: 'group', 'additionalFields.expiration': '2099-05-01T10:00:00.000Z' };
		const request = requestFor(parameters);
		await expect(check.call(contextOf(parameters), request)).resolves.toBe(request);
	});

	it('leaves an empty date out of the request', async () => {
		const options = await run({ name: 'ok', 'additionalFields.expiration': '' });
		expect(options.qs).toEqual({});
	});
});

describe('ID fields given a value of another type', () => {
	it.each([
		[{}, 'App: an object is not a valid ID'],
		[[APP_ID], 'App: a list is not a valid ID'],
		[42, 'App: a number (42) is not a valid ID'],
		[true, 'App: a boolean (true) is not a valid ID'],
		['not-a-uuid', 'App: "not-a-uuid" is not a valid ID'],
	])('%j: %s', (value, message) => {
		expect(() => checkedId(NODE, 'App', value, { required: true })).toThrow(message);
	});

	it('an empty or null ID is no ID', () => {
		for (const value of ['', null, undefined]) expect(() => checkedId(NODE, 'App', value, { required: true })).toThrow('App: no ID given');
		expect(checkedId(NODE, 'App', null, { required: false })).toBe('');
	});
});

describe('timeouts', () => {
	it("tells Thinkeo's timeouts from other ones that reach the request wrapper", () => {
		expect(isTimeout(Object.assign(new Error('timeout of 500ms exceeded'), { code: 'ECONNABORTED' }))).toBe(true);
		expect(isTimeout({ httpCode: 'ETIMEDOUT', message: 'anything' })).toBe(true);
		expect(isTimeout(new Error("The connection timed out, consider setting the 'Retry on Fail' option"))).toBe(true);
		// n8n's own Postgres pool, starved of CPU in queue mode: not Thinkeo being slow.
		expect(isTimeout(new Error('timeout exceeded when trying to connect'))).toBe(false);
	});
});

describe('what a step of an operation throws (issue 19, item 13)', () => {
	type Hook = (this: IExecuteSingleFunctions, ...args: unknown[]) => Promise<unknown>;
	const readsNull = async (): Promise<never> => (null as unknown as { kind: never }).kind;
	/** The routing the builder gives an operation whose own preSend or postReceive reads a property of null. */
	const routingOf = (hook: 'preSend' | 'postReceive') => {
		const operation = defineOperation({
			value: 'render',
			name: 'Render',
			action: 'Render a block',
			description: 'Render',
			routing: {
				request: { method: 'POST', url: '/blocks/render' },
				...(hook === 'preSend' ? { send: { preSend: [readsNull] } } : { output: { postReceive: [readsNull] } }),
			},
			fields: [],
		});
		const [selector] = resourceProperties({ value: 'block', name: 'Block', description: 'Blocks', operations: [operation] });
		return (selector.options as Array<{ routing: { send: { preSend: Hook[] }; output: { postReceive: Hook[] } } }>)[0].routing;
	};
	const context = {
		getNode: () => NODE,
		getItemIndex: () => 0,
		getNodeParameter: (name: string, fallback?: unknown) => ({ resource: 'block', operation: 'render' })[name] ?? fallback,
	} as unknown as IExecuteSingleFunctions;

	it("an answer's: names the operation and what it means, citing JavaScript's words only in the description", async () => {
		let items: unknown = [{ json: { blocks: { a: null } } }];
		const answer = response(200, { blocks: { a: null } });
		const run = async () => {
			for (const hook of routingOf('postReceive').output.postReceive) items = await hook.call(context, items, answer);
		};
		await expect(run()).rejects.toMatchObject({
			message: "block render: Thinkeo's answer does not have the shape the node reads",
			description: expect.stringContaining('(The node stopped on "TypeError: Cannot read properties of null'),
		});
		await expect(run()).rejects.toBeInstanceOf(NodeApiError);
	});

	it("a parameter's: names the operation", async () => {
		const request = { method: 'POST', url: '/blocks/render' };
		const run = async () => {
			let options: unknown = request;
			for (const hook of routingOf('preSend').send.preSend) options = await hook.call(context, options);
		};
		await expect(run()).rejects.toMatchObject({ message: 'block render: a parameter holds a value of a type the node cannot use' });
	});

	it('what the paging or a reader found wrong with an answer: the operation, then what was wrong', () => {
		const error = thinkeoError(NODE, 'publication getMany', new UnusableAnswerError('Stopped reading the list', 'Use a Filter.'));
		expect(error).toMatchObject({ message: 'publication getMany: Stopped reading the list', description: 'Use a Filter.' });
		expect(stepError(NODE, 'app get', 'odd')).toMatchObject({ message: 'app get: odd' });
		expect(stepError(NODE, 'app get', Object.create(null))).toMatchObject({ message: 'app get: an object' });
	});

	it("n8n's errors, and the node's own, pass as they are", () => {
		const own = thinkeoApiError(NODE, 'app get', response(500, { message: 'x' }));
		expect(stepError(NODE, 'app get', own)).toBe(own);
		const input = new NodeApiError(NODE, { message: 'App: no ID given' } as JsonObject, { message: 'App: no ID given' });
		expect(stepError(NODE, 'app get', input)).toBe(input);
	});
});

describe("the node's API error carries Thinkeo's answer and the rate-limit note as fields, set when it is built", () => {
	it('keeps the answer it stands for, and is still a NodeApiError by class and by name (n8n tells its errors by name)', () => {
		const error = thinkeoApiError(NODE, 'app get', response(429, { message: 'Slow down' }, { 'retry-after': '7' }));
		expect(error).toBeInstanceOf(ThinkeoApiError);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.name).toBe('NodeApiError');
		expect(error.answer).toMatchObject({ statusCode: 429, headers: { 'retry-after': '7' }, body: { message: 'Slow down' } });
		// Only the operation's own answer reaches the request wrapper, which may send that request again.
		expect(answerOf(error)).toBeUndefined();
		const own = thinkeoApiError(NODE, 'app get', response(429, { message: 'Slow down' }), { ofOperationRequest: true });
		expect(answerOf(own)).toBe(own.answer);
		expect(answerOf(own.withRateLimitNote('Waited 1 s.'))).toEqual(own.answer);
		expect(answerOf(new Error('other'))).toBeUndefined();
		expect(error.rateLimitNote).toBeUndefined();
	});

	it('with a rate-limit note: a new error whose hint ends with it; the first one is left as it was built', () => {
		const first = thinkeoApiError(NODE, 'app get', response(429, { message: 'Slow down' }));
		const note = 'The node sent this request 5 time(s) without waiting: Thinkeo still limited the rate after 5 tries (Rate Limit Max Tries).';
		const noted = first.withRateLimitNote(note);
		expect(noted).not.toBe(first);
		expect(noted).toMatchObject({ message: first.message, httpCode: '429', rateLimitNote: note, answer: first.answer });
		expect(noted.description).toBe(`${first.description} ${note}`);
		expect(first.description).not.toContain(note);
		expect(first.rateLimitNote).toBeUndefined();
	});

	it('an answer built with the note from the start says it in its hint, as the own requests build it', () => {
		const note = 'The node sent this request 2 time(s) after waiting 1.0 s (1.0 s in all): Thinkeo still limited the rate after 2 tries (Rate Limit Max Tries).';
		const error = thinkeoApiError(NODE, 'reading the team log', response(429, {}), { rateLimitNote: note });
		expect(error.description).toMatch(new RegExp(`^Thinkeo is limiting the request rate\\..* ${note.replace(/[.()]/g, '\\$&')}$`));
		expect(error.rateLimitNote).toBe(note);
	});
});

describe('a host that cannot be reached', () => {
	const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

	it("keeps the connection's code where n8n stores it, and names the host and cause", () => {
		const error = thinkeoError(NODE, 'publication get', reset, { baseUrl: 'http://127.0.0.1:9/v1' });
		expect(error.message).toMatch(/^Could not reach Thinkeo at 127\.0\.0\.1:9 \(publication get\): the connection was closed/);
		expect((error as NodeApiError).httpCode).toBe('ECONNRESET');
		expect((error as NodeApiError).errorResponse).toMatchObject({ code: 'ECONNRESET' });
	});

	it('never shows a user and password written into the Base URL', () => {
		const error = thinkeoError(NODE, 'publication get', reset, { baseUrl: 'https://user:s3cret-pass@api.example.test/v1' });
		expect(error.message).toContain('https://api.example.test/v1');
		expect(error.message).not.toMatch(/s3cret-pass|user:/);
	});
});
