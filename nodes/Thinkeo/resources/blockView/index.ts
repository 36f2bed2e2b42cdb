import { defineResource } from '../../shared/operation';
import { viewOperations } from '../../shared/views';

export const blockViewResource = defineResource({
	value: 'blockView',
	name: 'Block View',
	description: 'Saved filtered views of blocks',
	operations: viewOperations({ basePath: '/blocks', noun: 'block', searchListMethod: 'searchBlockViews' }),
});
