import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IN8nRequestOperationPaginationOffset,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { SentRequest, StatusHints } from './errors';
import { describeBody, operationStep, rejectedTokenError, thinkeoApiError, ThinkeoStatusError, withoutSecrets } from './errors';
import { readAllPages } from '../operation/pagination';
import { withRateLimitResends } from './rateLimit';

/** The IDs an operation's request uses: its ID fields (resource locators) and the `{placeholders}` of its path. */
export interface RequestIdFields {
	/** Parameter paths of ID fields, e.g. `appId` or `additionalFields.team`, with their labels. */
	locators: Array<{ path: string; label: string }>;
	/** Other parameters filling the path, e.g. `version`, with their labels. */
	pathParameters: Array<{ path: string; label: string }>;
}

interface SendOptions {
	ids: RequestIdFields;
	hints?: StatusHints;
	/** The operation's paging (n8n's declarative offset paging), run here when Return All is on. */
	paging?: IN8nRequestOperationPaginationOffset['properties'];
}

function idsSent(this: IExecuteSingleFunctions, { locators, pathParameters }: RequestIdFields): SentRequest['ids'] {
	return [...locators, ...pathParameters].flatMap(({ path, label }) => {
		const value = this.getNodeParameter(path, '', { extractValue: true }) as unknown;
		return typeof value === 'string' && value.trim() ? [{ label, value: value.trim() }] : [];
	});
}

/**
 * A request that Thinkeo did not answer in time: axios's "timeout of N ms exceeded", or n8n's ETIMEDOUT. Other
 * timeouts reaching this wrapper (e.g. n8n's own database pool: "timeout exceeded when trying to connect") are not
 * Thinkeo's and keep their message.
 */
export function isTimeout(error: unknown): boolean {
	const candidate = error as { httpCode?: unknown; code?: unknown; message?: unknown; messages?: unknown; cause?: unknown };
	const texts = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])].map(String);
	const codes = [candidate.httpCode, candidate.code, (candidate.cause as { code?: unknown } | undefined)?.code].map(String);
	return codes.includes('ETIMEDOUT') || texts.some((text) => /\btimeout of \d+ ?ms exceeded\b|\btimed out\b/i.test(text));
}

function timeoutError(node: INode, step: string, timeoutMs: unknown): NodeApiError {
	const limit = Number(timeoutMs) > 0 ? `${Number(timeoutMs)} ms` : 'the time limit';
	const message = `Thinkeo did not answer ${step} within ${limit} (timeout)`;
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description:
			'Raise Request Options → Timeout in this node if Thinkeo needs longer (large files, long generations), or turn on "Retry On Fail" in its Settings. Thinkeo may still have done the work: check before repeating a create.',
		httpCode: 'ETIMEDOUT',
	});
	error.message = message;
	return error;
}

/**
 * Every operation's request goes through this function, which n8n runs in place of its own request (a declarative
 * node's "pagination" hook is the only place that wraps the request). It turns what the shared status check threw
 * into a NodeApiError whose hint names what was sent, turns a timeout into a clear error, and redacts the
 * Authorization header from any other error before n8n stores it.
 */
export function sendThinkeoRequest({ ids, hints, paging }: SendOptions) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const resending = withRateLimitResends(this, (error) => (error instanceof ThinkeoStatusError ? error.response : undefined));
		try {
			if (paging && this.getNodeParameter('returnAll', false)) return await readAllPages.call(resending, requestData, paging);
			return await resending.makeRoutingRequest(requestData);
		} catch (error) {
			const step = operationStep.call(this);
			if (error instanceof ThinkeoStatusError) {
				const sent = { ...describeBody(requestData.options), ids: idsSent.call(this, ids) };
				throw thinkeoApiError(this.getNode(), step, error.response, sent, hints);
			}
			const rejected = rejectedTokenError(this.getNode(), step, error);
			if (rejected) throw rejected;
			if (isTimeout(error)) throw timeoutError(this.getNode(), step, requestData.options.timeout);
			const safe = withoutSecrets(error);
			// Both constructors hand back an error of their own class unchanged; n8n's request errors are NodeApiErrors.
			if (safe instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), safe);
			throw new NodeApiError(this.getNode(), safe);
		}
	};
}
