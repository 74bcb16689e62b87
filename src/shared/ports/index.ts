export * from './parse-ports';
export * from './services';
export * from './top-ports';
export * from './request-ports';
