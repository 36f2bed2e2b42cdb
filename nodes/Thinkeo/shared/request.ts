import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { thinkeoApiError } from './errors';

/**
 * A request of its own from inside an operation, a list search or the trigger's poll (read-before-write, follow-up
 * call, file name lookup, listing), with the credential and its token renewal on 401. A status error carries Thinkeo's message and says
 * which step failed.
 */
export async function thinkeoRequest(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions,
	step: string,
	options: { method: IHttpRequestMethods; url: string; body?: IDataObject },
): Promise<unknown> {
	const credentials = await this.getCredentials('thinkeoApi');
	const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', {
		...options,
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	})) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) throw thinkeoApiError(this.getNode(), step, response);
	return response.body;
}
