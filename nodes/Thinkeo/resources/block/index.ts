import { defineResource } from '../../shared/operation';

export const blockResource = defineResource({
	value: 'block',
	name: 'Block',
	description: 'Blocks: the building pieces of an App (AI, paragraph, group, Word, PowerPoint…)',
	operations: [],
});
