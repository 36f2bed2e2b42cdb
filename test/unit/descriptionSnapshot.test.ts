import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { ThinkeoTrigger } from '../../nodes/Thinkeo/ThinkeoTrigger.node';
import { recordedDescriptions } from '../support/descriptionSnapshot';

// The descriptions as n8n serves them to the editor (JSON: the routing hooks, being functions, are not part of it).
// A refactor must leave them byte-identical; a change that means to alter them regenerates the file on purpose:
// THINKEO_UPDATE_DESCRIPTIONS=1 npx jest test/unit/descriptionSnapshot.test.ts
function served(): string {
	const descriptions = {
		node: new Thinkeo().description,
		trigger: new ThinkeoTrigger().description,
		credential: new ThinkeoApi(),
	};
	return `${JSON.stringify(descriptions, null, '\t')}\n`;
}

describe('node, trigger and credential descriptions', () => {
	it('are byte-identical to the recorded ones', () => {
		const now = served();
		expect(now).toBe(recordedDescriptions(now));
	});
});
