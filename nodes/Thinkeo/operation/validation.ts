import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, PreSendAction } from 'n8n-workflow';

import { inputError } from './inputError';

/** A field to check, with its parameter path (`limit`, `additionalFields.expiration`). */
interface CheckedField {
	path: string;
	field: INodeProperties;
}

/**
 * The fields n8n's editor checks only for typed values: an expression can still give an empty required text, a
 * negative limit or a date that is not one. Collections are walked too (their options are checked when set).
 */
function checkedFields(fields: INodeProperties[], prefix = ''): CheckedField[] {
	return fields.flatMap((field) => {
		if (field.type === 'collection') return checkedFields((field.options ?? []) as INodeProperties[], `${prefix}${field.name}.`);
		const checked = (field.type === 'string' && field.required) || field.type === 'number' || field.type === 'dateTime';
		return checked ? [{ path: `${prefix}${field.name}`, field }] : [];
	});
}

/** A date as n8n gives it (ISO text, a Luxon DateTime from an expression, a JS Date or epoch ms), or undefined. */
function parseDate(value: unknown): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'number') return new Date(value);
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return parseDate((value as { toISO: () => string | null }).toISO() ?? '');
	}
	if (typeof value !== 'string') return undefined;
	const date = new Date(value.trim());
	return Number.isNaN(date.getTime()) ? undefined : date;
}

function checkNumber(label: string, value: unknown, field: INodeProperties): string | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) return `${label}: "${String(value)}" is not a number`;
	const { minValue, maxValue, numberPrecision } = field.typeOptions ?? {};
	if (numberPrecision === 0 && !Number.isInteger(number)) return `${label}: must be a whole number, got ${number}`;
	if (typeof minValue === 'number' && number < minValue) return `${label}: must be at least ${minValue}, got ${number}`;
	if (typeof maxValue === 'number' && number > maxValue) return `${label}: must be at most ${maxValue}, got ${number}`;
	return undefined;
}

/** Puts a checked date into the request where the field's routing sends it, as ISO 8601; an empty one is left out. */
function sendDate(requestOptions: IHttpRequestOptions, field: INodeProperties, date: Date | undefined): IHttpRequestOptions {
	const send = field.routing?.send;
	if (!send?.property) return requestOptions;
	const where = send.type === 'body' ? 'body' : 'qs';
	const target: IDataObject = { ...((requestOptions[where] as IDataObject) ?? {}) };
	if (date) target[send.property] = date.toISOString();
	else delete target[send.property];
	return { ...requestOptions, [where]: target };
}

/**
 * preSend shared by every operation: stops the item before anything is sent, naming the field, when a required
 * text is empty or blank, a number is out of its range (e.g. a negative Limit), or a date is not a date, or in the
 * past for the `notInThePast` parameters (an expiration). Valid dates are sent as ISO 8601.
 */
export function validateFields(fields: INodeProperties[], notInThePast: string[] = []): PreSendAction {
	const checked = checkedFields(fields);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const fail = (message: string, description?: string) =>
			inputError(this.getNode(), message, { description, itemIndex: this.getItemIndex() });
		let options = requestOptions;
		for (const { path, field } of checked) {
			// Hidden fields (displayOptions) and unset options are absent from the node's parameters: null.
			const value = this.getNodeParameter(path, null) as unknown;
			if (value === undefined || value === null) continue;
			const label = field.displayName;
			if (field.type === 'string') {
				if (typeof value === 'string' && value.trim() === '') {
					throw fail(`${label}: a value is required, but it is empty`, 'If it comes from an expression, check that the expression gives a value for this item.');
				}
			} else if (field.type === 'number') {
				const problem = checkNumber(label, value, field);
				if (problem) throw fail(problem);
			} else if (value === '') {
				options = sendDate(options, field, undefined);
			} else {
				const date = parseDate(value);
				if (!date) throw fail(`${label}: "${String(value)}" is not a valid date`, 'Use a date such as 2026-12-31T23:59:00Z.');
				if (notInThePast.includes(path) && date.getTime() <= Date.now()) {
					throw fail(`${label}: ${date.toISOString()} is in the past`, 'Use a date in the future.');
				}
				options = sendDate(options, field, date);
			}
		}
		return options;
	};
}
