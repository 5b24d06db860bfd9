export { ksherSigningString, renderKsherValue, signKsher, verifyKsher } from './signature.ts';
