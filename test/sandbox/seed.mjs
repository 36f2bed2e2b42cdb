// Seeded fixtures of the Thinkeo sandbox. Ids are fixed (UUIDv7-looking, like the real API's) so
// tests can import them; everything created at run time gets a random UUID instead.

function deepFreeze(value) {
	for (const child of Object.values(value)) {
		if (child && typeof child === 'object') deepFreeze(child);
	}
	return Object.freeze(value);
}

export const DEMO_TEAM = deepFreeze({
	id: '0192f0a1-7c3e-7a10-8b2c-1d4e5f6a7b01',
	name: 'Demo Team',
	stripeCustomerId: 'cus_SandboxDemo01',
	aiConfig: {
		model: 'gpt-4o-mini',
		temperature: 0.7,
		systemPrompt: null,
		frequencyPenalty: null,
		presencePenalty: null,
	},
});

export const ALPHA_TEAM = deepFreeze({
	id: '0192f0a1-7c3e-7a10-8b2c-1d4e5f6a7b02',
	name: 'Alpha Team',
	stripeCustomerId: 'cus_SandboxAlpha02',
	aiConfig: null,
});

export const BETA_TEAM = deepFreeze({
	id: '0192f0a1-7c3e-7a10-8b2c-1d4e5f6a7b03',
	name: 'Beta Team',
	stripeCustomerId: null,
	aiConfig: null,
});

export const TEAMS = deepFreeze([DEMO_TEAM, ALPHA_TEAM, BETA_TEAM]);

export const DEMO_ACCOUNT = deepFreeze({
	id: '0192f0a2-1111-7b00-9a00-000000000001',
	email: 'demo@thinkeo.test',
	password: 'demo-password',
	teamIds: [DEMO_TEAM.id],
});

export const MULTI_ACCOUNT = deepFreeze({
	id: '0192f0a2-1111-7b00-9a00-000000000002',
	email: 'multi@thinkeo.test',
	password: 'multi-password',
	teamIds: [ALPHA_TEAM.id, BETA_TEAM.id],
});

export const LONELY_ACCOUNT = deepFreeze({
	id: '0192f0a2-1111-7b00-9a00-000000000003',
	email: 'lonely@thinkeo.test',
	password: 'lonely-password',
	teamIds: [],
});

export const ACCOUNTS = deepFreeze([DEMO_ACCOUNT, MULTI_ACCOUNT, LONELY_ACCOUNT]);

// Every seeded App renders the same report template (render.mjs) from its title/topics/appendix. The Demo App also
// has one attribute of each other kind (number, date, flag, a second file), which the template shows when set.
export const DEMO_APP = deepFreeze({
	id: '0192f0a3-2222-7c00-8d00-0000000000a1',
	teamId: DEMO_TEAM.id,
	name: 'Demo Report',
	latestVersion: '1.0.0',
	versions: ['1.0.0', 'preview'],
	attributes: {
		title: {
			id: '0192f0a4-3333-7d00-8e00-0000000000b1',
			name: 'Title',
			kind: 'text',
			multiple: false,
		},
		topics: {
			id: '0192f0a4-3333-7d00-8e00-0000000000b2',
			name: 'Topics',
			kind: 'text',
			multiple: true,
		},
		appendix: {
			id: '0192f0a4-3333-7d00-8e00-0000000000b3',
			name: 'Appendix',
			kind: 'file',
			multiple: false,
		},
		budget: { id: '0192f0a4-3333-7d00-8e00-0000000000d2', name: 'Budget', kind: 'number', multiple: false },
		dueDate: { id: '0192f0a4-3333-7d00-8e00-0000000000d3', name: 'Due Date', kind: 'date', multiple: false },
		confidential: { id: '0192f0a4-3333-7d00-8e00-0000000000d4', name: 'Confidential', kind: 'flag', multiple: false },
		logo: { id: '0192f0a4-3333-7d00-8e00-0000000000d5', name: 'Logo', kind: 'file', multiple: false },
	},
});

// Owned by Alpha Team: a Demo Team token must get 404 for it.
export const ALPHA_APP = deepFreeze({
	id: '0192f0a3-2222-7c00-8d00-0000000000a2',
	teamId: ALPHA_TEAM.id,
	name: 'Alpha Report',
	latestVersion: '1.0.0',
	versions: ['1.0.0', 'preview'],
	attributes: {
		title: {
			id: '0192f0a4-3333-7d00-8e00-0000000000c1',
			name: 'Title',
			kind: 'text',
			multiple: false,
		},
		topics: {
			id: '0192f0a4-3333-7d00-8e00-0000000000c2',
			name: 'Topics',
			kind: 'text',
			multiple: true,
		},
		appendix: {
			id: '0192f0a4-3333-7d00-8e00-0000000000c3',
			name: 'Appendix',
			kind: 'file',
			multiple: false,
		},
	},
});

export const APPS = deepFreeze([DEMO_APP, ALPHA_APP]);
