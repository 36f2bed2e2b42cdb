import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Outcome } from './rateLimitResend';
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
function needsRenewal(answer: Pick<IN8nHttpFullResponse, 'statusCode'> | undefined, options: RequestBody): boolean {
	return answer?.statusCode === 401 && !isStreamBody(options.body);
}

/** The answer a request sent with status errors on failed with, or undefined when it got none (e.g. a reset). */
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

/** What a send with renewal ended with: its result, or the answer of the resend that failed (and its error). */
export type Renewed<T> = { value: T } | { rejected: IN8nHttpFullResponse; error: unknown };

/**
 * Sends `options` with `send`, and when the outcome holds a 401 that n8n handed back (`answerIn` finds the answer in
 * what the send resolved or threw), sends them once more with status errors on, so that n8n renews the token and
 * retries. Throws what the first send threw otherwise, or what the resend threw without an answer; a resend that
 * failed with an answer (the 401 n8n threw after renewing, or any status) resolves it as `rejected`, for the
 * caller's status check.
 */
export async function sendWithRenewal<Options extends RequestBody & Pick<IHttpRequestOptions, 'ignoreHttpStatusErrors'>, T>(
	send: (options: Options) => Promise<T>,
	options: Options,
	answerIn: (outcome: Outcome<T>) => IN8nHttpFullResponse | undefined,
): Promise<Renewed<T>> {
	const first = await outcomeOf(send, options);
	if (!needsRenewal(answerIn(first), options)) {
		if ('error' in first) throw first.error;
		return first;
	}
	const resent = await outcomeOf(send, { ...options, ignoreHttpStatusErrors: false });
	if ('value' in resent) return resent;
	const answer = failedAnswer(resent.error);
	if (!answer) throw resent.error;
	return { rejected: answer, error: resent.error };
}

async function outcomeOf<Options, T>(send: (options: Options) => Promise<T>, options: Options): Promise<Outcome<T>> {
	try {
		return { value: await send(options) };
	} catch (error) {
		return { error };
	}
}
