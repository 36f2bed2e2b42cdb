import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { answerError, thinkeoError } from './errors';
import { describeBody } from './hints';
import { normalizeBaseUrl } from './httpFacts';
import { sendOwnRequestWithResends } from './rateLimitResend';
import { IGNORE_STATUS_ERRORS_BUT_401, sendWithRenewal } from './renewal';
import { bufferNonSuccessBody } from './stream';

type RequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

interface ThinkeoRequestOptions {
	method: IHttpRequestMethods;
	url: string;
	/** A JSON body, or raw bytes (a Buffer or a stream) sent as they are with the given headers. */
	body?: IDataObject | IHttpRequestOptions['body'];
	headers?: IDataObject;
	raw?: boolean;
	/** A download: resolves the whole answer, its 2xx body a stream for n8n's binary store (see io/download.ts). */
	stream?: boolean;
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
 * Where each attempt of a request of the node's own is sent: once, and again through n8n's renewal when n8n 1.x
 * hands a 401 back (sendWithRenewal). Resolves the last answer, whatever its status.
 */
async function sendFollowUp(this: RequestContext, request: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
	const renewed = await sendWithRenewal(
		async (sent) => (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', sent)) as IN8nHttpFullResponse,
		request,
		(outcome) => ('value' in outcome ? outcome.value : undefined),
	);
	return 'value' in renewed ? renewed.value : renewed.rejected;
}

/**
 * A request of its own from inside an operation, a list search or the trigger's poll (read-before-write, follow-up
 * call, file name lookup, upload before generating, listing), with the credential and its token renewal on 401. A
 * status error carries Thinkeo's message and says which step failed.
 */
export async function thinkeoRequest(
	this: RequestContext,
	step: string,
	{ method, url, body, headers, raw = false, stream = false }: ThinkeoRequestOptions,
): Promise<unknown> {
	const credentials = await this.getCredentials('thinkeoApi');
	const request: IHttpRequestOptions = {
		method,
		url,
		body,
		baseURL: normalizeBaseUrl(credentials.baseUrl),
		headers: { Accept: 'application/json', ...headers },
		// Raw bytes must not be serialised as JSON; the JSON answer is then parsed here.
		json: !raw && !stream,
		...(stream ? { encoding: 'stream' as const } : {}),
		// n8n would send the Authorization header along to any origin a redirect names (see redirectError).
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: IGNORE_STATUS_ERRORS_BUT_401,
	};
	let sent: { response: IN8nHttpFullResponse; rateLimitNote?: string };
	try {
		sent = await sendOwnRequestWithResends.call(this, step, request, credentials, async () => await sendFollowUp.call(this, request));
	} catch (error) {
		throw thinkeoError(this.getNode(), step, error, { baseUrl: request.baseURL });
	}
	const { response, rateLimitNote } = sent;
	await bufferNonSuccessBody(response);
	const error = answerError(this.getNode(), step, response, { sent: describeBody({ body, headers }), rateLimitNote });
	if (error) throw error;
	if (stream) return response;
	return raw ? parsedBody(response.body) : response.body;
}

/**
 * Renews the credential's token, if Thinkeo rejects it, before a stream is sent: a stream cannot be sent twice, and
 * n8n does not resend it after renewing a rejected token, so a cheap authenticated call goes first.
 */
export async function renewTokenBeforeStream(this: IExecuteSingleFunctions): Promise<void> {
	await thinkeoRequest.call(this, 'checking the token before a large upload', { method: 'GET', url: '/teams' });
}
