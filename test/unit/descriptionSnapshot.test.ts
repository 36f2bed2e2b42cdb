import * as fs from 'node:fs';
import * as path from 'node:path';
import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { ThinkeoTrigger } from '../../nodes/Thinkeo/ThinkeoTrigger.node';

// The descriptions as n8n serves them to the editor (JSON: the routing hooks, being functions, are not part of it).
// A refactor must leave them byte-identical; a change that means to alter them regenerates the file on purpose:
// THINKEO_UPDATE_DESCRIPTIONS=1 npx jest test/unit/descriptionSnapshot.test.ts
const snapshotFile = path.join(__dirname, 'fixtures', 'descriptions.json');

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
		if (process.env.THINKEO_UPDATE_DESCRIPTIONS === '1') fs.writeFileSync(snapshotFile, now);
		expect(now).toBe(fs.readFileSync(snapshotFile, 'utf8'));
	});
});
