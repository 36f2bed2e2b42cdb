import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, PreSendAction } from 'n8n-workflow';

import { fieldPaths } from './fields';

/** A date as n8n gives it (ISO text, a Luxon DateTime from an expression, a JS Date or epoch ms), or undefined. */
export function parseDate(value: unknown): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'number') return new Date(value);
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return parseDate((value as { toISO: () => string | null }).toISO() ?? '');
	}
	if (typeof value !== 'string') return undefined;
	const date = new Date(value.trim());
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The request with the date where the field's routing sends it, as ISO 8601, or without it when `date` is unset. */
function withDate(requestOptions: IHttpRequestOptions, field: INodeProperties, date: Date | undefined): IHttpRequestOptions {
	const send = field.routing?.send;
	if (!send?.property) return requestOptions;
	const where = send.type === 'body' ? 'body' : 'qs';
	const target: IDataObject = { ...((requestOptions[where] as IDataObject) ?? {}) };
	if (date) target[send.property] = date.toISOString();
	else delete target[send.property];
	return { ...requestOptions, [where]: target };
}

/**
 * preSend attached by the builder to every operation, after the field checks: n8n's routing sends a date field's
 * value as the editor or an expression gives it (local text without a zone, a Luxon DateTime); Thinkeo gets ISO 8601
 * instead, and nothing for an empty date.
 */
export function sendDatesAsIso(fields: INodeProperties[]): PreSendAction {
	const dates = fieldPaths(fields).filter(({ field }) => field.type === 'dateTime' && field.routing?.send?.property);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		let options = requestOptions;
		for (const { path, field } of dates) {
			// Hidden fields (displayOptions) and unset options are absent from the node's parameters: null.
			const value = this.getNodeParameter(path, null) as unknown;
			if (value === undefined || value === null) continue;
			const date = value === '' ? undefined : parseDate(value);
			// A value that is no date was refused by the field checks: it is never dropped silently here.
			if (value !== '' && !date) continue;
			options = withDate(options, field, date);
		}
		return options;
	};
}
