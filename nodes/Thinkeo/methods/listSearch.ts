import type { IHttpRequestMethods, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { QUERY_PAGE_SIZE } from '../shared/pagination';
import { thinkeoRequest } from '../shared/request';

interface Listed {
	id: string;
	name?: string;
	email?: string;
	version?: string;
}

type Search = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

function label(entry: Listed): string {
	const name = entry.name ?? entry.email ?? entry.version;
	return name ? `${name} (${entry.id})` : entry.id;
}

/**
 * "From list" search over a Thinkeo list endpoint. Query endpoints (POST …/query) are read page by page; the
 * others return everything at once. The filter is applied here because no search parameter is documented.
 */
function searchOver(method: IHttpRequestMethods, url: string): Search {
	const paged = method === 'POST';
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		const offset = Number(paginationToken ?? 0);
		const entries = (await thinkeoRequest.call(this, `listing ${url}`, {
			method,
			url,
			body: paged ? { limit: QUERY_PAGE_SIZE, offset } : undefined,
		})) as Listed[];
		const needle = (filter ?? '').toLowerCase();
		const results = entries
			.filter((entry) => !needle || label(entry).toLowerCase().includes(needle))
			.map((entry) => ({ name: label(entry), value: entry.id }));
		const more = paged && entries.length === QUERY_PAGE_SIZE;
		return { results, paginationToken: more ? String(offset + QUERY_PAGE_SIZE) : undefined };
	};
}

export const listSearch = {
	searchTeams: searchOver('GET', '/teams'),
	searchApps: searchOver('POST', '/apps/query'),
	searchAttributes: searchOver('POST', '/attributes/query'),
	searchBlocks: searchOver('POST', '/blocks/query'),
	searchPublications: searchOver('POST', '/publications/query'),
	searchTeamGroups: searchOver('GET', '/teams/groups'),
	searchTeamMembers: searchOver('GET', '/teams/users'),
	searchTokens: searchOver('GET', '/tokens'),
	searchAttributeViews: searchOver('GET', '/attributes/views'),
	searchBlockViews: searchOver('GET', '/blocks/views'),
	searchPublicationViews: searchOver('GET', '/publications/views'),
};
