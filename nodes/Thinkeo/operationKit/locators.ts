import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';

import { describeValue } from '../transport/apiMessage';
import { UUID_PATTERN } from '../transport/httpFacts';
import { inputError } from '../transport/inputError';

const UUID = new RegExp(`^${UUID_PATTERN}$`);

export function isUuid(value: unknown): boolean {
	return typeof value === 'string' && UUID.test(value);
}

interface LocatorOptions {
	/** Parameter name, e.g. `appId`. */
	name: string;
	/** What the ID identifies, e.g. `App`; used in labels and error messages. */
	label: string;
	/** listSearch method filling "From list"; omitted where Thinkeo has no list endpoint to search. */
	searchListMethod?: string;
	description?: string;
	required?: boolean;
}

/** A resource locator with "From list", "By ID" (a UUID) and "By URL" (any Thinkeo URL that contains the ID). */
export function idLocator({ name, label, searchListMethod, description, required = true }: LocatorOptions): INodeProperties {
	return {
		displayName: `${label}`,
		name,
		type: 'resourceLocator',
		default: { mode: searchListMethod ? 'list' : 'id', value: '' },
		required,
		description: description ?? `The ${label} to use`,
		modes: [
			...(searchListMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							typeOptions: { searchListMethod, searchable: true },
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b',
				validation: [
					{
						type: 'regex',
						properties: { regex: `^${UUID_PATTERN}$`, errorMessage: `Not a valid ${label} ID: expected a UUID` },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://platform.thinkeo.io/…/0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b',
				validation: [
					{
						type: 'regex',
						properties: { regex: `.*${UUID_PATTERN}.*`, errorMessage: `The URL does not contain a ${label} ID` },
					},
				],
				extractValue: { type: 'regex', regex: `(${UUID_PATTERN})` },
			},
		],
	};
}

/**
 * The value of an ID field when it is a UUID, '' when an optional one is empty; otherwise an error naming the
 * field and what it got: `App: "abc" is not a valid ID`, `App: an object is not a valid ID` (an expression's `{}`).
 */
export function checkedId(
	node: INode,
	label: string,
	value: unknown,
	{ required, itemIndex }: { required: boolean; itemIndex?: number },
): string {
	if (value === '' || value === undefined || value === null) {
		if (!required) return '';
		throw inputError(node, `${label}: no ID given`, {
			description: `Pick the ${label} from the list, or enter its ID or a Thinkeo URL containing it.`,
			itemIndex,
		});
	}
	if (!isUuid(value)) {
		throw inputError(node, `${label}: ${describeValue(value)} is not a valid ID`, {
			description: 'Thinkeo IDs are UUIDs such as 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b.',
			itemIndex,
		});
	}
	return value as string;
}

/** Parameter paths and labels of the ID fields (resource locators), in collections too. */
export function locatorPaths(fields: INodeProperties[]): Array<{ path: string; label: string }> {
	return fields.flatMap((field) => {
		if (field.type === 'resourceLocator') return [{ path: field.name, label: field.displayName }];
		if (field.type === 'collection') {
			return locatorPaths((field.options ?? []) as INodeProperties[]).map(({ path, label }) => ({
				path: `${field.name}.${path}`,
				label,
			}));
		}
		return [];
	});
}

/**
 * What would change the endpoint once put in the path: `.` and `..` (URLs resolve them, so version `..` on
 * /apps/{appId}/versions/{version}/clone reaches /apps/{appId}/clone), a separator (`/`, `\\`, `?`, `#`), a `%`
 * (a server or proxy may decode `%2e%2e` or `%2f`) and control characters.
 */
const ENDPOINT_CHANGING = /^\.{1,2}$|[/\\?#%]|\p{Cc}/u;

/** The text of a parameter's `field` value filling a `{placeholder}` of the path, required, and unable to change the endpoint. */
function pathSegment(this: IExecuteSingleFunctions, field: unknown, label: string): string {
	if (field !== null && field !== undefined && typeof field !== 'string' && typeof field !== 'number') {
		throw inputError(this.getNode(), `${label}: expected text, got ${describeValue(field)}`, { itemIndex: this.getItemIndex() });
	}
	const text = String(field ?? '').trim();
	if (!text) {
		throw inputError(this.getNode(), `${label}: a value is required`, { itemIndex: this.getItemIndex() });
	}
	if (ENDPOINT_CHANGING.test(text)) {
		throw inputError(this.getNode(), `${label}: "${text}" cannot be used, it would change the API path`, {
			description: `${label} goes into the request path, so it cannot be "." or "..", nor contain /, \\, ?, # or %.`,
			itemIndex: this.getItemIndex(),
		});
	}
	return text;
}

/**
 * preSend shared by every operation: checks that each ID field holds a UUID before anything is sent (so a typo
 * reads "App: … is not a valid ID", not an opaque 404), then fills the `{parameter}` placeholders of the
 * operation's path, e.g. `/apps/{appId}/versions/{version}`, with the parameters' values, URL-encoded, after
 * checking that none would change the endpoint (`..`, `/`).
 */
export function resolveIds(fields: INodeProperties[]): PreSendAction {
	const paths = locatorPaths(fields);
	const labels = new Map(fields.map((field) => [field.name, field.displayName]));
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		// Each value read once: n8n evaluates a parameter's expression again at each read.
		const values = new Map<string, unknown>();
		const valueOf = (path: string) => {
			if (!values.has(path)) values.set(path, this.getNodeParameter(path, '', { extractValue: true }));
			return values.get(path);
		};
		for (const { path, label } of paths) {
			// IDs inside a collection are optional fields.
			checkedId(this.getNode(), label, valueOf(path), { required: !path.includes('.'), itemIndex: this.getItemIndex() });
		}
		const url = requestOptions.url.replace(/\{(\w+)\}/g, (_placeholder, name: string) =>
			encodeURIComponent(pathSegment.call(this, valueOf(name), labels.get(name) ?? name)),
		);
		return { ...requestOptions, url };
	};
}
