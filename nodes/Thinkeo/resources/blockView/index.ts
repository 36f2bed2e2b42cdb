import { defineResource } from '../../operation/builder';
import { viewOperations } from '../../operation/views';

export const blockViewResource = defineResource({
	value: 'blockView',
	name: 'Block View',
	description: 'Saved filtered views of blocks',
	operations: viewOperations({ basePath: '/blocks', noun: 'block', searchListMethod: 'searchBlockViews' }),
});
