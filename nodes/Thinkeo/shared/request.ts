import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { thinkeoApiError } from './errors';
import { resendWithRenewal } from './renewal';

/**
 * A request of its own from inside an operation or a list search (read-before-write, follow-up call, file name
 * lookup), with the credential and its token renewal on 401. A status error carries Thinkeo's message and says
 * which step failed.
 */
export async function thinkeoRequest(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions,
	step: string,
	options: { method: IHttpRequestMethods; url: string; body?: IDataObject },
): Promise<unknown> {
	const credentials = await this.getCredentials('thinkeoApi');
	const request: IHttpRequestOptions = {
		...options,
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	let response = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', request)) as IN8nHttpFullResponse;
	// Only on n8n 1.x, which let the 401 through without renewing the token (see renewal.ts).
	if (response.statusCode === 401) response = (await resendWithRenewal.call(this, request)) ?? response;
	if (response.statusCode >= 400) throw thinkeoApiError(this.getNode(), step, response);
	return response.body;
}
