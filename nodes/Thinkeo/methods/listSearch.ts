import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

interface Named {
	id: string;
	name?: string;
}

function matching(entries: Named[], filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').toLowerCase();
	return {
		results: entries
			.filter(({ id, name }) => !needle || `${name ?? ''} ${id}`.toLowerCase().includes(needle))
			.map(({ id, name }) => ({ name: name ? `${name} (${id})` : id, value: id })),
	};
}

export async function searchTeams(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const teams = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkeoApi', {
		method: 'GET',
		url: `${String((await this.getCredentials('thinkeoApi')).baseUrl).replace(/\/+$/, '')}/teams`,
		json: true,
	})) as Named[];
	return matching(teams, filter);
}
