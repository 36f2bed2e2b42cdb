import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { resendSentRequest } from './renewal';

const HINTS: Record<number, string> = {
	400: 'Check the fields of this operation against the message above.',
	401: 'The token was rejected even after renewing it. Check the Thinkeo API credential.',
	403: 'The token is valid but not allowed to do this. Check its team and scopes.',
	404: 'Check the IDs: the object does not exist or belongs to another team.',
	413: 'The request body is larger than Thinkeo accepts.',
	415: 'Thinkeo does not accept this content type.',
	429: 'Thinkeo is rate limiting. Use the node setting "Retry On Fail" or the batching option under "Request Options".',
};

/** Finds the human text in an error body, whatever shape Thinkeo used. */
function apiErrorMessage(body: unknown): string {
	if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
		return apiErrorMessage(parseMaybeJson(Buffer.from(body as ArrayBuffer).toString('utf8')));
	}
	if (typeof body === 'string') return body.trim();
	if (!body || typeof body !== 'object') return '';
	const record = body as Record<string, unknown>;
	for (const key of ['error', 'message', 'detail', 'title']) {
		const value = record[key];
		if (typeof value === 'string' && value) return value;
		if (value && typeof value === 'object') {
			const nested = apiErrorMessage(value);
			if (nested) return nested;
		}
	}
	return '';
}

function parseMaybeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The error for a Thinkeo answer with status ≥ 400: `step` says what failed, Thinkeo's own text says why. */
export function thinkeoApiError(
	node: INode,
	step: string,
	response: IN8nHttpFullResponse,
	hints: Record<number, string> = {},
): NodeApiError {
	const status = response.statusCode;
	const detail = apiErrorMessage(response.body) || response.statusMessage || 'no details given';
	return new NodeApiError(node, (parseBody(response.body) ?? {}) as JsonObject, {
		message: `Thinkeo rejected ${step} (HTTP ${status}): ${detail}`,
		description: hints[status] ?? HINTS[status] ?? (status >= 500 ? 'Thinkeo failed; try again later.' : undefined),
		httpCode: String(status),
	});
}

/**
 * Shared postReceive: any status ≥ 400 becomes a NodeApiError whose message carries Thinkeo's explanation.
 * `hints` replaces the default hint of some statuses.
 */
function errorStatusCheck(hints: Record<number, string> = {}, renewsToken = true) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode === 401 && renewsToken) {
			// Only on n8n 1.x, which let the 401 through without renewing the token (see renewal.ts).
			const resent = await resendSentRequest.call(this);
			if (resent) {
				// The later postReceive steps read this same answer object.
				Object.assign(response, resent);
				if (resent.statusCode < 400) return [{ json: resent.body as IDataObject }];
			}
		}
		if (response.statusCode < 400) return items;
		const operation = `${String(this.getNodeParameter('resource'))} ${String(this.getNodeParameter('operation'))}`;
		throw thinkeoApiError(this.getNode(), operation, response, hints);
	};
}

export const throwOnErrorStatus = errorStatusCheck();

/** For endpoints that authenticate with what the operation's fields carry (the /auth/* flows). */
export const throwOnPublicEndpointErrorStatus = errorStatusCheck(
	{ 401: 'Thinkeo did not accept the email, password, code or token given in this operation\'s fields.' },
	false,
);

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) return parseMaybeJson(body.toString('utf8'));
	return typeof body === 'object' ? body : { body };
}
