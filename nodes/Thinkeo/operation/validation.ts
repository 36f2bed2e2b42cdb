import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties, PreSendAction } from 'n8n-workflow';

import { parseDate } from './dates';
import { fieldPaths } from './fields';
import { inputError } from './inputError';

/**
 * The fields n8n's editor checks only for typed values: an expression can still give an empty required text, a
 * negative limit or a date that is not one. Options of collections are checked when set.
 */
function isChecked(field: INodeProperties): boolean {
	return (field.type === 'string' && !!field.required) || field.type === 'number' || field.type === 'dateTime';
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

/**
 * preSend shared by every operation: stops the item before anything is sent, naming the field, when a required
 * text is empty or blank, a number is out of its range (e.g. a negative Limit), or a date is not a date, or in the
 * past for the `notInThePast` parameters (an expiration). It only checks: the request goes on unchanged, and
 * `sendDatesAsIso` (dates.ts) converts the dates.
 */
export function validateFields(fields: INodeProperties[], notInThePast: string[] = []): PreSendAction {
	const checked = fieldPaths(fields).filter(({ field }) => isChecked(field));
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const fail = (message: string, description?: string) =>
			inputError(this.getNode(), message, { description, itemIndex: this.getItemIndex() });
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
			} else if (value !== '') {
				const date = parseDate(value);
				if (!date) throw fail(`${label}: "${String(value)}" is not a valid date`, 'Use a date such as 2026-12-31T23:59:00Z.');
				if (notInThePast.includes(path) && date.getTime() <= Date.now()) {
					throw fail(`${label}: ${date.toISOString()} is in the past`, 'Use a date in the future.');
				}
			}
		}
		return requestOptions;
	};
}
