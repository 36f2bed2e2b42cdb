/**
 * The shared answer check (transport/answerCheck.ts) builds an operation's final error where it sees the status,
 * naming what the operation's parameters say was sent: the IDs of its path, the size and type of its body.
 */
import type { IExecuteSingleFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { describeRawUpload } from '../../nodes/Thinkeo/io/binary';
import type { AnswerContext } from '../../nodes/Thinkeo/transport/answerCheck';
import { checkAnswer } from '../../nodes/Thinkeo/transport/answerCheck';
import { answerOf } from '../../nodes/Thinkeo/transport/errors';

const NODE = { id: 'n', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: {} };
const APP_ID = '0192f0a3-2222-7c00-8d00-0000000000a1';
const FILE = Buffer.from('%PDF-1.7 a small file');

function operationCall(parameters: Record<string, unknown>) {
	return {
		getNode: () => NODE,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		helpers: {
			assertBinaryData: () => ({ data: FILE.toString('base64'), mimeType: 'application/octet-stream', fileName: 'a.pdf' }),
			getBinaryDataBuffer: async () => FILE,
		},
	} as unknown as IExecuteSingleFunctions;
}

const answer = (statusCode: number, body: IN8nHttpFullResponse['body'], headers: Record<string, string> = {}): IN8nHttpFullResponse => ({
	statusCode,
	body,
	headers,
});

async function errorOf(context: AnswerContext, parameters: Record<string, unknown>, response: IN8nHttpFullResponse) {
	try {
		await checkAnswer(context).call(operationCall(parameters), [{ json: {} }], response);
	} catch (error) {
		return error as Error & { description?: string; httpCode?: string };
	}
	throw new Error('the check let the answer through');
}

describe('the final error of an operation, in one step', () => {
	const appGet: AnswerContext = {
		ids: { locators: [{ path: 'appId', label: 'App' }], pathParameters: [{ path: 'version', label: 'Version' }] },
		method: 'GET',
	};

	it("names the IDs of the operation's parameters in a 404", async () => {
		const error = await errorOf(appGet, { resource: 'app', operation: 'getVersion', appId: APP_ID, version: '9.9.9' }, answer(404, { message: 'No such version' }));
		expect(error.message).toBe('Thinkeo rejected app getVersion (HTTP 404): No such version');
		expect(error.description).toBe(
			`Thinkeo found nothing for App ${APP_ID}, Version 9.9.9: check these IDs. It may be misspelt, deleted or belong to another team than the credential's.`,
		);
	});

	it('names the size and the MIME Type option of a refused upload (413, 415)', async () => {
		const upload: AnswerContext = { ids: { locators: [], pathParameters: [] }, method: 'POST', rawBody: describeRawUpload };
		const parameters = { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data', 'options.mimeType': 'application/pdf' };
		expect((await errorOf(upload, parameters, answer(413, {}))).description).toContain(`this request sent ${FILE.length} bytes`);
		expect((await errorOf(upload, parameters, answer(415, {}))).description).toContain('content type that was sent: "application/pdf"');
	});

	it('says a JSON body was sent when the operation sends no raw bytes', async () => {
		const create: AnswerContext = { ids: { locators: [], pathParameters: [] }, method: 'POST' };
		const error = await errorOf(create, { resource: 'team', operation: 'create' }, answer(415, {}));
		expect(error.description).toContain('content type that was sent: "application/json"');
	});

	it("keeps the answer's headers reachable from the error (Retry-After of a 429)", async () => {
		const response = answer(429, { message: 'Slow down' }, { 'retry-after': '7' });
		const error = await errorOf(appGet, { resource: 'app', operation: 'get', appId: APP_ID }, response);
		expect(error.httpCode).toBe('429');
		expect(answerOf(error)?.headers['retry-after']).toBe('7');
	});

	it('lets a good answer through as items', async () => {
		const items = [{ json: { id: APP_ID } }];
		const response = answer(200, { id: APP_ID }, { 'content-type': 'application/json' });
		expect(await checkAnswer(appGet).call(operationCall({ resource: 'app', operation: 'get' }), items, response)).toBe(items);
	});
});
