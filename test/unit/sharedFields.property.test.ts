/**
 * withSharedFields keeps once the fields a resource's operations define alike (operationKit/sharedFields.ts): every
 * operation must still show the same fields, alike, in the same order, over generated field lists; and on the node's
 * own description, a parameter's expression is evaluated a few times per item, not once per operation having it.
 */
import fc from 'fast-check';
import type { INodeProperties, PreSendAction } from 'n8n-workflow';
import { Expression, updateDisplayOptions } from 'n8n-workflow';

import { withSharedFields } from '../../nodes/Thinkeo/operationKit/sharedFields';
import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { runThinkeoNode } from '../support/inprocess';
import type { Sandbox } from '../support/e2e';
import { sandboxWithPublication } from '../support/e2e';

const OPERATIONS = ['get', 'update', 'delete', 'getMany', 'create'];

/** A field as an operation file writes it: few names, few variants, sometimes with its own display condition or hook. */
const hooks: PreSendAction[] = [async (options) => options, async (options) => ({ ...options })];
const field: fc.Arbitrary<FieldSpec> = fc.record({
	name: fc.constantFrom('id', 'returnAll', 'limit', 'options'),
	description: fc.constantFrom('The ID', 'Another text'),
	returnAllOnly: fc.boolean(),
	hook: fc.constantFrom(undefined, 0, 1),
});
/** Operations with their fields, in the order the builder lays them out. */
const resource = fc.uniqueArray(fc.constantFrom(...OPERATIONS), { minLength: 1, maxLength: OPERATIONS.length }).chain((operations) =>
	fc.tuple(...operations.map((operation) => fc.array(field, { maxLength: 4 }).map((fields) => [operation, fields] as const))),
);

interface FieldSpec {
	name: string;
	description: string;
	returnAllOnly: boolean;
	hook: number | undefined;
}

function laidOut(operations: ReadonlyArray<readonly [string, FieldSpec[]]>) {
	return operations.flatMap(([operation, fields]) =>
		updateDisplayOptions(
			{ show: { resource: ['thing'], operation: [operation] } },
			fields.map(
				(f): INodeProperties => ({
					displayName: f.name,
					name: f.name,
					type: 'string',
					default: '',
					description: f.description,
					...(f.returnAllOnly && { displayOptions: { show: { returnAll: [false] } } }),
					...(f.hook !== undefined && { routing: { send: { preSend: [hooks[f.hook]] } } }),
				}),
			),
		),
	);
}

/** What `operation` shows, in order, each field without the operations it is shown for. */
function shownFor(fields: INodeProperties[], operation: string) {
	return fields
		.filter((f) => (f.displayOptions?.show?.operation as string[]).includes(operation))
		.map((f) => ({ ...f, displayOptions: { ...f.displayOptions, show: { ...f.displayOptions?.show, operation: [] } } }));
}

describe('withSharedFields', () => {
	it('leaves every operation its fields, alike and in the same order', () => {
		fc.assert(
			fc.property(resource, (operations) => {
				const fields = laidOut(operations);
				const shared = withSharedFields(fields);
				for (const [operation] of operations) expect(shownFor(shared, operation)).toEqual(shownFor(fields, operation));
				// Hooks are kept, by identity.
				const hooksOf = (list: INodeProperties[]) => list.flatMap((f) => f.routing?.send?.preSend ?? []);
				expect(new Set(hooksOf(shared))).toEqual(new Set(hooksOf(fields)));
			}),
		);
	});

	it('keeps once a field its operations define alike, at the head of each', () => {
		const fields = laidOut([
			['get', [{ name: 'id', description: 'The ID', returnAllOnly: false, hook: undefined }]],
			['update', [{ name: 'id', description: 'The ID', returnAllOnly: false, hook: undefined }, { name: 'options', description: 'The ID', returnAllOnly: false, hook: undefined }]],
			['delete', [{ name: 'id', description: 'The ID', returnAllOnly: false, hook: 0 }]],
		]);
		expect(withSharedFields(fields).map((f) => [f.name, f.displayOptions?.show?.operation])).toEqual([
			['id', ['get', 'update']],
			['options', ['update']],
			['id', ['delete']],
		]);
	});
});

describe('withSharedFields, values JSON cannot tell apart', () => {
	it.each([
		['a RegExp', /a/, /b/],
		['NaN and Infinity', Number.NaN, Number.POSITIVE_INFINITY],
	])('keeps apart fields that differ only in %s', (_label, first, second) => {
		const fields = [first, second].map((value, index) => ({
			displayName: 'ID',
			name: 'id',
			type: 'string' as const,
			default: '',
			typeOptions: { odd: value } as never,
			displayOptions: { show: { resource: ['thing'], operation: [`op${index}`] } },
		}));
		expect(withSharedFields(fields)).toHaveLength(2);
	});
});

describe("the node's description, run by n8n-core against the sandbox", () => {
	let sandbox: Sandbox;
	let token: string;
	let publicationId: string;

	beforeAll(async () => {
		({ sandbox, token, publicationId } = await sandboxWithPublication('shared fields'));
	}, 60_000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	it('evaluates an expression in Publication ID (a field of 7 operations) once per walk of n8n, not once per operation', async () => {
		const properties = new Thinkeo().description.properties;
		const publicationIdFields = properties.filter((property) => property.name === 'publicationId');
		expect(publicationIdFields).toHaveLength(1);
		expect(publicationIdFields[0].displayOptions?.show?.operation).toHaveLength(7);

		const evaluated: string[] = [];
		const original = Expression.prototype.resolveSimpleParameterValue;
		const resolve = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (this: Expression, value, ...rest) {
			if (value === '={{ $json.id }}') evaluated.push(value);
			return original.call(this, value, ...rest);
		});
		const items = Array.from({ length: 5 }, () => ({ json: { id: publicationId } }));
		try {
			const run = await runThinkeoNode({
				baseUrl: sandbox.apiUrl,
				apiToken: token,
				parameters: { resource: 'publication', operation: 'get', publicationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
				items,
			});
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json.id)).toEqual(items.map(() => publicationId));
		} finally {
			resolve.mockRestore();
		}
		// n8n's two walks over the properties (the request, the base URL check), and the node's own read (the ID's check
		// and the URL): 16 per item when each of the 7 operations had its own field and the node read it twice.
		expect(evaluated.length / items.length).toBe(2 * publicationIdFields.length + 1);
	});
});
