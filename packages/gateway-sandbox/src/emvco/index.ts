export {
  buildEmvPayload,
  crc16Ccitt,
  type EmvField,
  encodeEmvFields,
  hasValidEmvCrc,
  parseEmvFields,
} from './emvco.ts';
