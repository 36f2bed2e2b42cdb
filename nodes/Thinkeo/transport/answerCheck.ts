import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { describeValue } from './apiMessage';
import { answerError, UnusableAnswerError } from './errors';
import type { SentBody, SentRequest } from './hints';
import { PUBLIC_ENDPOINT_HINTS } from './hints';
import { bufferNonSuccessBody } from './stream';

/** The IDs an operation's request uses: its ID fields (resource locators) and the `{placeholders}` of its path. */
export interface RequestIdFields {
	/** Parameter paths of ID fields, e.g. `appId` or `additionalFields.team`, with their labels. */
	locators: Array<{ path: string; label: string }>;
	/** Other parameters filling the path, e.g. `version`, with their labels. */
	pathParameters: Array<{ path: string; label: string }>;
}

/** Reads, from an operation's fields, the size and type of the raw body it sent (e.g. a file upload). */
export type SentBodyReader = (this: IExecuteSingleFunctions) => Promise<SentBody>;

/** What the errors of one operation can name, handed over by the operation builder. */
export interface AnswerContext {
	ids: RequestIdFields;
	/** The operation sends raw bytes, described by this reader; otherwise it sends JSON, if its method has a body. */
	rawBody?: SentBodyReader;
	method?: string;
	/** The endpoint authenticates with what its fields carry (the /auth/* flows): its 401 means a wrong input. */
	publicEndpoint?: boolean;
}

const JSON_BODY_METHODS = ['POST', 'PUT', 'PATCH'];

/** How messages name the operation: "publication create". */
export function operationStep(this: IExecuteSingleFunctions): string {
	return `${String(this.getNodeParameter('resource'))} ${String(this.getNodeParameter('operation'))}`;
}

function idsSent(this: IExecuteSingleFunctions, { locators, pathParameters }: RequestIdFields): SentRequest['ids'] {
	return [...locators, ...pathParameters].flatMap(({ path, label }) => {
		const value = this.getNodeParameter(path, '', { extractValue: true }) as unknown;
		return typeof value === 'string' && value.trim() ? [{ label, value: value.trim() }] : [];
	});
}

/** What the operation sent, as its parameters say: n8n hands a postReceive the answer, not the request. */
async function sentRequest(this: IExecuteSingleFunctions, { ids, rawBody, method = 'GET' }: AnswerContext): Promise<SentRequest> {
	const body = rawBody
		? await rawBody.call(this)
		: { contentType: JSON_BODY_METHODS.includes(method.toUpperCase()) ? 'application/json' : undefined };
	return { ...body, ids: idsSent.call(this, ids) };
}

/**
 * The final error for an operation's answer that cannot become items (status ≥ 400, redirect, broken JSON), its hint
 * naming the IDs, size and type that were sent; undefined for an answer that can.
 */
export async function operationAnswerError(
	this: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	context: AnswerContext,
): Promise<NodeApiError | undefined> {
	await bufferNonSuccessBody(response);
	// Only a status error's hint names what was sent: reading a file's size for every answer would be wasted.
	const sent = response.statusCode >= 400 ? await sentRequest.call(this, context) : {};
	const hints = context.publicEndpoint ? PUBLIC_ENDPOINT_HINTS : undefined;
	return answerError(this.getNode(), operationStep.call(this), response, { sent, hints, ofOperationRequest: true });
}

/**
 * Shared postReceive, first of every operation: a status ≥ 400 stops the item with the final error (Thinkeo's
 * message and a hint for the status), and so does a redirect or a 2xx answer whose JSON does not parse.
 */
export function checkAnswer(context: AnswerContext) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const error = await operationAnswerError.call(this, response, context);
		if (error) throw error;
		return items;
	};
}

/**
 * The records of an answer that must be a list (a list search, the App versions…): an answer that is no list throws
 * an UnusableAnswerError saying what came instead, and entries that are no object (a number, null) are left out.
 */
export function listedRecords(answer: unknown): IDataObject[] {
	if (!Array.isArray(answer)) throw new UnusableAnswerError(`Thinkeo answered with ${describeValue(answer)}, not a list`);
	return answer.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null && !Array.isArray(entry));
}
