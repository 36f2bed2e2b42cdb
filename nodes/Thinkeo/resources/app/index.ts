import { defineResource } from '../../operationKit/builder';
import { archiveApp } from './archive';
import { cloneAppVersion } from './cloneVersion';
import { createApp } from './create';
import { createAppWizard } from './createWizard';
import { deleteAppWizard } from './deleteWizard';
import { exportAppVersion } from './exportVersion';
import { getApp } from './get';
import { getAppDependencies } from './getDependencies';
import { getAppIcon } from './getIcon';
import { getManyApps } from './getMany';
import { getAppPrices } from './getPrices';
import { getAppUsage } from './getUsage';
import { getAppVersion } from './getVersion';
import { getAppVersions } from './getVersions';
import { getAppWizard } from './getWizard';
import { importApp } from './import';
import { publishAppVersion } from './publishVersion';
import { setAppIcon } from './setIcon';
import { updateApp } from './update';
import { updateAppWizard } from './updateWizard';

export const appResource = defineResource({
	value: 'app',
	name: 'App',
	description: 'Thinkeo Apps: configured document generators with versions, a wizard, an icon and prices',
	operations: [
		getManyApps,
		getApp,
		createApp,
		updateApp,
		archiveApp,
		getAppVersions,
		getAppVersion,
		publishAppVersion,
		cloneAppVersion,
		exportAppVersion,
		importApp,
		getAppIcon,
		setAppIcon,
		getAppWizard,
		createAppWizard,
		updateAppWizard,
		deleteAppWizard,
		getAppDependencies,
		getAppPrices,
		getAppUsage,
	],
});
