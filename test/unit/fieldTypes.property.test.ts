/**
 * The field checks by declared type (operationKit/validation.ts) and the ID checks (operationKit/locators.ts), searched
 * over values of every JavaScript type, as expressions can give them: never a raw error, always either a value of
 * the field's type (converted where the type allows it) or an error naming the field.
 */
import fc from 'fast-check';
import type { IExecuteSingleFunctions, IHttpRequestOptions, INode, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { resolveIds } from '../../nodes/Thinkeo/operationKit/locators';
import { checkFieldValue, validateFields } from '../../nodes/Thinkeo/operationKit/validation';
import { appLocator, versionField } from '../../nodes/Thinkeo/resources/app/common';

const NODE = { name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} } as unknown as INode;

const routed = (property: string): INodeProperties['routing'] => ({ send: { type: 'body', property } });

/** One field of each declared type the checks know, and of some they leave to their own code. */
const FIELDS: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, routing: routed('name') },
	{ displayName: 'Description', name: 'description', type: 'string', default: '', routing: routed('description') },
	{ displayName: 'User IDs', name: 'userIds', type: 'string', default: '', required: true },
	{ displayName: 'Values', name: 'values', type: 'string', default: '', typeOptions: { multipleValues: true }, routing: routed('values') },
	{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1, maxValue: 100 }, routing: routed('limit') },
	{ displayName: 'Seed', name: 'seed', type: 'number', default: 0, typeOptions: { numberPrecision: 0 } },
	{ displayName: 'Expiration', name: 'expiration', type: 'dateTime', default: '', routing: routed('expiration') },
	{ displayName: 'Multiple', name: 'multiple', type: 'boolean', default: false, routing: routed('multiple') },
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false },
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		default: 'paragraph',
		options: [
			{ name: 'Paragraph', value: 'paragraph' },
			{ name: 'Group', value: 'group' },
		],
		routing: routed('kind'),
	},
	{ displayName: 'Version', name: 'version', type: 'options', default: 'latest', typeOptions: { loadOptionsMethod: 'getAppVersions' } },
	{
		displayName: 'Level',
		name: 'level',
		type: 'options',
		default: 1,
		options: [
			{ name: 'Low', value: 1 },
			{ name: 'High', value: 2 },
		],
	},
	{ displayName: 'Data (JSON)', name: 'data', type: 'json', default: '{}' },
];

/** Anything an expression could give, and more: dates valid or not, Luxon-like DateTimes, objects without a prototype. */
const values = fc.oneof(
	fc.anything({
		maxDepth: 3,
		withBigInt: true,
		withDate: true,
		withMap: true,
		withSet: true,
		withNullPrototype: true,
		withObjectString: true,
		withSparseArray: true,
		withTypedArray: true,
		withBoxedValues: true,
		withUnicodeString: true,
	}),
	fc.constantFrom(NaN, Infinity, -Infinity, -0, 8.64e15 + 1, '', '   ', 'true', 'false', '12', ' 7 ', '2099-01-01T00:00:00Z', 'paragraph'),
	fc.date(),
	fc.constant(new Date(Number.NaN)),
	fc.option(fc.date(), { nil: null }).map((date) => ({ toISO: () => (date ? date.toISOString() : null) })),
	// Something that only looks like a DateTime: its toISO throws (found by a random seed: an invalid fc.date above).
	fc.constant({
		toISO: () => {
			throw new RangeError('Invalid time value');
		},
	}),
	fc.func(fc.anything()),
	fc.string().map((description) => Symbol(description)),
);

function typeHolds(field: INodeProperties, value: unknown): boolean {
	const isRouted = !!field.routing?.send?.property;
	switch (field.type) {
		case 'string':
			return !isRouted || !!field.typeOptions?.multipleValues || typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'dateTime':
			return value === undefined || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
		case 'boolean':
			return !isRouted || typeof value === 'boolean';
		case 'options': {
			const listed = (field.options ?? []).map((option) => (option as { value: unknown }).value);
			return (listed.length ? listed.map((option) => typeof option) : ['string']).includes(typeof value);
		}
		default:
			return true;
	}
}

describe('the field checks by declared type', () => {
	it('give a value of the field type, or a problem naming the field, and never throw', () => {
		fc.assert(
			fc.property(fc.constantFrom(...FIELDS), values, (field, value) => {
				const result = checkFieldValue(field, value);
				if ('problem' in result) {
					expect(result.problem.startsWith(`${field.displayName}: `)).toBe(true);
					expect(result.problem.length).toBeLessThan(300);
				} else {
					expect(typeHolds(field, result.value)).toBe(true);
				}
			}),
			{ numRuns: 5000 },
		);
	});

	it('stop the item with an error naming the field, or send every routed value in its type', async () => {
		const check = validateFields(FIELDS);
		await fc.assert(
			fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS.map((field) => field.name)), values), async (parameters) => {
				const context = {
					getNode: () => NODE,
					getItemIndex: () => 0,
					getNodeParameter: (name: string, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
				} as unknown as IExecuteSingleFunctions;
				// The request as n8n's routing builds it: each routed value as it is.
				const body = Object.fromEntries(FIELDS.filter((field) => field.routing).map((field) => [field.name, parameters[field.name]]));
				try {
					const options = await check.call(context, { url: '/x', body });
					for (const field of FIELDS.filter((candidate) => candidate.routing && !candidate.typeOptions?.multipleValues)) {
						const sent = (options.body as Record<string, unknown>)[field.name];
						if (sent !== undefined && sent !== null) expect(typeHolds(field, sent)).toBe(true);
					}
				} catch (error) {
					expect(error).toBeInstanceOf(NodeApiError);
					const label = FIELDS.find((field) => (error as Error).message.startsWith(`${field.displayName}: `));
					expect(label).toBeDefined();
				}
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('the ID and path checks', () => {
	it('pass a UUID and a usable path part, and name the field for anything else', async () => {
		const preSend = resolveIds([appLocator('The App'), versionField]) as (
			this: IExecuteSingleFunctions,
			options: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const ids = fc.oneof(values, fc.uuid());
		await fc.assert(
			fc.asyncProperty(ids, fc.oneof(values, fc.constantFrom('latest', '1.0.0')), async (appId, version) => {
				const parameters: Record<string, unknown> = { appId, version };
				const context = {
					getNode: () => NODE,
					getItemIndex: () => 0,
					getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
				} as unknown as IExecuteSingleFunctions;
				try {
					const { url } = await preSend.call(context, { method: 'POST', url: '/apps/{appId}/versions/{version}/clone' });
					expect(url).toMatch(/^\/apps\/[0-9a-f-]{36}\/versions\/[^/?#]+\/clone$/i);
				} catch (error) {
					expect(error).toBeInstanceOf(NodeApiError);
					expect((error as Error).message).toMatch(/^(App|Version): /);
					expect((error as Error).message).not.toContain('[object ');
				}
			}),
			{ numRuns: 3000 },
		);
	});
});
