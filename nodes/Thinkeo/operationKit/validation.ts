import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	NodePropertyTypes,
	PreSendAction,
} from 'n8n-workflow';

import { describeValue } from '../transport/apiMessage';
import { parseDate } from './dates';
import { fieldPaths } from './fields';
import { inputError } from '../transport/inputError';

/** A field's value once checked by its declared type: the value to use, or what is wrong with it. */
export type CheckedValue = { value: unknown } | { problem: string; description?: string };

interface CheckContext {
	label: string;
	/** n8n puts the value in the request as it is (see isRouted): its type is the field's, or it is not sent. */
	routed: boolean;
	/** A date that must lie in the future (an expiration). */
	notInThePast: boolean;
}

type FieldCheck = (value: unknown, field: INodeProperties, context: CheckContext) => CheckedValue;

/**
 * Whether n8n's routing sends the field's value itself (`routing.send.property` without a `value` expression). Other
 * fields are read by the operation's own code, which takes what it accepts (e.g. a list of IDs as text or a list).
 */
function isRouted(field: INodeProperties): boolean {
	const send = field.routing?.send;
	return typeof send?.property === 'string' && !send.property.startsWith('=') && send.value === undefined;
}

/** Text: a number or a flag is sent as text (a team name -1 becomes "-1"); anything else is refused. */
const checkText: FieldCheck = (value, field, { label, routed }) => {
	if (typeof value === 'string') {
		if (field.required && value.trim() === '') {
			return {
				problem: `${label}: a value is required, but it is empty`,
				description: 'If it comes from an expression, check that the expression gives a value for this item.',
			};
		}
		return { value };
	}
	if (!routed || field.typeOptions?.multipleValues) return { value };
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return { value: String(value) };
	return { problem: `${label}: expected text, got ${describeValue(value)}` };
};

/** A number, or text holding one, within the field's range and precision. */
const checkNumber: FieldCheck = (value, field, { label }) => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) return { problem: `${label}: ${describeValue(value)} is not a number` };
	const { minValue, maxValue, numberPrecision } = field.typeOptions ?? {};
	if (numberPrecision === 0 && !Number.isInteger(number)) return { problem: `${label}: must be a whole number, got ${number}` };
	if (typeof minValue === 'number' && number < minValue) return { problem: `${label}: must be at least ${minValue}, got ${number}` };
	if (typeof maxValue === 'number' && number > maxValue) return { problem: `${label}: must be at most ${maxValue}, got ${number}` };
	return { value: number };
};

/** A date as n8n gives it (see parseDate), sent as ISO 8601; an empty date is not sent at all. */
const checkDate: FieldCheck = (value, _field, { label, notInThePast }) => {
	if (value === '') return { value: undefined };
	const date = parseDate(value);
	if (!date) return { problem: `${label}: ${describeValue(value)} is not a valid date`, description: 'Use a date such as 2026-12-31T23:59:00Z.' };
	if (notInThePast && date.getTime() <= Date.now()) {
		return { problem: `${label}: ${date.toISOString()} is in the past`, description: 'Use a date in the future.' };
	}
	return { value: date.toISOString() };
};

/** A flag; the text "true" or "false" from an expression is read as one. */
const checkFlag: FieldCheck = (value, _field, { label, routed }) => {
	if (typeof value === 'boolean' || !routed) return { value };
	if (value === 'true' || value === 'false') return { value: value === 'true' };
	return { problem: `${label}: expected true or false, got ${describeValue(value)}` };
};

/** One of the field's options: a value of their type (text for a list loaded from Thinkeo), never an object. */
const checkOption: FieldCheck = (value, field, { label }) => {
	const listed = (field.options ?? []).flatMap((option) => ('value' in option ? [option.value] : []));
	const types = listed.length > 0 ? new Set(listed.map((option) => typeof option)) : new Set(['string']);
	if (types.has(typeof value)) return { value };
	const shown = listed.slice(0, 12).map((option) => JSON.stringify(option));
	return {
		problem: `${label}: ${describeValue(value)} is not one of its options`,
		description: shown.length > 0 ? `Give one of: ${shown.join(', ')}${listed.length > shown.length ? ', …' : ''}.` : 'Give the value of an option, as text.',
	};
};

/** The checks by declared type; fields of other types (IDs, JSON, collections' own) are checked by their own code. */
const FIELD_CHECKS: Partial<Record<NodePropertyTypes, FieldCheck>> = {
	string: checkText,
	number: checkNumber,
	dateTime: checkDate,
	boolean: checkFlag,
	options: checkOption,
};

/**
 * What the value an expression (or the editor) gave a field becomes by the field's declared type: the value to use
 * (converted where the type allows it: a number to text, numeric text to a number, a date to ISO 8601, "true" to a
 * flag) or a problem naming the field. It never throws, whatever the value.
 */
export function checkFieldValue(
	field: INodeProperties,
	value: unknown,
	{ label = field.displayName, notInThePast = false }: { label?: string; notInThePast?: boolean } = {},
): CheckedValue {
	const check = FIELD_CHECKS[field.type];
	return check ? check(value, field, { label, routed: isRouted(field), notInThePast }) : { value };
}

/** The request with `value` where the field's routing sends it (dot notation as n8n's), or without it when undefined. */
function withFieldValue(requestOptions: IHttpRequestOptions, field: INodeProperties, value: unknown): IHttpRequestOptions {
	const send = field.routing?.send;
	if (!send?.property) return requestOptions;
	const where = send.type === 'body' ? 'body' : 'qs';
	const path = send.propertyInDotNotation === false ? [send.property] : send.property.split('.');
	const target: IDataObject = { ...((requestOptions[where] as IDataObject) ?? {}) };
	let holder = target;
	for (const key of path.slice(0, -1)) {
		holder[key] = { ...((holder[key] as IDataObject) ?? {}) };
		holder = holder[key] as IDataObject;
	}
	const last = path[path.length - 1];
	if (value === undefined) delete holder[last];
	else holder[last] = value as IDataObject[string];
	return { ...requestOptions, [where]: target };
}

/**
 * preSend shared by every operation: each field is checked by its declared type (checkFieldValue) before anything
 * is sent, and the item stops with an error naming the field when its value is wrong: a blank required text, a
 * number out of range, a date that is not one (or in the past for the `notInThePast` parameters), an object given
 * to a text or an option. A value n8n's routing sends as it is goes in the field's type: a number given to a text
 * as text, a date as ISO 8601 (and an empty one not at all).
 */
export function validateFields(fields: INodeProperties[], notInThePast: string[] = []): PreSendAction {
	const checked = fieldPaths(fields).filter(({ field }) => FIELD_CHECKS[field.type]);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		let options = requestOptions;
		for (const { path, field } of checked) {
			// Hidden fields (displayOptions) and unset options are absent from the node's parameters: null.
			const value = this.getNodeParameter(path, null) as unknown;
			if (value === undefined || value === null) continue;
			const result = checkFieldValue(field, value, { notInThePast: notInThePast.includes(path) });
			if ('problem' in result) {
				throw inputError(this.getNode(), result.problem, { description: result.description, itemIndex: this.getItemIndex() });
			}
			if (result.value !== value && isRouted(field)) options = withFieldValue(options, field, result.value);
		}
		return options;
	};
}
