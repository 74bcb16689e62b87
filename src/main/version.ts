// A named import lets the bundler inline only the version, not the whole package.json.
import { version } from '../../package.json';

export const APP_VERSION: string = version;
export const APP_NAME = 'Porthole';
