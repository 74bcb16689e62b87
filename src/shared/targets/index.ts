export * from './address';
export * from './host-list';
export * from './parse-targets';
