import { defineResource } from '../../operationKit/builder';
import { createAttribute } from './create';
import { deleteAttribute } from './delete';
import { getAttribute } from './get';
import { getManyAttributes } from './getMany';
import { updateAttribute } from './update';

export const attributeResource = defineResource({
	value: 'attribute',
	name: 'Attribute',
	description: 'Attributes: the typed inputs (text, file, number, date, flag) that Apps fill in',
	operations: [createAttribute, getAttribute, getManyAttributes, updateAttribute, deleteAttribute],
});
