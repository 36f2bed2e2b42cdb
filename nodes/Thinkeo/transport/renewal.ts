import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { answerOf } from './errors';
import { isStreamBody } from './stream';

/**
 * Token renewal on n8n 1.x. Requests ignore status errors except 401 (`{ignore: true, except: [401]}`, see
 * routedRequest.ts), so n8n renews the token on a 401 and the API's own message reaches every other error. n8n 1.x
 * reads any value there as "ignore all": its 401 comes back as an answer, with no renewal. Such a request is sent
 * again, this time letting the 401 fail, which runs n8n's renewal and one retry. On 2.x a 401 never comes back as an
 * answer, so nothing here acts.
 */

type RequestBody = Pick<IHttpRequestOptions, 'body'>;

/** The status ignoring of every request that renews the credential's token on 401 (and not the /auth/* ones). */
export const IGNORE_STATUS_ERRORS_BUT_401 = { ignore: true as const, except: [401] };

/** Whether n8n handed a 401 back as an answer (n8n 1.x) and `options` can be sent again: a stream cannot. */
export function needsRenewal(answer: Pick<IN8nHttpFullResponse, 'statusCode'> | undefined, options: RequestBody): boolean {
	return answer?.statusCode === 401 && !isStreamBody(options.body);
}

/** Whether `error` is the status error of a 401 answer that `options` can be resent after (see needsRenewal). */
export function handedBack401(error: unknown, options: RequestBody): boolean {
	return needsRenewal(answerOf(error), options);
}

/** `options` as the resend that lets n8n renew the token: status errors on, so the 401 fails. */
export function renewingOptions<Options extends Pick<IHttpRequestOptions, 'ignoreHttpStatusErrors'>>(options: Options): Options {
	return { ...options, ignoreHttpStatusErrors: false };
}

/** The answer a request sent with status errors on failed with, or undefined when it got none (e.g. a reset). */
export function failedAnswer(error: unknown): IN8nHttpFullResponse | undefined {
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
