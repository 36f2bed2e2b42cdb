// Copies what tsc does not emit into dist/: the node and credential icons and the codex file.
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
