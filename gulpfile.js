// Build steps around tsc: start from an empty dist/, then copy what tsc does not emit
// (the node and credential icons and the codex file).
const { rmSync } = require('fs');
const { src, dest } = require('gulp');

async function clean() {
	rmSync('dist', { recursive: true, force: true });
}

function buildAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = buildAssets;
