// One answer to "is there an Electron binary?" for the specs and `npm start` (scripts/start.mjs).
export { electronBinary } from '../scripts/electron-binary.cjs';
