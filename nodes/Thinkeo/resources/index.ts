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

/** Every resource of the node with at least one operation; the first one is the default in the editor. */
export const resources = [
	publicationResource,
	appResource,
	attachmentResource,
	attributeResource,
	attributeViewResource,
	blockResource,
	blockViewResource,
	assignmentResource,
	publicationViewResource,
	teamResource,
	teamGroupResource,
	teamMemberResource,
	tokenResource,
	userResource,
	accountResource,
	apiResource,
].filter((resource) => resource.operations.length > 0);
