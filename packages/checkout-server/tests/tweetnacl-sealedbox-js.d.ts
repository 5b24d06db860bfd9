// The package ships no types; this is the part of its API the Ktpay interop test uses.
declare module 'tweetnacl-sealedbox-js' {
  export const overheadLength: number;
  export function seal(message: Uint8Array, publicKey: Uint8Array): Uint8Array;
  export function open(
    sealed: Uint8Array,
    publicKey: Uint8Array,
    secretKey: Uint8Array,
  ): Uint8Array | null;
}
