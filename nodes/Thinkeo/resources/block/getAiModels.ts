import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const getAiModels = defineOperation({
	value: 'getAiModels',
	name: 'Get AI Models',
	action: 'Get the AI models for AI blocks',
	description:
		'List the AI models that AI blocks can use (the value goes in the block data as "model"), one item per model (GET /blocks/ai-models)',
	routing: { request: { method: 'GET', url: '/blocks/ai-models' } },
	fields: returnAllAndLimit(),
});
