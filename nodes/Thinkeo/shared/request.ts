import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { thinkeoApiError } from './errors';

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
	const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', {
		method,
		url,
		body,
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		headers: { Accept: 'application/json', ...headers },
		// Raw bytes must not be serialised as JSON; the JSON answer is then parsed here.
		json: !raw,
		// Following a redirect would keep a second copy of a raw body in memory.
		disableFollowRedirect: raw,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	})) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) throw thinkeoApiError(this.getNode(), step, response);
	return raw ? parsedBody(response.body) : response.body;
}
