import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';

import { inputError } from '../transport/inputError';

/**
 * Reads a JSON parameter (text or an object from an expression) and reports invalid JSON
 * before any request is sent, naming the parameter and the parse error.
 */
export function parseJsonParameter(
	this: IExecuteSingleFunctions,
	name: string,
	label: string,
	fallback: unknown = '{}',
): unknown {
	const raw = this.getNodeParameter(name, fallback) as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw.trim() === '' ? '{}' : raw);
	} catch (error) {
		throw inputError(this.getNode(), `${label}: invalid JSON (${(error as Error).message})`, {
			itemIndex: this.getItemIndex(),
		});
	}
}

/**
 * preSend merging a JSON object parameter into the request body. Fields set by other parameters win, so the JSON
 * is an escape hatch for what the node has no field for. Invalid JSON or a non-object stops the item before sending.
 */
export function mergeJsonIntoBody(name: string, label: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const parsed = parseJsonParameter.call(this, name, label);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw inputError(this.getNode(), `${label}: expected a JSON object such as {"name": "…"}`, {
				itemIndex: this.getItemIndex(),
			});
		}
		const body = { ...(parsed as IDataObject), ...((requestOptions.body as IDataObject) ?? {}) };
		return { ...requestOptions, body };
	};
}

/** preSend setting one body property from a JSON parameter, when the parameter is set (it may sit in a collection). */
export function jsonBodyProperty(parameter: string, bodyProperty: string, label: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const value = parseJsonParameter.call(this, parameter, label, null);
		if (value === null || value === undefined) return requestOptions;
		const body = { ...((requestOptions.body as IDataObject) ?? {}), [bodyProperty]: value };
		return { ...requestOptions, body };
	};
}

/** preSend stopping the item before sending when no field put anything in the body (`message` says what to add). */
export function requireNonEmptyBody(message: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if (Object.keys((requestOptions.body as IDataObject) ?? {}).length === 0) {
			throw inputError(this.getNode(), message, { itemIndex: this.getItemIndex() });
		}
		return requestOptions;
	};
}
