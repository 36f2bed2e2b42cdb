import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { AnswerContext } from './answerCheck';
import { operationAnswerError, operationStep } from './answerCheck';
import { towardsCredentialBaseUrl } from './credentialBaseUrl';
import { answerOf, thinkeoError } from './errors';
import type { QueryPaging } from './paging';
import { readAllPages } from './paging';
import { withRateLimitResends } from './rateLimitResend';
import type { Renewed } from './renewal';
import { IGNORE_STATUS_ERRORS_BUT_401, sendWithRenewal } from './renewal';

/**
 * Request settings of a routed operation. Status errors reach the shared answer check (checkAnswer) so that
 * Thinkeo's own message reaches the user, except 401, which n8n must see fail to renew the credential's token; an
 * endpoint that authenticates with its own fields (`publicEndpoint`, the /auth/* flows) lets its 401 through too,
 * as a wrong input.
 */
export function routedRequestDefaults(publicEndpoint = false): Partial<IHttpRequestOptions> {
	return {
		ignoreHttpStatusErrors: publicEndpoint ? true : IGNORE_STATUS_ERRORS_BUT_401,
		// n8n would send the Authorization header along to any origin a redirect names (see redirectError).
		disableFollowRedirect: true,
	};
}

interface RoutedRequestSetup {
	answers: AnswerContext;
	/** The operation's paging, run by readAllPages when Return All is on. */
	paging?: QueryPaging;
}

/**
 * Where each attempt of a routed request is sent: n8n's request, then the operation's postReceive steps (checkAnswer
 * first, whose status error holds the answer). A 401 n8n 1.x handed back goes again through n8n's renewal
 * (sendWithRenewal); if that fails too, its answer gets the final error checkAnswer would have given it.
 */
async function sendRouted(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	{ answers }: RoutedRequestSetup,
): Promise<INodeExecutionData[]> {
	const failure = (error: unknown) => thinkeoError(this.getNode(), operationStep.call(this), error, { timeoutMs: options.timeout, baseUrl: options.baseURL });
	let renewed: Renewed<INodeExecutionData[]>;
	try {
		renewed = await sendWithRenewal(
			async (sent) => await this.makeRoutingRequest({ ...requestData, options: sent }),
			options,
			// An endpoint that takes no token (the /auth/* flows) has nothing to renew: its 401 is a wrong input.
			(outcome) => ('error' in outcome && !answers.publicEndpoint ? answerOf(outcome.error) : undefined),
		);
	} catch (error) {
		throw failure(error);
	}
	if ('value' in renewed) return renewed.value;
	throw (await operationAnswerError.call(this, renewed.rejected, answers)) ?? failure(renewed.error);
}

/**
 * The wrapper of every operation's request (see the builder for why it is n8n's pagination hook): the credential's
 * Base URL (credentialBaseUrl.ts), rate-limit resends, the renewal of a 401 n8n 1.x hands back, a timeout, an
 * unreachable host and the 401 n8n throws after renewing named, and no Authorization header left in a request error.
 * It pages only for Return All of an operation with paging, in readAllPages.
 */
export function wrapEveryRequest(setup: RoutedRequestSetup) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		let options = requestData.options;
		try {
			const credentials = await this.getCredentials('thinkeoApi');
			options = towardsCredentialBaseUrl(requestData.options, credentials);
			// The first send's gate is these credentials'; a later page reads them again, as a token exchanged or
			// renewed meanwhile has a gate of its own.
			let unread: ICredentialDataDecryptedObject | undefined = credentials;
			const currentCredentials = async (): Promise<ICredentialDataDecryptedObject> => {
				const read = unread ?? (await this.getCredentials<ICredentialDataDecryptedObject>('thinkeoApi'));
				unread = undefined;
				return read;
			};
			const attempt = async (sent: DeclarativeRestApiSettings.HttpRequestOptions) => await sendRouted.call(this, requestData, sent, setup);
			const send = withRateLimitResends(this, operationStep.call(this), currentCredentials, attempt);
			if (setup.paging && this.getNodeParameter('returnAll', false)) {
				return await readAllPages(send, options, setup.paging);
			}
			return await send(options);
		} catch (error) {
			// What the paging itself throws (readEveryPage's page limit); sendRouted's errors pass unchanged.
			throw thinkeoError(this.getNode(), operationStep.call(this), error, {
				timeoutMs: options.timeout,
				baseUrl: options.baseURL,
			});
		}
	};
}
