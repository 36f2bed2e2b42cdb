import { defineResource } from '../../operationKit/builder';
import { attachBlockChild } from './attachChild';
import { createBlock } from './create';
import { deepCopyBlock } from './deepCopy';
import { deleteBlock } from './delete';
import { detachBlockChild } from './detachChild';
import { getBlock } from './get';
import { getAiModels } from './getAiModels';
import { getBlockChildren } from './getChildren';
import { getBlockGraph } from './getGraph';
import { getManyBlocks } from './getMany';
import { renderBlock } from './render';
import { shallowCopyBlock } from './shallowCopy';
import { updateBlock } from './update';

export const blockResource = defineResource({
	value: 'block',
	name: 'Block',
	description: 'Blocks: the building pieces of an App (AI, paragraph, group, Word, PowerPoint…)',
	operations: [
		createBlock,
		getBlock,
		getManyBlocks,
		updateBlock,
		deleteBlock,
		getBlockChildren,
		attachBlockChild,
		detachBlockChild,
		shallowCopyBlock,
		deepCopyBlock,
		getAiModels,
		getBlockGraph,
		renderBlock,
	],
});
