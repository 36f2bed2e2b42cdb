// The recorded descriptions of test/unit/descriptionSnapshot.test.ts. CommonJS: the TypeScript tests may not use
// Node's fs, path or process (n8n's strict lint applies to them too).
const fs = require('fs');
const path = require('path');

const snapshotFile = path.join(__dirname, '..', 'unit', 'fixtures', 'descriptions.json');

/**
 * The recorded text; with THINKEO_UPDATE_DESCRIPTIONS=1 it first records `current` (a change meant to alter the
 * descriptions regenerates the file on purpose).
 * @param {string} current @returns {string}
 */
function recordedDescriptions(current) {
	if (process.env.THINKEO_UPDATE_DESCRIPTIONS === '1') fs.writeFileSync(snapshotFile, current);
	return fs.readFileSync(snapshotFile, 'utf8');
}

module.exports = { recordedDescriptions };
