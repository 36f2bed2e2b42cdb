import { defineResource } from '../../shared/operation';

export const attributeResource = defineResource({
	value: 'attribute',
	name: 'Attribute',
	description: 'Attributes: the typed inputs (text, file, number, date, flag) that Apps fill in',
	operations: [],
});
