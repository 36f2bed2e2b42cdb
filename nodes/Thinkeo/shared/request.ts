import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeBody, malformedJson, malformedJsonError, redactSecrets, rejectedTokenError, thinkeoApiError } from './errors';

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
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', {
			...options,
			baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
			headers: { Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// The failed request (with its Authorization header) travels in the error, which n8n stores.
		const rejected = rejectedTokenError(this.getNode(), step, error);
		if (rejected) throw rejected;
		redactSecrets(error);
		// n8n's request errors already are NodeApiErrors, which this hands back unchanged.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	if (response.statusCode >= 400) throw thinkeoApiError(this.getNode(), step, response, describeBody(options));
	const parseError = malformedJson(response);
	if (parseError) throw malformedJsonError(this.getNode(), step, response, parseError);
	return response.body;
}
