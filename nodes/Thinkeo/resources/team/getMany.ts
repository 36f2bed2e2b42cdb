import { defineOperation } from '../../operationKit/builder';
import { returnAllAndLimit } from '../../operationKit/fields';

export const getManyTeams = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many teams',
	description: 'List the Thinkeo teams the credential can access, one item per team with its ID and name (GET /teams)',
	routing: { request: { method: 'GET', url: '/teams' } },
	fields: returnAllAndLimit(),
});
