export { parseFtm } from './parseFtm';
export { exportFtm, FTM_ID_PREFIX } from './exportFtm';
export type { FtmEntity, FtmProperties } from './model';
