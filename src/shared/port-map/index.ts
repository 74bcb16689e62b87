export * from './port-runs';
