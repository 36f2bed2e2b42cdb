// Every API route, one module per resource. A module exports `routes` and, when it keeps records,
// `seed(store)`, which fills its collections after each reset.
import * as apps from './apps.mjs';
import * as assignments from './assignments.mjs';
import * as attachments from './attachments.mjs';
import * as attributes from './attributes.mjs';
import * as auth from './auth.mjs';
import * as blocks from './blocks.mjs';
import * as docs from './docs.mjs';
import * as publications from './publications.mjs';
import * as teams from './teams.mjs';
import * as tokens from './tokens.mjs';
import * as users from './users.mjs';

const modules = [teams, tokens, attachments, publications, apps, assignments, attributes, blocks, users, auth, docs];

export const apiRoutes = modules.flatMap((module) => module.routes);
export const seeders = modules.map((module) => module.seed).filter(Boolean);
