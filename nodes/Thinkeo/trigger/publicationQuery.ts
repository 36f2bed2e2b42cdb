import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { checkedId } from '../operationKit/locators';
import type { PageReader } from '../transport/paging';
import { QUERY_PAGE_SIZE, readEveryPage, recordKey } from '../transport/paging';
import { thinkeoRequest } from '../transport/request';
import { asRecords } from './listAnswer';

/** The App filter of New Publication and New Attachment (Recent Publications); empty for every App. */
export function appFilter(this: IPollFunctions): string {
	return checkedId(this.getNode(), 'App', this.getNodeParameter('appId', '', { extractValue: true }), {
		required: false,
	});
}

/**
 * Pages of the team's publications, or of one App's. INFERRED: the reference documents no sort or date filter for
 * POST /publications/query; pages are read with the node's shared paging (limit/offset, not trusted: see
 * readEveryPage), and the order the list comes in is relied on in trigger/publicationPoll.ts only.
 */
export function publicationPages(this: IPollFunctions, appId: string): PageReader<IDataObject> {
	return async (limit, offset) =>
		asRecords.call(
			this,
			await thinkeoRequest.call(this, 'listing publications', {
				method: 'POST',
				url: '/publications/query',
				body: { ...(appId ? { appId } : {}), limit, offset },
			}),
			'POST /publications/query',
		);
}

/** The appId filter of the query body is inferred too; the Publication schema documents appId on each record. */
export const ofApp = (appId: string) => (publication: IDataObject) => !appId || publication.appId === appId;

/** Every publication of the team, or of one App. */
export async function listPublications(this: IPollFunctions, appId: string): Promise<IDataObject[]> {
	const publications = await readEveryPage(publicationPages.call(this, appId), recordKey, QUERY_PAGE_SIZE);
	return publications.filter(ofApp(appId));
}
