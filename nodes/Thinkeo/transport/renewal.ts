import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IN8nHttpFullResponse,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withoutSecrets } from './errors';

/**
 * Token renewal on n8n 1.x. Requests ignore status errors except 401 (`{ignore: true, except: [401]}`), so n8n
 * renews the token on a 401 and the API's own message reaches every other error. n8n 1.x reads any value there as
 * "ignore all": its 401 comes back as an answer, with no renewal. Such an answer is sent again here, this time
 * letting the 401 fail, which runs n8n's renewal and one retry. On 2.x a 401 never comes back as an answer.
 */

/** The options of the request each operation call sent, kept by the last preSend step for a resend. */
const sentRequests = new WeakMap<IExecuteSingleFunctions, IHttpRequestOptions>();

export const rememberRequest: PreSendAction = async function (this: IExecuteSingleFunctions, requestOptions) {
	sentRequests.set(this, requestOptions);
	return requestOptions;
};

/** The request as `ignoreHttpStatusErrors: false` would fail it, as an answer. */
function failedAnswer(error: unknown): IN8nHttpFullResponse | undefined {
	const failed = error as { cause?: unknown; response?: unknown };
	const response = ((failed.cause ?? failed) as { response?: { status: number; statusText?: string; headers: object; data: unknown } })
		.response;
	if (!response) return undefined;
	return {
		statusCode: response.status,
		statusMessage: response.statusText,
		headers: response.headers as IN8nHttpFullResponse['headers'],
		body: response.data as IN8nHttpFullResponse['body'],
	};
}

/**
 * Sends `options`, answered 401, again through n8n's renewal; resolves the new answer (whatever its status), or
 * undefined when the body is a stream, which cannot be sent twice.
 */
export async function resendWithRenewal(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions,
	options: IHttpRequestOptions | undefined,
): Promise<IN8nHttpFullResponse | undefined> {
	if (!options || typeof (options.body as { pipe?: unknown } | undefined)?.pipe === 'function') return undefined;
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', {
			...options,
			ignoreHttpStatusErrors: false,
			returnFullResponse: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const answer = failedAnswer(error);
		if (!answer) throw new NodeApiError(this.getNode(), withoutSecrets(error));
		return answer;
	}
}

/** `resendWithRenewal` for the request an operation call sent (see rememberRequest). */
export async function resendSentRequest(this: IExecuteSingleFunctions): Promise<IN8nHttpFullResponse | undefined> {
	return await resendWithRenewal.call(this, sentRequests.get(this));
}
