/**
 * Token renewal on n8n 1.x (transport/renewal.ts), which `npm test` (n8n 2.x) never reaches end to end: a 401 handed
 * back as an answer is sent again with status errors on, so n8n's own renewal runs, and the new answer replaces it.
 * Routed operations resend from their request wrapper (transport/routedRequest.ts), follow-up requests from
 * transport/request.ts.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { checkAnswer } from '../../nodes/Thinkeo/transport/answerCheck';
import { PUBLIC_ENDPOINT_HINTS } from '../../nodes/Thinkeo/transport/hints';
import { thinkeoRequest } from '../../nodes/Thinkeo/transport/request';
import { wrapEveryRequest } from '../../nodes/Thinkeo/transport/routedRequest';

const NODE: INode = { id: 'n', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: {} };
const PARAMETERS: Record<string, string> = { resource: 'publication', operation: 'get' };

const answer = (statusCode: number, body: object): IN8nHttpFullResponse => ({ statusCode, body, headers: {} });
const REQUEST = { method: 'GET', url: '/publications/1', ignoreHttpStatusErrors: { ignore: true, except: [401] } } as DeclarativeRestApiSettings.HttpRequestOptions;

/** What n8n throws for an answer when status errors are on: the request error with the answer in its cause. */
function requestFailure({ statusCode, body }: IN8nHttpFullResponse) {
	return Object.assign(new Error(`Request failed with status code ${statusCode}`), {
		cause: { response: { status: statusCode, statusText: 'Status text', headers: {}, data: body } },
	});
}

/**
 * A routed operation on n8n 1.x: each request gets the next of `answers` (an answer, or an error n8n throws), handed
 * back whatever its status unless status errors are on, then the shared answer check runs on it.
 */
function routedOperation(answers: Array<IN8nHttpFullResponse | Error>, { publicEndpoint = false } = {}) {
	const sent: DeclarativeRestApiSettings.HttpRequestOptions[] = [];
	const answerContext = { ids: { locators: [], pathParameters: [] }, publicEndpoint };
	const check = checkAnswer(answerContext);
	const context = {
		getNode: () => NODE,
		getNodeParameter: (name: string, fallback?: unknown) => PARAMETERS[name] ?? fallback,
		// The rate gate of the request is the credential's (transport/rateGate.ts).
		getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:1/v1/', authentication: 'apiToken', apiToken: 'tkak_renewal' }),
		async makeRoutingRequest({ options }: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
			sent.push(options);
			const next = answers.shift()!;
			if (next instanceof Error) throw next;
			if (options.ignoreHttpStatusErrors === false && next.statusCode >= 300) throw requestFailure(next);
			return await check.call(context, [{ json: next.body as never }], next);
		},
	} as unknown as IExecutePaginationFunctions & IExecuteSingleFunctions;
	const wrapper = wrapEveryRequest({ answers: answerContext });
	const run = async (options = REQUEST) => await wrapper.call(context, { options } as DeclarativeRestApiSettings.ResultOptions);
	return { run, sent };
}

describe('token renewal when n8n hands a 401 back (n8n 1.x)', () => {
	it('sends the request again with status errors on, and goes on with the new answer', async () => {
		const { run, sent } = routedOperation([
			answer(401, { error: { status: 401, message: 'Bearer token has been revoked' } }),
			answer(200, { id: '1', name: 'Renewed' }),
		]);

		expect(await run()).toEqual([{ json: { id: '1', name: 'Renewed' } }]);
		// Sent to the credential's Base URL, without its trailing slash (credentialBaseUrl.ts).
		const toCredentialBase = { ...REQUEST, baseURL: 'http://127.0.0.1:1/v1' };
		expect(sent).toEqual([toCredentialBase, { ...toCredentialBase, ignoreHttpStatusErrors: false }]);
	});

	it("reports Thinkeo's message of the resend when it fails too", async () => {
		const { run, sent } = routedOperation([answer(401, {}), answer(404, { error: { message: 'No publication with id 1' } })]);

		await expect(run()).rejects.toMatchObject({
			message: 'Thinkeo rejected publication get (HTTP 404): No publication with id 1',
			httpCode: '404',
			description: expect.stringMatching(/^Thinkeo found no such object or endpoint/),
		});
		expect(sent).toHaveLength(2);
	});

	it('does not send a stream (a body with pipe) twice', async () => {
		const { run, sent } = routedOperation([answer(401, { error: { message: 'Bearer token has expired' } }), answer(200, {})]);

		await expect(run({ ...REQUEST, body: { pipe: () => undefined } as never })).rejects.toMatchObject({
			message: 'Thinkeo rejected publication get (HTTP 401): Bearer token has expired',
			httpCode: '401',
		});
		expect(sent).toHaveLength(1);
	});

	it('leaves the 401 of an endpoint that authenticates with its own fields alone', async () => {
		const { run, sent } = routedOperation([answer(401, { error: { message: 'Invalid email or password' } }), answer(200, {})], {
			publicEndpoint: true,
		});

		await expect(run()).rejects.toMatchObject({ httpCode: '401', description: PUBLIC_ENDPOINT_HINTS[401] });
		expect(sent).toHaveLength(1);
	});

	it('does not resend the 401 n8n throws itself after renewing the token (n8n 2.x)', async () => {
		const thrownByN8n = new NodeApiError(NODE, { message: 'Authorization failed' } as JsonObject, { httpCode: '401' });
		thrownByN8n.context.data = { error: { message: 'Invalid bearer token' } };
		const { run, sent } = routedOperation([thrownByN8n, answer(200, {})]);

		await expect(run()).rejects.toMatchObject({ message: 'Thinkeo rejected publication get (HTTP 401): Invalid bearer token' });
		expect(sent).toHaveLength(1);
	});
});

describe('token renewal of a follow-up request (n8n 1.x)', () => {
	/** A follow-up request's context whose n8n answers each request with the next of `answers`. */
	function followUp(answers: IN8nHttpFullResponse[]) {
		const sent: IHttpRequestOptions[] = [];
		const context = {
			getNode: () => NODE,
			getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:1/v1/' }),
			helpers: {
				httpRequestWithAuthentication: async (_credential: string, options: IHttpRequestOptions) => {
					sent.push(options);
					const next = answers.shift()!;
					if (options.ignoreHttpStatusErrors === false && next.statusCode >= 300) throw requestFailure(next);
					return next;
				},
			},
		} as unknown as IExecuteSingleFunctions;
		return { context, sent };
	}

	it('sends it again with status errors on and returns the new answer', async () => {
		const { context, sent } = followUp([answer(401, {}), answer(200, { id: 't1' })]);

		expect(await thinkeoRequest.call(context, 'reading the team', { method: 'GET', url: '/teams' })).toEqual({ id: 't1' });
		expect(sent.map((options) => options.ignoreHttpStatusErrors)).toEqual([{ ignore: true, except: [401] }, false]);
	});

	it("names the step and Thinkeo's message when the resend fails too", async () => {
		const { context } = followUp([answer(401, {}), answer(403, { message: 'Token scope too narrow' })]);

		await expect(thinkeoRequest.call(context, 'reading the team', { method: 'GET', url: '/teams' })).rejects.toMatchObject({
			message: 'Thinkeo rejected reading the team (HTTP 403): Token scope too narrow',
		});
	});
});
