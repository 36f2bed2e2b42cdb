import { accountResource } from './account';
import { apiResource } from './api';
import { appResource } from './app';
import { assignmentResource } from './assignment';
import { attachmentResource } from './attachment';
import { attributeResource } from './attribute';
import { attributeViewResource } from './attributeView';
import { blockResource } from './block';
import { blockViewResource } from './blockView';
import { publicationResource } from './publication';
import { publicationViewResource } from './publicationView';
import { teamResource } from './team';
import { teamGroupResource } from './teamGroup';
import { teamMemberResource } from './teamMember';
import { tokenResource } from './token';
import { userResource } from './user';

/**
 * Every resource of the node with at least one operation, in the order of what users do most: generating
 * publications first (the default in the editor), then the Apps and their parts, teams and tokens; the account flows,
 * which need no team, last. The editor's Resource list and n8n's nodes panel show them in this order.
 */
export const resources = [
	publicationResource,
	publicationViewResource,
	attachmentResource,
	appResource,
	attributeResource,
	attributeViewResource,
	blockResource,
	blockViewResource,
	assignmentResource,
	teamResource,
	teamGroupResource,
	teamMemberResource,
	tokenResource,
	userResource,
	apiResource,
	accountResource,
].filter((resource) => resource.operations.length > 0);
