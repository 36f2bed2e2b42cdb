import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	describeBody,
	isRedirect,
	malformedJson,
	malformedJsonError,
	redirectError,
	rejectedTokenError,
	thinkeoApiError,
	withoutSecrets,
} from './errors';
import { sendOwnRequestWithResends } from './rateLimit';
import { resendWithRenewal } from './renewal';

interface ThinkeoRequestOptions {
	method: IHttpRequestMethods;
	url: string;
	/** A JSON body, or raw bytes (a Buffer or a stream) sent as they are with the given headers. */
	body?: IDataObject | IHttpRequestOptions['body'];
	headers?: IDataObject;
	raw?: boolean;
}

function parsedBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * A request of its own from inside an operation, a list search or the trigger's poll (read-before-write, follow-up
 * call, file name lookup, upload before generating, listing), with the credential and its token renewal on 401. A
 * status error carries Thinkeo's message and says which step failed.
 */
export async function thinkeoRequest(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions,
	step: string,
	{ method, url, body, headers, raw = false }: ThinkeoRequestOptions,
): Promise<unknown> {
	const credentials = await this.getCredentials('thinkeoApi');
	const request: IHttpRequestOptions = {
		method,
		url,
		body,
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		headers: { Accept: 'application/json', ...headers },
		// Raw bytes must not be serialised as JSON; the JSON answer is then parsed here.
		json: !raw,
		// n8n would send the Authorization header along to any origin a redirect names (see redirectError).
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	let response: IN8nHttpFullResponse;
	try {
		response = await sendOwnRequestWithResends.call(this, request, async () => {
			const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', request)) as IN8nHttpFullResponse;
			// Only on n8n 1.x, which lets the 401 through without renewing the token (see renewal.ts).
			return answer.statusCode === 401 ? ((await resendWithRenewal.call(this, request)) ?? answer) : answer;
		});
	} catch (error) {
		// The failed request (with its Authorization header) travels in the error, which n8n stores.
		const rejected = rejectedTokenError(this.getNode(), step, error);
		if (rejected) throw rejected;
		// n8n's request errors already are NodeApiErrors, which this hands back unchanged.
		throw new NodeApiError(this.getNode(), withoutSecrets(error));
	}
	if (response.statusCode >= 400) throw thinkeoApiError(this.getNode(), step, response, describeBody({ body, headers }));
	if (isRedirect(response)) throw redirectError(this.getNode(), step, response);
	const parseError = malformedJson(response);
	if (parseError) throw malformedJsonError(this.getNode(), step, response, parseError);
	return raw ? parsedBody(response.body) : response.body;
}
