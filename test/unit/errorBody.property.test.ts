/**
 * Thinkeo's message and what an error keeps of an answer's body, searched over random bodies: random text and bytes,
 * random JSON (parsed or as text) of random depth, JSON nested far deeper than any stack, huge strings, and any
 * JavaScript value. The message is found without throwing and is bounded, and so is what the error keeps (and so
 * what n8n stores with the execution).
 */
import fc from 'fast-check';
import type { IN8nHttpFullResponse, INode } from 'n8n-workflow';

import { apiErrorMessage, boundedJson, MAX_ERROR_BODY_BYTES, readErrorBody } from '../../nodes/Thinkeo/transport/apiMessage';
import { answerOf, thinkeoApiError } from '../../nodes/Thinkeo/transport/errors';

const NODE = { name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} } as unknown as INode;
const MAX_MESSAGE = 300;

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');

/** JSON text nested `depth` levels deep under `key`, e.g. {"error":{"error":…"x"…}}: V8 parses it, no recursion reads it. */
const nested = (key: string, depth: number, leaf: string) => `${`{"${key}":`.repeat(depth)}${JSON.stringify(leaf)}${'}'.repeat(depth)}`;

/** A body as n8n may hand it over: text, bytes, parsed JSON, or anything at all. */
const bodies = fc.oneof(
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 3000 }), weight: 3 },
	{ arbitrary: fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)), weight: 3 },
	{ arbitrary: fc.jsonValue({ maxDepth: 20 }), weight: 3 },
	{ arbitrary: fc.jsonValue({ maxDepth: 20 }).map((value) => JSON.stringify(value)), weight: 3 },
	{ arbitrary: fc.jsonValue({ maxDepth: 8 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')), weight: 2 },
	{
		arbitrary: fc
			.tuple(fc.constantFrom('error', 'message', 'detail', 'details', 'x'), fc.integer({ min: 1, max: 50_000 }), fc.string())
			.map(([key, depth, leaf]) => nested(key, depth, leaf)),
		weight: 1,
	},
	{
		arbitrary: fc
			.integer({ min: 1, max: 100_000 })
			.map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
		weight: 1,
	},
	{
		arbitrary: fc.anything({
			maxDepth: 6,
			withBigInt: true,
			withDate: true,
			withMap: true,
			withSet: true,
			withNullPrototype: true,
			withObjectString: true,
			withSparseArray: true,
			withTypedArray: true,
			withBoxedValues: true,
		}),
		weight: 3,
	},
);

describe("Thinkeo's message in any body", () => {
	it('is found without throwing, at most 300 characters, and the kept JSON is within 64 KB', () => {
		fc.assert(
			fc.property(bodies, fc.constantFrom('', 'application/json', 'text/html', 'text/plain'), (body, contentType) => {
				const { message, json } = readErrorBody(body, contentType);
				expect(typeof message).toBe('string');
				expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
				if (json !== undefined) expect(jsonBytes(json)).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
			}),
			{ numRuns: 2000 },
		);
	});

	it('the error of any status keeps a bounded body and message, in itself and in answerOf', () => {
		fc.assert(
			fc.property(bodies, fc.integer({ min: 400, max: 599 }), fc.string({ maxLength: 2000 }), (body, statusCode, statusMessage) => {
				const response = { statusCode, statusMessage, headers: { 'content-type': 'application/json' }, body } as IN8nHttpFullResponse;
				const error = thinkeoApiError(NODE, 'app get', response);
				expect(error.message.length).toBeLessThanOrEqual('Thinkeo rejected app get (HTTP 500): '.length + MAX_MESSAGE);
				expect(jsonBytes((error as unknown as { errorResponse: unknown }).errorResponse)).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
				expect(jsonBytes(answerOf(error)?.body)).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
				expect(String(error.description ?? '').length).toBeLessThanOrEqual(2000);
			}),
			{ numRuns: 1000 },
		);
	});

	it('is found however much comes around it, as text, bytes or parsed JSON', () => {
		const text = fc.string({ minLength: 1, maxLength: 200 }).filter((message) => message.trim() !== '');
		fc.assert(
			fc.property(text, fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), fc.constantFrom('text', 'bytes', 'parsed'), (message, padding, before, as) => {
				const pad = 'x'.repeat(padding);
				const json = before ? { padding: pad, error: { message } } : { error: { message }, padding: pad };
				const raw = JSON.stringify(json);
				const body = as === 'text' ? raw : as === 'bytes' ? Buffer.from(raw) : json;
				const read = readErrorBody(body, 'application/json');
				expect(read.message).toBe(apiErrorMessage({ message }));
				expect(jsonBytes(read.json)).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
			}),
			{ numRuns: 60 },
		);
	});

	it("is found in the first 64 KB of a JSON body cut short (a stream's), with its escapes read", () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 200 }).filter((message) => message.trim() !== ''), (message) => {
				const cut = Buffer.from(JSON.stringify({ error: { message }, padding: 'x'.repeat(MAX_ERROR_BODY_BYTES) })).subarray(0, MAX_ERROR_BODY_BYTES);
				expect(readErrorBody(cut).message).toBe(apiErrorMessage({ message }));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('secrets an answer echoes', () => {
	const secret = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{16,60}$/);
	const text = fc.string({ maxLength: 40 });

	it('never reach the message or the kept body, whatever surrounds them', () => {
		fc.assert(
			fc.property(text, fc.constantFrom('Bearer', 'bearer', 'Basic'), secret, text, fc.boolean(), (before, scheme, value, after, asJson) => {
				const echoed = `${before} ${scheme} ${value} ${after}`;
				const body = asJson ? { error: { message: echoed }, request: { authorization: `${scheme} ${value}` } } : echoed;
				const { message, json } = readErrorBody(body, asJson ? 'application/json' : 'text/plain');
				expect(message).not.toContain(`${scheme} ${value}`);
				expect(JSON.stringify(json ?? null)).not.toContain(value.length > 12 ? value : `${scheme} ${value}`);
			}),
			{ numRuns: 2000 },
		);
	});

	it('never show a Thinkeo API token', () => {
		fc.assert(
			fc.property(text, fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/), text, (before, rest, after) => {
				expect(apiErrorMessage({ message: `${before}tkak_${rest} ${after}` }, 'application/json')).not.toContain(`tkak_${rest}`);
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('a bounded copy of JSON', () => {
	it('keeps small JSON whole, and cuts anything else within its budget', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 10 }), fc.integer({ min: 600, max: 20_000 }), (value, budget) => {
				const copy = boundedJson(value, budget);
				expect(jsonBytes(copy)).toBeLessThanOrEqual(budget);
				if (jsonBytes(value) <= budget - 512 && JSON.stringify(value) !== undefined) {
					// Within the budget and no deeper than the copy goes: the same JSON (-0 is written 0 either way).
					expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
				}
			}),
			{ numRuns: 2000 },
		);
	});

	it('keeps JSON that fits its budget exactly whole (a comma was counted after the last entry)', () => {
		// Found by the property above (seed 2113694031): the last string was cut although the whole JSON fit.
		const value = { '       ': true, '': '  ', '          ': null, '      ': -2.073665663956193e-142, '     #': '    ' };
		const list = ['  ', 'a', 'bcd', null, 1.5];
		expect(JSON.stringify(boundedJson(value, jsonBytes(value) + 512))).toBe(JSON.stringify(value));
		expect(JSON.stringify(boundedJson(list, jsonBytes(list) + 512))).toBe(JSON.stringify(list));
	});

	it('keeps a "__proto__" key of parsed JSON as a key', () => {
		const parsed = JSON.parse('{"__proto__": {"message": "kept"}, "a": 1}') as unknown;
		expect(JSON.stringify(boundedJson(parsed))).toBe('{"__proto__":{"message":"kept"},"a":1}');
	});
});

describe('a 20 MB error body (issue 19, item 10)', () => {
	const huge = { error: { message: 'Quota exceeded for this team' }, trace: 'frame '.repeat(3_500_000) };

	it.each([
		['parsed by n8n', huge],
		['as text', JSON.stringify(huge)],
		['as bytes', Buffer.from(JSON.stringify(huge))],
	])('%s: the message is Thinkeo\'s and the error keeps at most 64 KB of it', (_as, body) => {
		const error = thinkeoApiError(NODE, 'publication get', { statusCode: 500, headers: {}, body } as IN8nHttpFullResponse);
		expect(error.message).toBe('Thinkeo rejected publication get (HTTP 500): Quota exceeded for this team');
		const stored = JSON.stringify(error);
		expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES + 4096);
		expect(jsonBytes(answerOf(error)?.body)).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
	});

	it('a 20 MB text page: the message is its start, capped', () => {
		const body = `Upstream failure ${'z'.repeat(20 * 1024 * 1024)}`;
		const error = thinkeoApiError(NODE, 'publication get', { statusCode: 502, headers: { 'content-type': 'text/plain' }, body } as IN8nHttpFullResponse);
		expect(error.message).toMatch(/^Thinkeo rejected publication get \(HTTP 502\): Upstream failure z+…$/);
		expect(Buffer.byteLength(JSON.stringify(error))).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
	});
});
