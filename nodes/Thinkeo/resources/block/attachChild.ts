import { optionsCollection } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { blockLocator, childBlockLocator } from './fields';

export const attachBlockChild = defineOperation({
	value: 'attachChild',
	name: 'Attach Child',
	action: 'Attach a child block',
	description:
		"Add a block as a child of a parent block, or move it if it is already one, optionally at a given position. Returns Thinkeo's answer, or success: true when it is empty (PUT /blocks/{blockId}/children/{childId}).",
	routing: { request: { method: 'PUT', url: '/blocks/{blockId}/children/{childId}' } },
	fields: [
		blockLocator('The parent block'),
		childBlockLocator('The block to attach'),
		optionsCollection([
			{
				displayName: 'Position',
				name: 'position',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'Index among the children, starting at 0. Without it the child goes last.',
				// INFERRED: the reference shows no body for this endpoint; the position travels as {"position": n}.
				routing: { send: { type: 'body', property: 'position' } },
			},
		]),
	],
});
