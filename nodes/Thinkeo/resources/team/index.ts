import { defineResource } from '../../shared/operation';
import { getManyTeams } from './getMany';

export const teamResource = defineResource({
	value: 'team',
	name: 'Team',
	description: 'Thinkeo teams: the workspaces that own Apps, publications and API tokens',
	operations: [getManyTeams],
});
