import type { FieldType } from 'n8n-workflow';

/**
 * The attribute kinds of Thinkeo (Text, Number, Date, Flag, File) and how a value from n8n becomes what
 * POST /publications takes: every value a string, in a list. The reference names the kinds but not their formats
 * (INFERRED, kept here only): numbers in plain decimal notation, dates ISO 8601, flags "true"/"false", files a URL.
 */
export type AttributeKind = 'text' | 'number' | 'date' | 'flag' | 'file';

export interface AppAttribute {
	id: string;
	name: string;
	kind: AttributeKind;
}

export const FLAG_TRUE = 'true';
export const FLAG_FALSE = 'false';

/** Why a value was refused; caught in convertAttributeValue, which reports it. */
class AttributeValueError extends Error {}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value));

function asText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString();
	throw new AttributeValueError(`${show(value)} is not text`);
}

function asNumber(value: unknown): string {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(number)) throw new AttributeValueError(`${show(value)} is not a number`);
	return String(number);
}

/** A Luxon DateTime, as n8n expressions such as {{ $now }} give; recognised by shape, Luxon is not a dependency. */
function isDateTimeLike(value: unknown): value is { toISO: () => string | null } {
	return typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function';
}

function asDate(value: unknown): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (isDateTimeLike(value)) {
		const iso = value.toISO();
		if (iso) return new Date(iso).toISOString();
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (ISO_8601.test(text) && !Number.isNaN(Date.parse(text))) {
			// A calendar date stays a date; a date with a time becomes UTC, so every item sends the same form.
			return DATE_ONLY.test(text) ? text : new Date(text).toISOString();
		}
	}
	throw new AttributeValueError(`${show(value)} is not an ISO 8601 date (e.g. 2026-12-31 or 2026-12-31T09:30:00Z)`);
}

function asFlag(value: unknown): string {
	if (typeof value === 'boolean') return value ? FLAG_TRUE : FLAG_FALSE;
	const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
	if (TRUE_WORDS.has(word)) return FLAG_TRUE;
	if (FALSE_WORDS.has(word)) return FLAG_FALSE;
	throw new AttributeValueError(`${show(value)} is not a flag (use true or false)`);
}

function asFileUrl(value: unknown): string {
	if (typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim())) return value.trim();
	throw new AttributeValueError(
		`${show(value)} is not a file URL (http or https); to send a file of this item, name its binary field under Files From Binary Data`,
	);
}

interface KindSpec {
	/** How the editor's mapper shows the attribute. */
	fieldType: FieldType;
	convert: (value: unknown) => string;
}

const KINDS: Record<AttributeKind, KindSpec> = {
	text: { fieldType: 'string', convert: asText },
	number: { fieldType: 'number', convert: asNumber },
	date: { fieldType: 'dateTime', convert: asDate },
	flag: { fieldType: 'boolean', convert: asFlag },
	file: { fieldType: 'url', convert: asFileUrl },
};

export function isAttributeKind(kind: unknown): kind is AttributeKind {
	return typeof kind === 'string' && kind in KINDS;
}

export function mapperFieldType(kind: AttributeKind): FieldType {
	return KINDS[kind].fieldType;
}

/** The kind a mapper column was shown as; undefined for a column type this node does not produce. */
export function kindOfMapperFieldType(fieldType: unknown): AttributeKind | undefined {
	return (Object.keys(KINDS) as AttributeKind[]).find((kind) => KINDS[kind].fieldType === fieldType);
}

/** Whether a mapped value means "not given": the mapper leaves unfilled columns empty. */
export function isEmptyValue(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The strings to send for one attribute: a list gives several values, each converted by the attribute's kind.
 * A value that does not fit gives `problem`, naming the value; the caller adds the attribute and the item.
 */
export function convertAttributeValue(kind: AttributeKind, value: unknown): { values: string[] } | { problem: string } {
	const values = Array.isArray(value) ? value : [value];
	try {
		return {
			values: values.filter((entry) => !isEmptyValue(entry)).map((entry) => {
				if (Array.isArray(entry)) throw new AttributeValueError(`${show(entry)} is a nested list; give a flat list of values`);
				return KINDS[kind].convert(entry);
			}),
		};
	} catch (error) {
		return { problem: (error as Error).message };
	}
}
