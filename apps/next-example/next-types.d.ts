// What Next's generated next-env.d.ts provides, checked in so `typecheck` works before any build.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
