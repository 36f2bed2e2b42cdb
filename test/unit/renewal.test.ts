/**
 * Token renewal on n8n 1.x (transport/renewal.ts), which `npm test` (n8n 2.x) never reaches end to end: a 401 handed
 * back as an answer is sent again with status errors on, so n8n's own renewal runs, and the new answer replaces it.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { checkPublicEndpointResponse, checkResponse } from '../../nodes/Thinkeo/transport/errors';
import { rememberRequest } from '../../nodes/Thinkeo/transport/renewal';

const NODE = { id: 'n', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: {} };
const PARAMETERS: Record<string, string> = { resource: 'publication', operation: 'get' };

/** An operation call whose n8n answers the resend with `resend` (a full response, or an error to throw). */
function operationCall(resend: IN8nHttpFullResponse | Error) {
	const sent: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => NODE,
		getNodeParameter: (name: string) => PARAMETERS[name],
		helpers: {
			httpRequestWithAuthentication: async (_credential: string, options: IHttpRequestOptions) => {
				sent.push(options);
				if (resend instanceof Error) throw resend;
				return resend;
			},
		},
	} as unknown as IExecuteSingleFunctions;
	return { context, sent };
}

const answer = (statusCode: number, body: object): IN8nHttpFullResponse => ({ statusCode, body, headers: {} });
const REQUEST: IHttpRequestOptions = { method: 'GET', url: '/publications/1', ignoreHttpStatusErrors: true };

async function receive(context: IExecuteSingleFunctions, response: IN8nHttpFullResponse, check = checkResponse) {
	return await check.call(context, [{ json: response.body as never }], response);
}

describe('token renewal when n8n hands a 401 back (n8n 1.x)', () => {
	it('sends the request again with status errors on, and goes on with the new answer', async () => {
		const { context, sent } = operationCall(answer(200, { id: '1', name: 'Renewed' }));
		await rememberRequest.call(context, { ...REQUEST });
		const response = answer(401, { error: { status: 401, message: 'Bearer token has been revoked' } });

		expect(await receive(context, response)).toEqual([{ json: { id: '1', name: 'Renewed' } }]);
		expect(sent).toEqual([{ ...REQUEST, ignoreHttpStatusErrors: false, returnFullResponse: true }]);
		expect(response.statusCode).toBe(200);
	});

	it("reports Thinkeo's message of the resend when it fails too", async () => {
		const rejected = Object.assign(new Error('Request failed with status code 404'), {
			cause: { response: { status: 404, statusText: 'Not Found', headers: {}, data: { error: { message: 'No publication with id 1' } } } },
		});
		const { context } = operationCall(rejected);
		await rememberRequest.call(context, { ...REQUEST });

		// The status check hands the resend's answer to the request wrapper, which words the error (errors.test.ts).
		await expect(receive(context, answer(401, {}))).rejects.toMatchObject({
			response: { statusCode: 404, body: { error: { message: 'No publication with id 1' } } },
		});
	});

	it('does not send a stream (a body with pipe) twice', async () => {
		const { context, sent } = operationCall(answer(200, {}));
		await rememberRequest.call(context, { ...REQUEST, body: { pipe: () => undefined } as never });

		await expect(receive(context, answer(401, { error: { message: 'Bearer token has expired' } }))).rejects.toMatchObject({
			response: { statusCode: 401, body: { error: { message: 'Bearer token has expired' } } },
		});
		expect(sent).toEqual([]);
	});

	it('leaves the 401 of an endpoint that authenticates with its own fields alone', async () => {
		const { context, sent } = operationCall(answer(200, {}));
		await rememberRequest.call(context, { ...REQUEST });

		await expect(
			receive(context, answer(401, { error: { message: 'Invalid email or password' } }), checkPublicEndpointResponse),
		).rejects.toMatchObject({ response: { statusCode: 401 } });
		expect(sent).toEqual([]);
	});
});
